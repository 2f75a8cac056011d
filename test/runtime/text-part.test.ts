// TextPart writes the text part tidied as it goes; it must equal the tidy rule applied to the
// whole text: spaces beside a line break removed, runs of three or more breaks made two, trimmed.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitText, TextPart } from "../../runtime/text.js";

const tidied = (s: string) => s.replace(/ +\n/g, "\n").replace(/\n +/g, "\n").replace(/\n{3,}/g, "\n\n").trim();

const write = (pieces: { constant: boolean; s: string }[]) => {
  const t = new TextPart();
  for (const p of pieces) {
    if (p.constant) t.c(...splitText(p.s));
    else t.v(p.s);
  }
  return t.text();
};

describe("TextPart", () => {
  it("writes what tidying the whole text gives, for any constants and values", () => {
    const s = fc.oneof(fc.string(), fc.array(fc.constantFrom(" ", "  ", "\n", "\n\n\n", "\r\n", "\t", "a", "b c", "é")).map((a) => a.join("")));
    const pieces = fc.array(fc.record({ constant: fc.boolean(), s }), { maxLength: 12 });
    fc.assert(fc.property(pieces, (p) => write(p) === tidied(p.map((x) => x.s).join(""))), { numRuns: 10_000 });
  });

  it("keeps one blank line where blocks were skipped, and a value's own spaces", () => {
    const pieces = [
      { constant: true, s: "\nHi " },
      { constant: false, s: "Ana  Bo" },
      { constant: true, s: ",\n" },
      { constant: true, s: "\n" },
      { constant: false, s: " \n" },
      { constant: true, s: "\n\nBye \n" },
    ];
    expect(write(pieces)).toBe("Hi Ana  Bo,\n\nBye");
  });

  it("prints numbers", () => {
    const t = new TextPart();
    t.c("", "Total:", " ");
    t.v(12);
    expect(t.text()).toBe("Total: 12");
  });
});

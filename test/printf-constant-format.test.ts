// printf with a constant format is compiled verb by verb (compiler/emit/emit-printf.ts): each
// case here is compiled once, then rendered for random values of the types its verbs give the
// arguments (missing included: what validate() accepts) and held equal to the runtime's sprintf
// on the same values.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile, renderTemplate } from "../compiler/index.js";
import { sprintf } from "../runtime/printf.js";

const missing = fc.constantFrom(null, undefined);
const numbers = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.integer({ min: -1e6, max: 1e6 }).map((k) => k / 100), // prices and percentages
  fc.integer({ min: -1000, max: 1000 }).map((k) => k + 0.5), // ties
  fc.constantFrom(-0, 2 ** 53, 1e21, 5e-324, 0x1f600),
  missing,
);
const strings = fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.constantFrom("", "a`b", '"q"\\', "\u{1f600}x", "\u00ad\u2028\ufeff"), missing);
const booleans = fc.oneof(fc.boolean(), missing);
const ascii = fc.string({ unit: fc.constantFrom(..."abcXYZ 1-") });
const anything = fc.oneof(fc.jsonValue({ maxDepth: 2 }), missing);

// [format, arguments (template expressions), the data they read, the values sprintf gets]
type Case = [string, string, fc.Arbitrary<Record<string, unknown>>, (d: Record<string, unknown>) => unknown[]];
const one = (format: string, values: fc.Arbitrary<unknown>): Case => [format, ".a", fc.record({ a: values }), (d) => [d.a]];

const CASES: Case[] = [
  ...["%d", "%5d", "%-5d|", "%05d", "%+d", "% d", "%x", "%X", "%#x", "%o", "%#o", "%O", "%b", "%.3d", "%c", "%U", "%#U"].map((f) => one(f, numbers)),
  // Plain %f and %.Nf up to %.100f are printfPoint, the others printfFixed: the limit both ways,
  // and what toFixed cannot write (NaN, infinities, from 1e21 on).
  ...["%.1f", "%.100f", "%.101f", "%8.1f"].map((f) => one(f, fc.constantFrom(NaN, Infinity, -Infinity, -0, 1e21, 1.5e300, 2 ** 70 + 2 ** 18, 0.125, -2.5))),
  one("%.100f", numbers),
  ...["%f", "%.2f", "%.1f%%", "%.0f", "%8.3f", "%-8.1f|", "%08.3f", "%+.2f", "% .2f", "%#.0f", "%e", "%+.1e", "%E", "%g", "%.3g", "%#g", "%G", "%F"].map((f) => one(f, numbers)),
  ...["%v", "%6v", "%-6v|", "%+v", "%.2v", "%#v"].map((f) => one(f, numbers)),
  ...["%s", "%10s", "%-10s|", "%.3s", "%5.1s", "%010s", "%q", "%+q", "%#q", "%8q", "%x", "% x", "%#X", "%v", "%#v", "%5v"].map((f) => one(f, strings)),
  ...["%t", "%v", "%6t", "%-6v|", "%#v"].map((f) => one(f, booleans)),
  ...["%v", "%5v", "%#v", "%-3.1v"].map((f) => one(f, anything)),
  [
    "%s is %d years and %.1f%% done: %t",
    ".s .n .f .b",
    fc.record({ s: strings, n: numbers, f: numbers, b: booleans }),
    (d) => [d.s, d.n, d.f, d.b],
  ],
  ["%[2]d %[1]s %[2]v|%[1]q", ".s .n", fc.record({ s: strings, n: numbers }), (d) => [d.s, d.n]],
  ["%[2]s", "(upper .s) (lower .t)", fc.record({ s: ascii, t: ascii }), (d) => [String(d.s).toUpperCase(), String(d.t).toLowerCase()]],
  ["%d items", "(len .list)", fc.record({ list: fc.array(fc.nat(), { maxLength: 5 }) }), (d) => [(d.list as unknown[]).length]],
  // fallback's default may be of another type than the field: the result is either (%s or %d
  // of it is a compile error, see test/semantics).
  ["%v|%5v", "(fallback .s 7) (fallback .s 7)", fc.record({ s: strings }), (d) => [d.s || 7, d.s || 7]],
  ["%v%%|%6v", "(fallback .n \"none\") (fallback .n \"none\")", fc.record({ n: numbers }), (d) => [d.n || "none", d.n || "none"]],
  ["%v %s %d", "1.5 \"x\" 7", fc.constant({}), () => [1.5, "x", 7]],
  ["%s and %5.2f", "\"x\" .n", fc.record({ n: numbers }), (d) => ["x", d.n]],
  ["no verbs, 100%%", "", fc.constant({}), () => []],
];

describe("printf with a constant format", () => {
  for (const [format, args, data, values] of CASES) {
    it(`{{printf ${JSON.stringify(format)} ${args}}} prints what sprintf prints`, async () => {
      const template = `{{printf ${JSON.stringify(format)} ${args}}}`;
      await fc.assert(
        fc.asyncProperty(data, async (d) => {
          expect(await renderTemplate(template, d)).toBe(sprintf(format, values(d)));
        }),
        { numRuns: 300 },
      );
    });
  }

  it("imports only the verbs it uses, and sprintf only for a * width or a format known at run time", async () => {
    const imports = async (source: string) => {
      const { code } = await compile(source, { filename: "a.tmpl" });
      return /import \{([^}]*)\}/.exec(code)![1].split(",").map((s) => s.trim().split(" ")[0]).filter((n) => /^(printf|sprintf|formatValue)/.test(n));
    };
    expect(await imports('{{printf "%.2f €" .price}} {{printf "%s: %d" .name .n}}')).toEqual(["printfInt", "printfPoint"]);
    expect(await imports('{{printf "%8.2f" .price}} {{printf "%.101f" .price}}')).toEqual(["printfFixed"]);
    expect(await imports('{{printf "%s %v" .name .name}} {{printf "%d" (len .list)}}')).toEqual([]);
    expect(await imports('{{printf "%*d" 5 .n}}')).toEqual(["sprintf"]);
    expect(await imports("{{printf .format .n}}")).toEqual(["sprintf"]);
  });
});

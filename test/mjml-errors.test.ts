// MJML sources that cannot weave, or that MJML itself complains about: each is a
// positioned diagnostic at the template's line.
import { describe, expect, it } from "vitest";
import { compile, type Diagnostic } from "../compiler/index.js";

async function diagnostics(source: string): Promise<Diagnostic[]> {
  try {
    return (await compile(source, { filename: "t.mjml" })).diagnostics;
  } catch (e) {
    return (e as { diagnostics: Diagnostic[] }).diagnostics;
  }
}

const page = (body: string) => `<mjml>\n<mj-body>\n${body}\n</mj-body>\n</mjml>\n`;

describe("MJML diagnostics", () => {
  it("warns at a conditional around a column: MJML sized the columns for all of them", async () => {
    const d = await diagnostics(page(`<mj-section>\n<mj-column><mj-text>A</mj-text></mj-column>\n{{if .b}}<mj-column><mj-text>B</mj-text></mj-column>{{end}}\n</mj-section>`));
    expect(d.map((x) => [x.code, x.severity, x.line, x.column])).toEqual([["column_variant_width", "warning", 5, 1]]);
  });

  it("reports markup that MJML dropped, at the action", async () => {
    const d = await diagnostics(page(`<mj-section><mj-column>\n<mj-image src="a.png" width="{{.w}}px"></mj-image>\n</mj-column></mj-section>`));
    expect(d.find((x) => x.code === "mjml_dropped_markup")).toMatchObject({ severity: "error", line: 4, column: 30, message: expect.stringContaining("the width attribute of mj-image") });
  });

  it("rejects markup inside a tag outside an attribute value", async () => {
    const d = await diagnostics(page(`<mj-section><mj-column>\n<mj-text {{if .b}}align="center"{{end}}>x</mj-text>\n</mj-column></mj-section>`));
    expect(d.some((x) => x.code === "markup_in_tag" && x.line === 4)).toBe(true);
  });

  it("reports MJML's own validation at the template's line, as a warning", async () => {
    const d = await diagnostics(page(`<mj-section>\n<mj-column>\n<mj-text colour="red">{{.x}}</mj-text>\n</mj-column>\n</mj-section>`));
    expect(d).toContainEqual(expect.objectContaining({ code: "mjml_error", severity: "warning", line: 5, message: expect.stringContaining("colour") }));
  });

  it("makes MJML's validation an error with strict", async () => {
    const source = page(`<mj-section><mj-column><mj-text colour="red">x</mj-text></mj-column></mj-section>`);
    const { compileTemplate } = await import("../compiler/pipeline.js");
    const result = await compileTemplate(source, { filename: "t.mjml", format: "mjml", partials: {}, functions: new Set(), runtime: "x", typeName: "T", strict: true });
    expect(result.diagnostics.find((x) => x.code === "mjml_error")?.severity).toBe("error");
    expect(result.module).toBeUndefined();
  });

  it("rejects a block that opens inside an attribute and closes outside it", async () => {
    const d = await diagnostics(page(`<mj-section><mj-column>\n<mj-button href="{{if .a}}x">y{{end}}</mj-button>\n</mj-column></mj-section>`));
    expect(d.some((x) => x.severity === "error" && x.line === 4)).toBe(true);
  });
});

describe("MJML elements whose children a block cannot wrap", () => {
  for (const [element, source] of [
    ["mj-head", `<mjml><mj-head>{{if .dark}}<mj-style>.x { color: white; }</mj-style>{{end}}</mj-head><mj-body></mj-body></mjml>`],
    ["mj-attributes", `<mjml><mj-head><mj-attributes>{{if .big}}<mj-text font-size="20px"/>{{end}}</mj-attributes></mj-head><mj-body></mj-body></mjml>`],
    ["mj-carousel", `<mjml><mj-body><mj-section><mj-column><mj-carousel>{{range .imgs}}<mj-carousel-image src="{{.}}" />{{end}}</mj-carousel></mj-column></mj-section></mj-body></mjml>`],
  ]) {
    it(element, async () => {
      const d = await diagnostics(source);
      expect(d.map((x) => x.code)).toContain("block_in_merged_element");
    });
  }

  it("a value inside mj-style works", async () => {
    const d = await diagnostics(`<mjml><mj-head><mj-style>.x { color: {{.color}}; }</mj-style></mj-head><mj-body><mj-section><mj-column><mj-text css-class="x">Hi</mj-text></mj-column></mj-section></mj-body></mjml>`);
    expect(d).toEqual([]);
  });
});

describe("MJML trims an element's content", () => {
  it("so a value at its edge that renders empty leaves no space, in the string and the bytes", async () => {
    const { renderTemplate } = await import("../compiler/index.js");
    const source = `<mjml><mj-body><mj-section><mj-column><mj-text>{{.greeting}} {{.name}}</mj-text><mj-text>{{if .x}}X{{end}} after</mj-text></mj-column></mj-section></mj-body></mjml>`;
    const email = await renderTemplate(source, { name: "Ada" }, { filename: "trim.mjml" });
    expect(email.html).toContain(">Ada</div>");
    expect(email.html).toContain(">after</div>");
    const full = await renderTemplate(source, { greeting: "Hello", name: "Ada", x: true }, { filename: "trim.mjml" });
    expect(full.html).toContain(">Hello Ada</div>");
    expect(full.html).toContain(">X after</div>");
  });

  it("names {{template}} and {{block}} in MJML as unsupported, with what to do instead", async () => {
    for (const [action, markup] of [["template", `{{template "greet" .}}`], ["block", `{{block "other" .}}Hi{{end}}`]]) {
      const d = await diagnostics(`{{define "greet"}}Hello{{end}}` + page(`<mj-section><mj-column>\n<mj-text>${markup}</mj-text>\n</mj-column></mj-section>`));
      expect(d, action).toEqual([
        expect.objectContaining({ code: "unsupported", line: 4, column: 10, message: `{{${action}}} in an MJML source is not supported`, notes: [expect.objectContaining({ message: expect.stringContaining("<mj-include>") })] }),
      ]);
    }
  });
});

// mj-include, resolved by the compiler: markup inside included files works, errors point
// into them, and paths may not leave the templates folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compileTemplate } from "../compiler/pipeline.js";

const root = mkdtempSync(join(tmpdir(), "microtarget-include-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(join(root, "partials"));
writeFileSync(join(root, "partials/header.mjml"), `<mjml>\n  <mj-body>\n    <mj-section><mj-column><mj-text>Hi {{.FirstName}}{{if .vip}} ★{{end}}</mj-text></mj-column></mj-section>\n  </mj-body>\n</mjml>\n`);
writeFileSync(join(root, "partials/broken.mjml"), `<mj-section><mj-column><mj-text>{{if .x}}open</mj-text></mj-column></mj-section>\n`);
writeFileSync(join(root, "partials/brand.css"), `.brand { color: {{fallback .color "#123456"}}; }`);

async function compileAt(name: string, text: string) {
  const file = join(root, name);
  writeFileSync(file, text);
  return compileTemplate(text, { filename: relative(process.cwd(), file), format: "mjml", partials: {}, functions: new Set(), runtime: "x", typeName: "T", root });
}

const page = (inner: string) => `<mjml>\n  <mj-body>\n    ${inner}\n  </mj-body>\n</mjml>\n`;

describe("mj-include", () => {
  it("includes a file whose markup renders and records it as a dependency", async () => {
    const r = await compileAt("mail.mjml", page(`<mj-include path="./partials/header.mjml" />\n    <mj-section><mj-column><mj-text>Body</mj-text></mj-column></mj-section>`));
    expect(r.diagnostics).toEqual([]);
    expect(r.module?.ts).toContain('" ★"');
    expect(r.dependencies).toEqual([join(root, "partials/header.mjml")]);
  });

  it("includes CSS with markup as mj-style", async () => {
    const r = await compileAt("css.mjml", `<mjml>\n  <mj-head><mj-include path="./partials/brand.css" type="css" /></mj-head>\n  <mj-body><mj-section><mj-column><mj-text css-class="brand">x</mj-text></mj-column></mj-section></mj-body>\n</mjml>\n`);
    expect(r.diagnostics).toEqual([]);
    expect(r.module?.ts).toContain("#123456");
  });

  it("points errors into the included file", async () => {
    const r = await compileAt("bad.mjml", page(`<mj-include path="./partials/broken.mjml" />`));
    expect(r.diagnostics.map((d) => [d.code, d.file, d.line, d.column])).toEqual([["unclosed_block", relative(process.cwd(), join(root, "partials/broken.mjml")), 1, 33]]);
  });

  it("rejects paths outside the templates folder, missing files and cycles", async () => {
    writeFileSync(join(root, "partials/loop.mjml"), `<mj-include path="./loop.mjml" />`);
    const r = await compileAt("outside.mjml", page(`<mj-include path="../../etc/passwd" />\n    <mj-include path="./partials/nope.mjml" />\n    <mj-include path="./partials/loop.mjml" />`));
    expect(r.diagnostics.map((d) => [d.code, d.line, d.message])).toEqual([
      ["include_error", 3, 'mj-include path "../../etc/passwd" leaves the templates folder: includes must stay inside it'],
      ["include_error", 4, 'mj-include "./partials/nope.mjml": no such file'],
      ["include_error", 1, 'mj-include "./loop.mjml" includes itself (directly or through other files)'],
    ]);
  });
});

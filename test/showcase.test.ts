// The showcase: `microtarget build` of templates/ into a fresh dist/, then every template of
// dist/index.js rendered for every audience in templates/<name>.data/.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { camelCase } from "../compiler/names.js";

const root = resolve(import.meta.dirname, "..");
const out = mkdtempSync(join(tmpdir(), "microtarget-showcase-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

// templates/<path>.<ext> with audiences in templates/<path>.data/*.json
function showcase(dir = join(root, "templates"), prefix = ""): { path: string; audiences: string[] }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory() && e.name !== "partials" && !e.name.endsWith(".data")) return showcase(join(dir, e.name), `${prefix}${e.name}/`);
    const m = /^(.*)\.(mjml|tmpl)$/.exec(e.name);
    if (!e.isFile() || !m) return [];
    const data = join(dir, `${m[1]}.data`);
    const audiences = existsSync(data) ? readdirSync(data).filter((f) => f.endsWith(".json")).sort() : [];
    return [{ path: `${prefix}${m[1]}`, audiences: audiences.map((f) => join(data, f)) }];
  });
}

let index: Record<string, { render(data: unknown): unknown; validate(data: unknown): unknown; tags: readonly string[]; renderHtmlShared?(data: unknown): Uint8Array; renderHtmlBytes?(data: unknown): Uint8Array; renderHtml?(data: unknown): string }>;
beforeAll(async () => {
  execFileSync(process.execPath, [join(root, "bin/microtarget.js"), "build", "templates", "--out", out], { cwd: root, stdio: "pipe" });
  index = await import(pathToFileURL(join(out, "index.js")).href);
}, 120_000);

describe("showcase", () => {
  const templates = showcase();
  it("has templates, each with audiences", () => {
    expect(templates.length).toBeGreaterThan(10);
    for (const t of templates) expect(t.audiences.length, t.path).toBeGreaterThan(0);
  });

  for (const t of templates) {
    it(`${t.path}: every audience renders cleanly`, () => {
      const module = index[camelCase(t.path)];
      expect(module, t.path).toBeDefined();
      for (const file of t.audiences) {
        const sample = JSON.parse(readFileSync(file, "utf8"));
        expect(() => module.validate(sample), file).not.toThrow(); // the sample data fits the inferred type
        const rendered = module.render(sample);
        const text = typeof rendered === "string" ? rendered : Object.values(rendered as object).join("\n");
        for (const bad of ["undefined", "NaN", "[object Object]", "<no value>", "\uFDD0"]) expect(text, `${file}: ${bad}`).not.toContain(bad);
        if (typeof rendered !== "string") {
          const email = rendered as { subject: string; html: string; text: string };
          // The UTF-8 paths give the same HTML, the shared buffer as well as the fresh one.
          const data = JSON.parse(readFileSync(file, "utf8"));
          expect(new TextDecoder().decode(module.renderHtmlShared!(data)), file).toBe(email.html);
          expect(new TextDecoder().decode(module.renderHtmlBytes!(data)), file).toBe(email.html);
          expect(module.renderHtml!(data), file).toBe(email.html);
          expect(email.subject, file).not.toBe("");
          expect(email.html, file).toMatch(/^<!doctype html>/);
          expect(email.text.length, file).toBeGreaterThan(40);
        }
      }
    });
  }

  it("the Dropbox email gives 8 distinct variants for the 8 tag combinations", () => {
    const dropbox = templates.find((t) => t.path === "dropbox-earn-space");
    expect(dropbox?.audiences.length).toBe(8);
    const htmls = new Set(dropbox!.audiences.map((f) => (index.dropboxEarnSpace.render(JSON.parse(readFileSync(f, "utf8"))) as { html: string }).html));
    expect(htmls.size).toBe(8);
  });
});

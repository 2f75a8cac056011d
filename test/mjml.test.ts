// MJML fixtures, through the real path (compile → weave → emit → esbuild → import → render):
// - the HTML equals the reference — the markup run first (as a text template) and MJML after,
//   per contact — once whitespace is folded and adjacent Outlook conditional comments merged;
// - the subject, preheader and plain-text part equal expected.<variant>.txt (UPDATE=1 writes
//   them; a failing case writes _actual.<variant>.txt beside them). FILTER=name runs some.
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import mjml2html from "mjml";
import { describe, expect, it } from "vitest";
import { renderTemplate } from "../compiler/index.js";

const root = resolve(import.meta.dirname, "fixtures");
const filter = process.env.FILTER;
const update = process.env.UPDATE === "1";

/** normalize folds whitespace and merges adjacent Outlook conditional comments. */
export function normalize(html: string): string {
  return html
    .replace(/\s+/g, " ")
    .replace(/> </g, "><")
    .replace(/<!\[endif\]--> ?<!--\[if mso \| IE\]>/g, "")
    .trim();
}

// reference renders the markup first, as text, then runs MJML on the result.
async function reference(source: string, data: unknown): Promise<{ html: string; title: string; preview: string }> {
  const body = source.replace(/^---\r?\n[^]*?\r?\n---\r?\n/, "");
  const mjml = await renderTemplate(body, data, { filename: "reference.tmpl", format: "text" });
  const { html } = await mjml2html(mjml, { validationLevel: "skip" });
  const title = /<mj-title>([^]*?)<\/mj-title>/.exec(mjml)?.[1] ?? "";
  const preview = /<mj-preview>([^]*?)<\/mj-preview>/.exec(mjml)?.[1] ?? "";
  return { html, title, preview };
}

const cases = readdirSync(root).filter((name) => existsSync(join(root, name, "input.mjml")) && (!filter || name.includes(filter)));

describe("MJML fixtures", () => {
  for (const name of cases) {
    const dir = join(root, name);
    const source = readFileSync(join(dir, "input.mjml"), "utf8");
    const variants = readdirSync(dir).filter((f) => /^data\..+\.json$/.test(f)).map((f) => f.slice(5, -5));
    for (const variant of variants) {
      it(`${name} (${variant})`, async () => {
        const data = JSON.parse(readFileSync(join(dir, `data.${variant}.json`), "utf8"));
        const email = await renderTemplate(source, data, { filename: `${name}.mjml`, format: "mjml" });
        const ref = await reference(source, data);
        expect(normalize(email.html)).toBe(normalize(ref.html));
        if (!source.startsWith("---")) expect(email.subject).toBe(ref.title.replace(/\s+/g, " ").trim());
        expect(email.preheader).toBe(ref.preview.replace(/\s+/g, " ").trim());
        for (const bad of ["undefined", "NaN", "[object Object]", "<no value>", "\uFDD0"]) {
          expect(email.html + email.text + email.subject).not.toContain(bad);
        }
        const actual = `subject: ${email.subject}\npreheader: ${email.preheader}\n\n${email.text}\n`;
        const expectedFile = join(dir, `expected.${variant}.txt`);
        const actualFile = join(dir, `_actual.${variant}.txt`);
        if (update || !existsSync(expectedFile)) writeFileSync(expectedFile, actual);
        const expected = readFileSync(expectedFile, "utf8");
        if (actual !== expected) writeFileSync(actualFile, actual);
        else rmSync(actualFile, { force: true });
        expect(actual).toBe(expected);
      });
    }
  }
});

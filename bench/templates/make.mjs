// Writes the comparison engines' templates (bench/templates/<name>.{hbs,liquid,eta,gotmpl}) and
// the marked base HTML (<name>.base.html) from a showcase MJML template:
//   1. every Go action of the template becomes a marker [[k]] (an action alone on its line,
//      between MJML elements, becomes <mj-raw>[[k]]</mj-raw>); a line that only assigns a
//      variable becomes <mj-raw>[[Ak]]</mj-raw>, which every engine prints as nothing (each
//      declares its variables in its prelude, before the <head> that uses them) — it keeps the
//      whitespace microtarget keeps there;
//   2. MJML compiles that once (the options microtarget uses) into the base HTML;
//   3. the <head> parts that follow the recipient (column media queries MJML writes only for
//      the columns a recipient gets) are marked [[Hk]] by the patches in translations.mjs;
//   4. each marker becomes the engine's syntax from the hand-written tables in
//      translations.mjs (Go: the action itself, with `| html` on the actions that print,
//      `| urlquery` instead where the value is a URL's query parameter).
// Run: node bench/templates/make.mjs   (--list prints the numbered actions); `npm run bench`
// refuses to run when these files are stale, and checks every engine's output against
// microtarget's for 1,000 contacts. The hand-written renders (bench/hand/) use the base HTML.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import mjml2html from "mjml";
import { TEMPLATES } from "./translations.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");

/**
 * markTemplate turns a template into MJML with markers: each action [[k]] (alone on its line:
 * <mj-raw>[[k]]</mj-raw>), each line that only assigns a variable <mj-raw>[[Ak]]</mj-raw>.
 */
export function markTemplate(source) {
  const body = source.replace(/^---\r?\n[^]*?\r?\n---\r?\n/, "");
  const actions = [];
  const assignments = [];
  const lines = [];
  for (const line of body.split("\n")) {
    if (/^\s*\{\{\s*\$\w+\s*:=[^]*\}\}\s*$/.test(line)) {
      lines.push(line.replace(/\{\{[^]*\}\}/, `<mj-raw>[[A${assignments.push(line.trim()) - 1}]]</mj-raw>`));
      continue;
    }
    const alone = /^\s*(\{\{[^]*?\}\}\s*)+$/.test(line);
    lines.push(
      line.replace(/\{\{[^]*?\}\}/g, (action) => {
        const k = actions.push(action) - 1;
        return alone ? `<mj-raw>[[${k}]]</mj-raw>` : `[[${k}]]`;
      }),
    );
  }
  return { mjml: lines.join("\n"), actions, assignments };
}

const PRINTS = /^\{\{-?\s*(?!if\b|else\b|end\b|range\b|with\b|template\b|block\b|define\b|break\b|continue\b|\$\w+\s*:?=)/;

/** generate returns the files make.mjs writes for one template: name → content. */
export async function generate(t) {
  const source = fs.readFileSync(path.join(root, t.source), "utf8");
  const { mjml, actions, assignments } = markTemplate(source);
  const result = await mjml2html(mjml, { validationLevel: "soft", keepComments: true });
  let base = result.html;
  for (const [find, replacement] of t.head) {
    if (base.split(find).length !== 2) throw new Error(`${t.name}: head patch ${JSON.stringify(find)} not found exactly once`);
    base = base.replace(find, replacement);
  }
  if (/\[\[(?![AH]?\d+\]\])/.test(base)) throw new Error(`${t.name}: stray [[ in the base HTML`);
  const used = new Set([...base.matchAll(/\[\[(\d+)\]\]/g)].map((m) => Number(m[1])));
  if (used.size !== actions.length) throw new Error(`${t.name}: MJML kept ${used.size} of ${actions.length} markers`);
  const files = { [`${t.name}.base.html`]: base };
  const go = {
    prelude: assignments.join("") + (t.go?.prelude ?? ""),
    actions: actions.map((a, k) => t.go.actions?.[k] ?? (PRINTS.test(a) ? a.replace(/\s*\}\}$/, " | html}}") : a)),
    head: t.go.head,
  };
  for (const [ext, tr] of [...Object.entries(t.engines), ["gotmpl", go]]) {
    if (tr.actions.length !== actions.length) throw new Error(`${t.name}.${ext}: ${tr.actions.length} translations for ${actions.length} actions`);
    files[`${t.name}.${ext}`] = tr.prelude + base.replace(/\[\[([AH]?)(\d+)\]\]/g, (_, kind, k) => (kind === "H" ? tr.head[k] : kind === "A" ? "" : tr.actions[k]));
  }
  return { files, actions };
}

/** stale lists the generated files that differ from what make.mjs would write now (the showcase template changed). */
export async function stale() {
  const out = [];
  for (const t of TEMPLATES) {
    const { files } = await generate(t);
    for (const [name, content] of Object.entries(files)) {
      const file = path.join(here, name);
      if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== content) out.push(`bench/templates/${name}`);
    }
  }
  return out;
}

async function main() {
  for (const t of TEMPLATES) {
    if (process.argv.includes("--list")) {
      const { actions } = markTemplate(fs.readFileSync(path.join(root, t.source), "utf8"));
      console.log(`\n${t.name}: ${actions.length} actions`);
      actions.forEach((a, k) => console.log(String(k).padStart(3), a));
      continue;
    }
    const { files, actions } = await generate(t);
    for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(here, name), content);
    console.log(`${t.name}: ${actions.length} actions → ${Object.keys(files).join(", ")}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();

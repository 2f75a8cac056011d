// Sizes, and the cold start of a template module:
//  1. `microtarget build templates --out <tmp>`; for the shared runtime.js and each template
//     module (<name>.js, which imports ./runtime.js): raw bytes, minified (esbuild transform,
//     minify: true) and minified + gzipped (zlib level 9);
//  2. for each template its "static HTML": the template source with every action removed
//     (`{{` … `}}`, scanned with Go's lexer rules: strings, raw strings, rune literals and
//     comments may hold `}}`; trim markers `{{- ` / ` -}}` trim the white space beside them),
//     front matter dropped, run through mjml2html once (the compiler's options), gzipped.
//     A text template (.tmpl) has no HTML: its static text is gzipped instead. The ratio is
//     module min+gz / static gz;
//  3. the runtime as a bundler would ship it with one template: only the exports that module
//     imports (esbuild bundle, tree-shaken, minified, gzipped);
//  4. importing a template module and its first render, in a fresh Node process each time
//     (median of 5): `await import(module)` + one `render(data)` of the first audience in
//     templates/<name>.data/, for the two emails of the render benchmark; and, in 5 more
//     processes, the same split into importing runtime.js, then the module, then the render.
//
//   node bench/sizes.mjs          (after `node scripts/build-compiler.mjs`; npm run bench runs it)
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import zlib from "node:zlib";
import * as esbuild from "esbuild";
import mjml2html from "mjml";
import { EMAILS } from "./emails.mjs";
import { listTemplates, median } from "./util.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");

const COLD_PROCESSES = 5;
const MJML_OPTIONS = { validationLevel: "soft", keepComments: true }; // as the compiler runs MJML

const gz = (s) => zlib.gzipSync(s, { level: 9 }).length;
const bytes = (s) => Buffer.byteLength(s);


/** The templates a build compiles: every .mjml and .tmpl under templates/, not partials or sample data. */
const templates = () => listTemplates(path.join(root, "templates"), /\.(mjml|tmpl)$/);

const isSpace = (c) => c === " " || c === "\t" || c === "\r" || c === "\n";

/**
 * stripActions removes every action from a Go template, `{{` through its closing `}}`, as Go's
 * lexer finds it: inside an action a `}}` in a "string" (with backslash escapes), a `raw
 * string` or a 'rune' does not close it, and a comment `{{/* … *\/}}` runs to its `*\/`.
 * A left trim marker (`{{- `) removes the white space before the action, a right one (` -}}`)
 * the white space after it, as executing the template would.
 */
export function stripActions(src) {
  let out = "";
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf("{{", i);
    if (open < 0) {
      out += src.slice(i);
      break;
    }
    out += src.slice(i, open);
    let j = open + 2;
    if (src[j] === "-" && isSpace(src[j + 1])) {
      out = out.replace(/[ \t\r\n]+$/, "");
      j += 2;
    }
    while (isSpace(src[j])) j++;
    let close = -1;
    if (src.startsWith("/*", j)) {
      const end = src.indexOf("*/", j + 2);
      if (end < 0) throw new Error(`unclosed comment at offset ${open}`);
      j = end + 2;
    }
    for (; j < src.length; j++) {
      const c = src[j];
      if (c === '"' || c === "'") {
        for (j++; j < src.length && src[j] !== c; j++) if (src[j] === "\\") j++;
      } else if (c === "`") {
        j = src.indexOf("`", j + 1);
        if (j < 0) break;
      } else if (c === "}" && src[j + 1] === "}") {
        close = j;
        break;
      }
    }
    if (close < 0) throw new Error(`unclosed action at offset ${open}`);
    let next = close + 2;
    if (src[close - 1] === "-" && isSpace(src[close - 2])) while (isSpace(src[next])) next++;
    i = next;
  }
  return out;
}

const stripFrontMatter = (s) => s.replace(/^---\r?\n[^]*?\r?\n---\r?\n/, "");

async function staticOutput(file) {
  const source = stripFrontMatter(fs.readFileSync(file, "utf8"));
  const bare = stripActions(source);
  if (file.endsWith(".tmpl")) return { kind: "text", bytes: bytes(bare), gzBytes: gz(bare) };
  const { html } = await mjml2html(bare, MJML_OPTIONS);
  return { kind: "html", bytes: bytes(html), gzBytes: gz(html) };
}

async function measure(code) {
  const min = (await esbuild.transform(code, { minify: true, format: "esm", loader: "js" })).code;
  return { rawBytes: bytes(code), minBytes: bytes(min), minGzBytes: gz(min), rawGzBytes: gz(code) };
}

/** The runtime as a bundler ships it beside one module: only what the module imports from it. */
async function runtimeFor(dist, moduleCode) {
  const m = /import\s*\{([^}]*)\}\s*from\s*"(?:\.\.\/)*\.?\/?runtime\.js"/.exec(moduleCode);
  if (!m) return null;
  const names = m[1].split(",").map((s) => s.trim().split(/\s+as\s+/)[0]).filter(Boolean);
  const r = await esbuild.build({
    stdin: { contents: `export { ${names.join(", ")} } from "./runtime.js";`, resolveDir: dist, loader: "js" },
    bundle: true,
    write: false,
    format: "esm",
    minify: true,
    treeShaking: true,
    logLevel: "silent",
  });
  const code = r.outputFiles[0].text;
  return { imports: names.length, minBytes: bytes(code), minGzBytes: gz(code) };
}

function runNode(script) {
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`node -e failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop());
}

/**
 * Import a module and render once, in a fresh process: as a whole (the first import of the
 * process: `await import(module)` + `render(data)`), and, in other processes, split: an empty
 * module first (what Node's ESM loader costs on its first import, whatever the file), then
 * runtime.js, then the module, its first render and a second one.
 */
function coldStart(moduleFile, runtimeFile, emptyFile, dataFile) {
  const url = (f) => JSON.stringify(pathToFileURL(f).href);
  const read = `const data = JSON.parse((await import("node:fs")).readFileSync(${JSON.stringify(dataFile)}, "utf8"));`;
  const whole = `${read}
const t0 = performance.now();
const m = await import(${url(moduleFile)});
const out = m.render(data);
const t1 = performance.now();
if (!out.html && !out.text) throw new Error("empty render");
console.log(JSON.stringify({ ms: t1 - t0 }));`;
  const split = `${read}
const t = [performance.now()];
await import(${url(emptyFile)});
t.push(performance.now());
await import(${url(runtimeFile)});
t.push(performance.now());
const m = await import(${url(moduleFile)});
t.push(performance.now());
m.render(data);
t.push(performance.now());
m.render(data);
t.push(performance.now());
console.log(JSON.stringify(t.slice(1).map((x, i) => x - t[i])));`;
  const runs = [];
  const parts = [];
  for (let i = 0; i < COLD_PROCESSES; i++) {
    runs.push(runNode(whole).ms);
    parts.push(runNode(split));
  }
  const part = (k) => median(parts.map((p) => p[k]));
  return {
    medianMs: median(runs),
    runsMs: runs,
    split: { emptyImportMs: part(0), runtimeImportMs: part(1), moduleImportMs: part(2), firstRenderMs: part(3), secondRenderMs: part(4) },
  };
}

export async function sizesBench({ log = console.log } = {}) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "microtarget-sizes-"));
  try {
    const dist = path.join(work, "dist");
    // as in a project that ships ES modules: without "type": "module" above them, Node 20
    // compiles each .js file as CommonJS first, fails, and compiles it again as a module
    fs.writeFileSync(path.join(work, "package.json"), '{ "type": "module" }\n');
    const empty = path.join(work, "empty.js");
    fs.writeFileSync(empty, "export {};\n");
    log("sizes: building templates/ with microtarget …");
    const b = spawnSync(process.execPath, [path.join(root, "bin/microtarget.js"), "build", path.join(root, "templates"), "--out", dist], { cwd: root, encoding: "utf8" });
    if (b.status !== 0) throw new Error(`microtarget build failed:\n${b.stdout}${b.stderr}`);
    const runtime = await measure(fs.readFileSync(path.join(dist, "runtime.js"), "utf8"));
    log("sizes: minifying the modules, running MJML on each template's static HTML …");
    const rows = [];
    for (const file of templates()) {
      const name = path.relative(path.join(root, "templates"), file).replace(/\.(mjml|tmpl)$/, "").replaceAll(path.sep, "/");
      const moduleFile = path.join(dist, `${name}.js`);
      const code = fs.readFileSync(moduleFile, "utf8");
      const module = await measure(code);
      const stat = await staticOutput(file);
      rows.push({
        template: path.relative(path.join(root, "templates"), file).replaceAll(path.sep, "/"),
        module,
        static: stat,
        ratio: module.minGzBytes / stat.gzBytes,
        runtimeShipped: await runtimeFor(dist, code),
      });
    }
    log(`sizes: importing a module and its first render, ${COLD_PROCESSES} fresh processes each …`);
    const cold = [];
    for (const email of EMAILS) {
      const name = email.source.replace(/^templates\//, "").replace(/\.mjml$/, "");
      const dataDir = path.join(root, "templates", `${name}.data`);
      const first = fs.readdirSync(dataDir).filter((f) => f.endsWith(".json")).sort()[0];
      cold.push({ template: email.title, data: `${name}.data/${first}`, ...coldStart(path.join(dist, email.module), path.join(dist, "runtime.js"), empty, path.join(dataDir, first)) });
    }
    return { runtime, templates: rows, cold };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

const n = (x) => Math.round(x).toLocaleString("en-US");
const ms = (x) => (x >= 10 ? x.toFixed(1) : x.toFixed(2));

/** sizesTables writes the results as Markdown tables. */
export function sizesTables({ runtime, templates, cold }) {
  const lines = [
    "**Runtime and modules** (bytes; minified with esbuild, gzipped at level 9; static = the template with every action removed, through mjml2html, gzipped)",
    "",
    "| file | raw | minified | min+gz | static HTML (gz) | min+gz / static | runtime it imports (min+gz, tree-shaken) |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    `| runtime.js (shared) | ${n(runtime.rawBytes)} | ${n(runtime.minBytes)} | ${n(runtime.minGzBytes)} | | | |`,
  ];
  for (const r of templates) {
    const label = r.static.kind === "text" ? `${n(r.static.gzBytes)} (text)` : n(r.static.gzBytes);
    const shipped = r.runtimeShipped ? `${n(r.runtimeShipped.minGzBytes)} (${r.runtimeShipped.imports} exports)` : "";
    lines.push(`| ${r.template.replace(/\.(mjml|tmpl)$/, ".js")} | ${n(r.module.rawBytes)} | ${n(r.module.minBytes)} | ${n(r.module.minGzBytes)} | ${label} | ${r.ratio.toFixed(1)} | ${shipped} |`);
  }
  const html = templates.filter((r) => r.static.kind === "html");
  const sum = (f) => html.reduce((a, r) => a + f(r), 0);
  lines.push(`| all ${html.length} MJML modules | ${n(sum((r) => r.module.rawBytes))} | ${n(sum((r) => r.module.minBytes))} | ${n(sum((r) => r.module.minGzBytes))} | ${n(sum((r) => r.static.gzBytes))} | ${(sum((r) => r.module.minGzBytes) / sum((r) => r.static.gzBytes)).toFixed(1)} | |`);
  lines.push(
    "",
    `**Import a template module and render once** (a fresh \`node\` process each run; median of ${COLD_PROCESSES})`,
    "",
    "| template | data | import + first render (ms) | runs (ms) | split: an empty module first | then runtime.js | then the module | first render | second render |",
    "| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |",
  );
  for (const c of cold) {
    lines.push(`| ${c.template} | ${c.data} | ${ms(c.medianMs)} | ${c.runsMs.map(ms).join(", ")} | ${ms(c.split.emptyImportMs)} | ${ms(c.split.runtimeImportMs)} | ${ms(c.split.moduleImportMs)} | ${ms(c.split.firstRenderMs)} | ${ms(c.split.secondRenderMs)} |`);
  }
  return lines.join("\n") + "\n";
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await sizesBench();
  console.log(`\n${sizesTables(result)}`);
  fs.mkdirSync(path.join(here, "results"), { recursive: true });
  fs.writeFileSync(path.join(here, "results", "sizes.json"), JSON.stringify({ date: new Date().toISOString(), sizes: result }, null, 2));
}

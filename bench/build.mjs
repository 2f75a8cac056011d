// Build benchmarks:
//  1. compile time per showcase MJML template (in process, warm: every template compiled twice
//     first; then lex, parse, check, MJML once,
//     weave, emit) against mjml2html alone on the same source: what compiling adds to MJML;
//  2. `microtarget build` of 50 templates, cold (a new process each time), against the mjml
//     CLI on the same 50 sources (the 12 showcase MJML emails copied about 4 times into a
//     temporary folder, with the project's microtarget.config.ts beside it);
//  3. parse time (bench/parse.mjs) and compile time (bench/run.mjs) at 10 KB, 100 KB, 1 MB;
//  4. `microtarget check` of the showcase, cold (it reads the declared data types with
//     TypeScript's checker), with the TypeScript part alone: the session that reads the types,
//     and `tsc --noEmit` of the types' file in a process of its own.
//
//   node bench/build.mjs          (after `node scripts/build-compiler.mjs`; npm run bench runs it)
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import mjml2html from "mjml";
import { compileScaling } from "./run.mjs";
import { listTemplates, median } from "./util.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");

const COMPILE_RUNS = 5;
const COLD_RUNS = 3;
const COLD_TEMPLATES = 50;


/** showcase lists the showcase's MJML templates (not partials, not sample data). */
const showcase = () => listTemplates(path.join(root, "templates"), /\.mjml$/);

const stripFrontMatter = (s) => s.replace(/^---\r?\n[^]*?\r?\n---\r?\n/, "");
// A build reads every declared type in one TypeScript session (measured by checkShowcase);
// compile() alone would start one per call, so the per-template rows compile without it.
const withoutDataType = (s) => s.replace(/^(---\r?\n[^]*?)^data:.*\r?\n/m, "$1");

async function compilePerTemplate(files) {
  const { compile } = await import(pathToFileURL(path.join(root, "lib/index.js")).href);
  const functions = { add1: (i) => i + 1 }; // microtarget.config.ts
  const mjmlOptions = { validationLevel: "soft", keepComments: true }; // as the compiler runs MJML
  const time = async (work) => {
    const start = performance.now();
    await work();
    return performance.now() - start;
  };
  const templates = files.map((file) => {
    const source = withoutDataType(fs.readFileSync(file, "utf8"));
    const body = stripFrontMatter(source);
    return { file, source, compile: () => time(() => compile(source, { filename: file, functions })), mjml: () => time(() => mjml2html(body, mjmlOptions)), c: [], m: [] };
  });
  // Warm: a build compiles many templates, so the compiler (and MJML) runs optimized code by
  // the second; two passes over all of them, then rounds over all of them, each template's
  // compile beside its mjml2html.
  for (let pass = 0; pass < 2; pass++) for (const t of templates) await t.compile(), await t.mjml();
  for (let i = 0; i < COMPILE_RUNS; i++) {
    for (const t of templates) {
      t.c.push(await t.compile());
      t.m.push(await t.mjml());
    }
  }
  return templates.map((t) => {
    const compileMs = median(t.c);
    const mjmlMs = median(t.m);
    return { template: path.relative(path.join(root, "templates"), t.file), sourceBytes: Buffer.byteLength(t.source), compileMs, mjml2htmlMs: mjmlMs, ratio: compileMs / mjmlMs };
  });
}

function timeProcess(command, args, options) {
  const start = process.hrtime.bigint();
  const r = spawnSync(command, args, { encoding: "utf8", maxBuffer: 1 << 26, ...options });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${command} ${args.slice(0, 3).join(" ")} … failed (${r.status}):\n${r.stdout}\n${r.stderr}`.slice(0, 4000));
  return ms;
}

function coldBuilds(files) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "microtarget-build-bench-"));
  try {
    // 50 sources in one flat folder (the mjml CLI names its outputs by file name).
    const src = path.join(work, "templates");
    fs.mkdirSync(src);
    fs.copyFileSync(path.join(root, "microtarget.config.ts"), path.join(work, "microtarget.config.ts"));
    // The declared types, where the copied templates' front matter (and the config) look for them.
    fs.cpSync(path.join(root, "templates/types"), path.join(work, "types"), { recursive: true });
    fs.cpSync(path.join(root, "templates/types"), path.join(src, "types"), { recursive: true });
    const names = [];
    for (let i = 0; names.length < COLD_TEMPLATES; i++) {
      const file = files[i % files.length];
      const name = `c${Math.floor(i / files.length) + 1}-${path.relative(path.join(root, "templates"), file).replaceAll(path.sep, "-")}`;
      fs.copyFileSync(file, path.join(src, name));
      names.push(name);
    }
    const bytes = names.reduce((n, f) => n + fs.statSync(path.join(src, f)).size, 0);
    const microtarget = () => {
      const out = path.join(work, "dist");
      fs.rmSync(out, { recursive: true, force: true });
      return timeProcess(process.execPath, [path.join(root, "bin/microtarget.js"), "build", src, "--out", out], { cwd: work });
    };
    const mjmlCli = () => {
      const out = path.join(work, "mjml-out");
      fs.rmSync(out, { recursive: true, force: true });
      fs.mkdirSync(out);
      // MJML warns about the Go markup it sees as text or attribute values; the HTML is still written.
      return timeProcess(path.join(root, "node_modules/.bin/mjml"), [...names, "-o", `${out}/`], { cwd: src });
    };
    microtarget(); // warm the file cache (and check both work)
    mjmlCli();
    const writtenByMjml = fs.readdirSync(path.join(work, "mjml-out")).length;
    const m = [];
    const c = [];
    for (let i = 0; i < COLD_RUNS; i++) {
      m.push(microtarget());
      c.push(mjmlCli());
    }
    const modules = fs.readdirSync(path.join(work, "dist")).filter((f) => f.endsWith(".js") && f !== "index.js" && f !== "runtime.js" && !f.startsWith("chunk-")).length;
    return {
      templates: names.length,
      sourceBytes: bytes,
      microtargetBuildMs: median(m),
      microtargetBuildRunsMs: m,
      microtargetModules: modules,
      mjmlCliMs: median(c),
      mjmlCliRunsMs: c,
      mjmlCliFiles: writtenByMjml,
      ratio: median(m) / median(c),
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

// checkShowcase times `microtarget check templates` (cold) and TypeScript's part of it.
function checkShowcase() {
  const node = (args) => timeProcess(process.execPath, args, { cwd: root });
  const bin = path.join(root, "bin/microtarget.js");
  const tsc = path.join(root, "node_modules/typescript/bin/tsc");
  const tscArgs = [tsc, "--ignoreConfig", "--noEmit", "--strict", "--skipLibCheck", "--types", "", "templates/types/contact.ts"];
  node([bin, "check", "templates"]); // warm the file cache
  const check = [];
  const tscAlone = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    check.push(node([bin, "check", "templates"]));
    tscAlone.push(node(tscArgs));
  }
  // The session that reads the declared types, in process (what check and build pay for them).
  const sessions = Array.from({ length: COLD_RUNS }, () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", path.join(here, "types-session.mjs")], { cwd: root, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`bench/types-session.mjs failed: ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split("\n").pop());
  });
  const session = { types: sessions[0].types, medianMs: median(sessions.map((s) => s.ms)) };
  return { types: session.types, checkMs: median(check), checkRunsMs: check, typesSessionMs: session.medianMs, tscAloneMs: median(tscAlone) };
}

function parseScaling() {
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(here, "parse.mjs")], { cwd: root, encoding: "utf8" });
  if (r.status !== 0) return { error: `bench/parse.mjs failed: ${r.stderr.split("\n").find((l) => l.trim()) ?? r.status}` };
  return { rows: JSON.parse(r.stdout.trim().split("\n").pop()) };
}

export async function buildBench({ log = console.log } = {}) {
  const files = showcase();
  log(`build: compile time of ${files.length} showcase templates vs mjml2html …`);
  const perTemplate = await compilePerTemplate(files);
  log(`build: microtarget build of ${COLD_TEMPLATES} templates, cold, vs the mjml CLI …`);
  const cold = coldBuilds(files);
  log("build: parse and compile time at 10 KB, 100 KB, 1 MB …");
  const parse = parseScaling();
  const compile = await compileScaling();
  log("build: microtarget check of the showcase, cold, and TypeScript's part …");
  const check = checkShowcase();
  return { perTemplate, cold, scaling: { parse, compile }, check };
}

const ms = (x) => (x >= 100 ? Math.round(x).toLocaleString("en-US") : x.toFixed(1));

/** buildTables writes the results as Markdown tables. */
export function buildTables({ perTemplate, cold, scaling, check }) {
  const lines = ["**Compile time per template** (in process, warm; median of " + COMPILE_RUNS + ")", "", "| template | source | microtarget compile (ms) | mjml2html alone (ms) | ratio |", "| --- | ---: | ---: | ---: | ---: |"];
  for (const r of perTemplate) lines.push(`| ${r.template} | ${(r.sourceBytes / 1000).toFixed(1)} KB | ${ms(r.compileMs)} | ${ms(r.mjml2htmlMs)} | ${r.ratio.toFixed(1)} |`);
  const sum = (k) => perTemplate.reduce((n, r) => n + r[k], 0);
  lines.push(`| all ${perTemplate.length} | ${(sum("sourceBytes") / 1000).toFixed(1)} KB | ${ms(sum("compileMs"))} | ${ms(sum("mjml2htmlMs"))} | ${(sum("compileMs") / sum("mjml2htmlMs")).toFixed(1)} |`);
  lines.push(
    "",
    `**${cold.templates} templates, cold** (a new process each run; median of ${COLD_RUNS}; ${(cold.sourceBytes / 1000).toFixed(0)} KB of sources)`,
    "",
    "| command | wall time (ms) | runs (ms) | per template (ms) | output |",
    "| --- | ---: | --- | ---: | --- |",
    `| microtarget build | ${ms(cold.microtargetBuildMs)} | ${cold.microtargetBuildRunsMs.map(ms).join(", ")} | ${ms(cold.microtargetBuildMs / cold.templates)} | ${cold.microtargetModules} modules + .d.ts, source maps, index, runtime |`,
    `| mjml CLI | ${ms(cold.mjmlCliMs)} | ${cold.mjmlCliRunsMs.map(ms).join(", ")} | ${ms(cold.mjmlCliMs / cold.templates)} | ${cold.mjmlCliFiles} HTML files |`,
    "",
    "**Parse and compile time by template size** (text template, in process; median)",
    "",
    "| size | parse (ms) | parse µs per KB | compile: parse + check + emit (ms) | compile µs per KB |",
    "| --- | ---: | ---: | ---: | ---: |",
  );
  scaling.compile.forEach((c, i) => {
    const p = scaling.parse.rows?.[i];
    lines.push(`| ${c.size} | ${p ? ms(p.medianMs) : "n/a"} | ${p ? Math.round(p.usPerKB) : "n/a"} | ${c["median ms"]} | ${c["µs per KB"]} |`);
  });
  if (scaling.parse.error) lines.push("", `(parse alone: ${scaling.parse.error})`);
  lines.push(
    "",
    `**microtarget check of the showcase** (cold, a new process each run; median of ${COLD_RUNS}; ${check.types} declared types)`,
    "",
    "| what | wall time (ms) |",
    "| --- | ---: |",
    `| \`microtarget check templates\` (every template: syntax, MJML, types) | ${ms(check.checkMs)} (${check.checkRunsMs.map(ms).join(", ")}) |`,
    `| its TypeScript session: reading the ${check.types} declared types (in process) | ${ms(check.typesSessionMs)} |`,
    `| \`tsc --noEmit\` of templates/types/contact.ts alone (a process of its own) | ${ms(check.tscAloneMs)} |`,
  );
  return lines.join("\n") + "\n";
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await buildBench();
  console.log(`\n${buildTables(result)}`);
  fs.mkdirSync(path.join(here, "results"), { recursive: true });
  fs.writeFileSync(path.join(here, "results", "build.json"), JSON.stringify({ date: new Date().toISOString(), build: result }, null, 2));
}

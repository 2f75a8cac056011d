// Where a render's time goes, for BENCHMARKS.md's Targets section (not part of npm run bench):
//
//   node bench/profile.mjs [dropbox|trial-day-07] [render|renderHtmlShared|hand|hand-bytes] [renders]
//       builds templates/ into a temporary folder, renders the email's 1,000 contacts round
//       robin (100,000 renders unless told) in a child `node --cpu-prof`, and prints the
//       functions with the most self time and their share of the profile;
//   node bench/profile.mjs --ablate [dropbox|trial-day-07]
//       times render().html (interleaved rounds, median) against the hand-written string in
//       copies of the build: oneLine (subject and preheader) made a no-op, the text part (every
//       `_x.c(…)`/`_x.v(…)` of the email render) removed, and both. The outputs are wrong then:
//       it only says how much of the time each one costs;
//   node bench/profile.mjs --compile
//       compile() of each showcase MJML template, warm, with the compiler's phases timed: a copy
//       of lib/ (in .tmp/) whose phase functions (parse, check, weave, runMjml, htmlToText,
//       emit) add up their time; medians of 9, against mjml2html alone;
//   node bench/profile.mjs --parts
//       what each MJML module's min+gz bytes are made of: the module minified and gzipped
//       (esbuild, zlib level 9) whole, then with a part removed (the bytes path's render body
//       and encoded chunks; validate(); the text part), and its static chunks alone.
//
// Run after `node scripts/build-compiler.mjs`.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { EMAILS } from "./emails.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");

function build(out) {
  const r = spawnSync(process.execPath, [path.join(root, "bin/microtarget.js"), "build", path.join(root, "templates"), "--out", out], { cwd: root, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`microtarget build failed:\n${r.stdout}${r.stderr}`);
  fs.writeFileSync(path.join(out, "package.json"), '{ "type": "module" }\n');
}

async function renderer(dist, email, fn) {
  if (fn === "hand" || fn === "hand-bytes") {
    const hand = await import(new URL(email.hand, import.meta.url).href);
    return fn === "hand" ? hand.renderHtml : hand.renderHtmlShared;
  }
  const mod = await import(pathToFileURL(path.join(dist, email.module)).href);
  return fn === "render" ? (c) => mod.render(c).html : mod[fn];
}

/** The child: render round robin, under --cpu-prof. */
async function child(dist, name, fn, renders) {
  const email = EMAILS.find((e) => e.name === name);
  const contacts = email.contacts();
  const f = await renderer(dist, email, fn);
  let n = 0;
  const start = performance.now();
  for (let i = 0; i < renders; i++) n += f(contacts[i % contacts.length]).length;
  console.log(`${fn} on ${name}: ${(((performance.now() - start) * 1000) / renders).toFixed(2)} µs per render (${renders} renders, under the profiler; ${n} bytes)`);
}

function selfTimes(file, top) {
  const p = JSON.parse(fs.readFileSync(file, "utf8"));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let total = 0;
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i] ?? 0;
    total += dt;
    const f = byId.get(id).callFrame;
    const key = `${f.functionName || "(anonymous)"}${f.url ? ` ${f.url.split("/").pop()}:${f.lineNumber + 1}` : ""}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, t]) => `${((100 * t) / total).toFixed(1).padStart(5)}%  ${k}`);
}

function ablations(work) {
  const base = path.join(work, "base");
  build(base);
  const variants = { base: [], "no oneLine": ["oneLine"], "no text part": ["text"], "neither": ["oneLine", "text"] };
  for (const [name, off] of Object.entries(variants)) {
    if (name === "base") continue;
    const dir = path.join(work, name.replace(/\W+/g, "-"));
    fs.cpSync(base, dir, { recursive: true });
    let rt = fs.readFileSync(path.join(dir, "runtime.js"), "utf8");
    for (const f of off.filter((f) => f !== "text")) {
      const head = new RegExp(`function ${f}\\(([^)]*)\\) \\{`);
      if (!head.test(rt)) throw new Error(`runtime.js has no function ${f}`);
      rt = rt.replace(head, (m, params) => `${m}\n  return ${params.split(",")[0].trim()};`);
    }
    fs.writeFileSync(path.join(dir, "runtime.js"), rt);
    if (off.includes("text")) {
      for (const email of EMAILS) {
        const file = path.join(dir, email.module);
        const [stringPart, rest] = fs.readFileSync(file, "utf8").split(/(?=\nfunction _t0b\()/);
        fs.writeFileSync(file, stringPart.replace(/^\s*_x\.[cv]\([^\n]*\);\n/gm, "") + rest);
      }
    }
  }
  return Object.keys(variants).map((name) => [name, name === "base" ? base : path.join(work, name.replace(/\W+/g, "-"))]);
}

async function ablate(work, name) {
  const email = EMAILS.find((e) => e.name === name);
  const contacts = email.contacts();
  const rows = [["hand-written string", await renderer(null, email, "hand")]];
  for (const [label, dir] of ablations(work)) rows.push([`render().html, ${label}`, await renderer(dir, email, "render")]);
  const round = (f) => {
    let n = 0;
    const start = process.hrtime.bigint();
    for (const c of contacts) n += f(c).length;
    return Number(process.hrtime.bigint() - start) / contacts.length / 1000;
  };
  for (const [, f] of rows) for (let i = 0; i < 50; i++) round(f);
  const samples = rows.map(() => []);
  for (let r = 0; r < 31; r++) for (let k = 0; k < rows.length; k++) samples[(k + r) % rows.length].push(round(rows[(k + r) % rows.length][1]));
  const med = samples.map((s) => s.sort((a, b) => a - b)[s.length >> 1]);
  console.log(`${email.title}: µs per render (median of 31 interleaved rounds of ${contacts.length} contacts)\n`);
  console.log("| variant | µs | × hand-written | share of render() removed |\n| --- | ---: | ---: | ---: |");
  rows.forEach(([label], i) => console.log(`| ${label} | ${med[i].toFixed(2)} | ${(med[i] / med[0]).toFixed(1)} | ${i > 1 ? `${((100 * (med[1] - med[i])) / med[1]).toFixed(0)}%` : ""} |`));
}

const PHASES = { parse: false, check: false, weave: true, runMjml: true, htmlToText: false, emit: false };

/** A copy of lib/ whose phase functions add their time to globalThis.__phases. */
function timedLib(dir) {
  fs.cpSync(path.join(root, "lib"), dir, { recursive: true });
  const index = fs.readFileSync(path.join(dir, "index.js"), "utf8");
  const chunk = /\bcompile\b[^]*?from "\.\/(chunk-[^"]+\.js)"/.exec(index)?.[1];
  if (!chunk) throw new Error("lib/index.js: cannot find the chunk compile comes from");
  let code = fs.readFileSync(path.join(dir, chunk), "utf8");
  const found = [];
  for (const [name, isAsync] of Object.entries(PHASES)) {
    const head = `${isAsync ? "async " : ""}function ${name}(`;
    if (code.split(head).length !== 2) continue;
    code = code.replace(head, `${isAsync ? "async " : ""}function ${name}__timed(`);
    const add = `(globalThis.__phases ??= {})[${JSON.stringify(name)}] = (globalThis.__phases[${JSON.stringify(name)}] ?? 0) + performance.now() - t`;
    code += `\n${isAsync ? "async " : ""}function ${name}(...a) { const t = performance.now(); try { return ${isAsync ? "await " : ""}${name}__timed(...a); } finally { ${add}; } }\n`;
    found.push(name);
  }
  fs.writeFileSync(path.join(dir, chunk), code);
  return found;
}

async function compilePhases() {
  const { default: mjml2html } = await import("mjml");
  fs.mkdirSync(path.join(root, ".tmp"), { recursive: true });
  const dir = fs.mkdtempSync(path.join(root, ".tmp", "profile-lib-"));
  try {
    const found = timedLib(dir);
    const { compile } = await import(pathToFileURL(path.join(dir, "index.js")).href);
    const functions = { add1: (i) => i + 1 }; // microtarget.config.ts
    const files = [];
    const walk = (d) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) {
          if (e.name !== "partials" && !e.name.endsWith(".data")) walk(p);
        } else if (e.name.endsWith(".mjml")) files.push(p);
      }
    };
    walk(path.join(root, "templates"));
    const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    const columns = ["compile", ...found, "mjml2html alone"];
    const sums = Object.fromEntries(columns.map((c) => [c, 0]));
    console.log(`| template | ${columns.join(" | ")} |\n| --- |${" ---: |".repeat(columns.length)}`);
    for (const file of files) {
      const source = fs.readFileSync(file, "utf8");
      const body = source.replace(/^---\r?\n[^]*?\r?\n---\r?\n/, "");
      const runs = [];
      for (let i = 0; i < 12; i++) {
        globalThis.__phases = {};
        let t = performance.now();
        await compile(source, { filename: file, functions });
        const total = performance.now() - t;
        t = performance.now();
        await mjml2html(body, { validationLevel: "soft", keepComments: true });
        if (i >= 3) runs.push({ compile: total, ...globalThis.__phases, "mjml2html alone": performance.now() - t });
      }
      const m = Object.fromEntries(columns.map((c) => [c, med(runs.map((r) => r[c] ?? 0))]));
      for (const c of columns) sums[c] += m[c];
      console.log(`| ${path.relative(path.join(root, "templates"), file)} | ${columns.map((c) => m[c].toFixed(1)).join(" | ")} |`);
    }
    console.log(`| all ${files.length} | ${columns.map((c) => sums[c].toFixed(0)).join(" | ")} |`);
    console.log(`\nms, medians of 9 warm runs; weave includes runMjml and htmlToText. Share of compile (all ${files.length}): ${found.filter((c) => c !== "weave").map((c) => `${c} ${((100 * sums[c]) / sums.compile).toFixed(0)}%`).join(", ")}, weave without MJML ${((100 * (sums.weave - sums.runMjml)) / sums.compile).toFixed(0)}%; compile / mjml2html alone ${(sums.compile / sums["mjml2html alone"]).toFixed(2)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function dropFunction(code, name) {
  const start = code.indexOf(`\nfunction ${name}(`);
  if (start < 0) return code;
  return code.slice(0, start + 1) + code.slice(code.indexOf("\n}\n", start) + 3);
}

async function parts() {
  const { transform } = await import("esbuild");
  const { gzipSync } = await import("node:zlib");
  const size = async (code) => gzipSync((await transform(code, { minify: true, format: "esm", loader: "js" })).code, { level: 9 }).length;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "microtarget-parts-"));
  try {
    const dist = path.join(work, "dist");
    build(dist);
    const modules = [];
    const walk = (d) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith(".js") && !["runtime.js", "index.js"].includes(e.name) && fs.readFileSync(p, "utf8").includes("_rt_mjmlHead")) modules.push(p);
      }
    };
    walk(dist);
    const columns = ["whole", "static chunks alone", "bytes path", "validate()", "text part", "rest of the code"];
    const sums = Object.fromEntries(columns.map((c) => [c, 0]));
    console.log(`min+gz bytes; a part's bytes = whole minus whole without it\n\n| module | ${columns.join(" | ")} |\n| --- |${" ---: |".repeat(columns.length)}`);
    for (const file of modules) {
      const code = fs.readFileSync(file, "utf8");
      const chunks = [...code.matchAll(/^var _s\d+ = ('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`);$/gm)].map((m) => (0, eval)(m[1])).join("");
      let noBytes = code.replace(/^var _chunks = \[[^\n]*\];\n/m, "").replace(/^var _bwf?;\n/gm, "").replace(/^\s*(renderHtmlShared|renderHtmlBytes),?\n/gm, "");
      for (const f of ["renderHtmlShared", "renderHtmlBytes", ...Array.from({ length: 20 }, (_, i) => `_t${i}b`)]) noBytes = dropFunction(noBytes, f);
      const noValidate = (c) => {
        for (let i = 1; i < 50; i++) c = dropFunction(c, `_check${i}`);
        return dropFunction(c, "validate").replace(/^\s*validate,?\n/m, "").replace(/^var _schema = .*;\n/m, "");
      };
      const noText = (c) => c.replace(/^\s*_x\.[cv]\([^\n]*\);$/gm, "");
      const whole = await size(code);
      const row = {
        whole,
        "static chunks alone": gzipSync(chunks, { level: 9 }).length,
        "bytes path": whole - (await size(noBytes)),
        "validate()": whole - (await size(noValidate(code))),
        "text part": whole - (await size(noText(code))),
      };
      row["rest of the code"] = (await size(noText(noValidate(noBytes)))) - row["static chunks alone"];
      for (const c of columns) sums[c] += row[c];
      console.log(`| ${path.relative(dist, file)} | ${columns.map((c) => row[c].toLocaleString("en-US")).join(" | ")} |`);
    }
    console.log(`| all ${modules.length} | ${columns.map((c) => `${sums[c].toLocaleString("en-US")}${c === "whole" ? "" : ` (${Math.round((100 * sums[c]) / sums.whole)}%)`}`).join(" | ")} |`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
if (args[0] === "--parts") {
  await parts();
} else if (args[0] === "--compile") {
  await compilePhases();
} else if (args[0] === "--child") {
  await child(args[1], args[2], args[3], Number(args[4]));
} else {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "microtarget-profile-"));
  try {
    if (args[0] === "--ablate") {
      await ablate(work, args[1] ?? "dropbox");
    } else {
      const [name = "dropbox", fn = "render", renders = "100000"] = args;
      const dist = path.join(work, "dist");
      build(dist);
      const prof = path.join(work, "prof");
      const r = spawnSync(process.execPath, ["--cpu-prof", "--cpu-prof-dir", prof, "--cpu-prof-interval", "50", fileURLToPath(import.meta.url), "--child", dist, name, fn, renders], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
      if (r.status !== 0) throw new Error("the profiled child failed");
      console.log(r.stdout.trim(), "\n\nself time (share of the whole profile, start-up included):");
      console.log(selfTimes(path.join(prof, fs.readdirSync(prof)[0]), 15).join("\n"));
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

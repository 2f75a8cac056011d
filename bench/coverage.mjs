// Do the benchmark's contacts cover every branch of each email? Two checks, both must pass:
//  1. Block coverage (V8's precise coverage, as c8 measures it) of the render functions
//     microtarget generated: every block of the module's functions — each if/else arm, loop
//     body, `||` fallback — ran for at least one contact. Two kinds of block are listed but
//     not required: `?? ""`/`?? NaN`, what prints or compares when a field is missing (the
//     contacts always carry the fields the emails compare and print, as Go needs them), the
//     0 iterations of a range over a list that is not a list, the keys of a range over an
//     object (the data ranges over lists), and a remembered escaped value (`_e1 ??= …`,
//     escaped where it is first printed: where an earlier print always ran, it never is).
//  2. For each branch a text that only it prints (contacts.mjs: BRANCHES): it is in some of
//     the HTML outputs and missing from others; the distinct combinations are counted.
// Run on its own: node bench/coverage.mjs <dist dir>   (render.mjs runs it in a child process,
// so that coverage instrumentation never touches the timed process).
import fs from "node:fs";
import { Session } from "node:inspector/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { BRANCHES } from "./contacts.mjs";
import { EMAILS } from "./emails.mjs";

export async function coverage(distDir) {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.startPreciseCoverage", { callCount: true, detailed: true });
  const report = [];
  const outputs = {};
  for (const email of EMAILS) {
    const file = path.resolve(distDir, email.module);
    const mod = await import(pathToFileURL(file).href);
    // render, and the bytes path when the build has it (its own generated function)
    outputs[email.name] = email.contacts().map((c) => {
      if (typeof mod.renderHtmlShared === "function") mod.renderHtmlShared(c);
      if (typeof mod.renderHtml === "function") mod.renderHtml(c);
      return mod.render(c).html;
    });
  }
  const { result } = await session.post("Profiler.takePreciseCoverage");
  await session.post("Profiler.stopPreciseCoverage");
  session.disconnect();
  let ok = true;
  for (const email of EMAILS) {
    const url = pathToFileURL(path.resolve(distDir, email.module)).href;
    const script = result.find((s) => s.url === url);
    if (!script) throw new Error(`no coverage for ${url}`);
    const code = fs.readFileSync(new URL(url), "utf8");
    const line = (offset) => code.slice(0, offset).split("\n").length;
    // Blocks never run inside the functions that render (the module's top level runs once, at import).
    const uncovered = [];
    const guards = { total: 0, unrun: 0 };
    let blocks = 0;
    for (const fn of script.functions) {
      if (fn.functionName === "") continue; // the module itself
      if (fn.ranges[0].count === 0) {
        // the config's functions are checked where they are called; validate(data) and its checks are not part of a render
        if (fn.functionName === "add1" || fn.functionName === "validate" || /^_check\d+$/.test(fn.functionName)) continue;
        if (fn.functionName === "renderHtmlBytes") continue; // renderHtmlShared's function with a copy
        uncovered.push(`${fn.functionName}() never called (line ${line(fn.ranges[0].startOffset)})`);
        continue;
      }
      for (const r of fn.ranges.slice(1)) {
        const text = code.slice(r.startOffset, r.endOffset);
        // A range over a list that is not one counts 0 iterations: a missing-value guard too.
        const notAList = text === ": 0" && /Array\.isArray\(\S+\) \? \S+\.length $/.test(code.slice(Math.max(0, r.startOffset - 80), r.startOffset));
        const lineStart = code.lastIndexOf("\n", r.startOffset) + 1;
        const memo = /_e\d+ \?\?= /.exec(code.slice(lineStart, r.startOffset));
        if (memo) continue;
        if (/^\?\? /.test(text) || /^\? _v\d+\[_v\d+\]$/.test(text) || notAList) {
          guards.total++;
          if (r.count === 0) guards.unrun++;
          continue;
        }
        blocks++;
        if (r.count === 0) uncovered.push(`line ${line(r.startOffset)}: ${JSON.stringify(code.slice(r.startOffset, Math.min(r.endOffset, r.startOffset + 80)))}`);
      }
    }
    const html = outputs[email.name];
    const probes = BRANCHES[email.name].map(([label, probe]) => {
      const test = typeof probe === "string" ? (s) => s.includes(probe) : (s) => probe.test(s);
      const hits = html.filter(test).length;
      return { label, hits };
    });
    const missing = probes.filter((p) => p.hits === 0 || p.hits === html.length);
    const signatures = new Set(html.map((s) => BRANCHES[email.name].map(([, probe]) => (typeof probe === "string" ? s.includes(probe) : probe.test(s)) ? 1 : 0).join("")));
    if (uncovered.length || missing.length) ok = false;
    report.push({
      email: email.name,
      contacts: html.length,
      distinctOutputs: new Set(html).size,
      branchProbes: probes.length,
      probesAlwaysOrNever: missing.map((p) => `${p.label} (${p.hits} of ${html.length})`),
      distinctBranchCombinations: signatures.size,
      blocks,
      uncoveredBlocks: uncovered,
      missingValueGuards: guards,
    });
  }
  return { ok, report };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.argv[2];
  if (!dir) {
    console.error("usage: node bench/coverage.mjs <dist dir>");
    process.exit(2);
  }
  const { ok, report } = await coverage(dir);
  console.log(JSON.stringify({ ok, report }, null, 2));
  process.exit(ok ? 0 : 1);
}

// Render benchmark: microtarget's compiled render against what a team would run instead, in
// one process, on the same two showcase emails and the same 1,000 seeded contacts per email
// (bench/contacts.mjs). Every row's output is checked equal to microtarget's before anything
// is timed (normalizeEscapes and normalizeMjml below say what is normalized, and why); a
// difference stops the run. Then, for each email: warm up, and time rounds of all 1,000 contacts, the
// rows interleaved round by round so that noise on a shared machine hits them alike, in
// TIMING_PROCESSES fresh processes whose rounds are pooled: what V8 makes of the code (what it
// inlines, when it collects) differs from process to process more than from round to round.
//
//   node bench/render.mjs          (after `node scripts/build-compiler.mjs`; npm run bench runs it)
//
// Absolute times on a shared 2-core machine are noise: read the medians and the ratios.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import mjml2html from "mjml";
import { mulberry32 } from "./contacts.mjs";
import { EMAILS } from "./emails.mjs";
import * as engines from "./engines.mjs";
import { stale } from "./templates/make.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const decoder = new TextDecoder();

const WARMUP_MS = 300; // per row, before the timed rounds
const TIMING_PROCESSES = 3;
const MAX_ROUNDS = 15; // per process
const MIN_ROUNDS = 5;
const BUDGET_MS = 8_000; // timed rounds per email and process, all rows together
const SEND_TIME_CONTACTS = 20;
const SEND_TIME_ROUNDS = 3;

// ---------------------------------------------------------------- equality
/**
 * The only normalization for the engines (and Go): how a character is spelled, never whether
 * it is escaped. On both sides:
 *  - HTML entities for " ' ` = +: microtarget writes &#34; &#39; &#43; (as Go's html/template);
 *    Handlebars &quot; &#x27; &#x60; &#x3D;, Eta &quot; &#39;, LiquidJS and Go's html &#34; &#39;,
 *    and only microtarget escapes +. Each becomes the character itself.
 *  - Percent-encoding in a query string: a space is %20 for microtarget, encodeURIComponent
 *    (Handlebars, Eta), + for Liquid's url_encode and Go's urlquery; ! ' ( ) * are encoded by
 *    microtarget and Go, left as they are by encodeURIComponent. %20 becomes +, %21 %27 %28
 *    %29 %2A the characters.
 * & < > in text and attributes, and every other byte, must match exactly.
 */
export function normalizeEscapes(html) {
  return html
    .replace(/&(?:#34|#x22|quot);/g, '"')
    .replace(/&(?:#39|#x27|apos);/g, "'")
    .replace(/&#x60;/g, "`")
    .replace(/&#x3D;/g, "=")
    .replace(/&#43;/g, "+")
    .replace(/%20/g, "+")
    .replace(/%(21|27|28|29|2A)/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
}

/**
 * MJML at send time: adjacent Outlook conditional comments merged, on both sides. MJML merges
 * `<![endif]-->` + whitespace + `<!--[if mso | IE]>` between neighbouring sections; microtarget
 * keeps each section's comments whole where a branch or a variable stands between sections
 * (README: they "stay whole in every variant"). Nothing else is normalized.
 */
export function normalizeMjml(html) {
  return html.replace(/<!\[endif\]-->\s*<!--\[if mso \| IE\]>/g, "");
}

function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i;
}

function check(email, row, expected, actual, normalize, contacts) {
  let identical = 0;
  for (let i = 0; i < expected.length; i++) {
    if (expected[i] === actual[i]) {
      identical++;
      continue;
    }
    const a = normalize(expected[i]);
    const b = normalize(actual[i]);
    if (a !== b) {
      const at = firstDifference(a, b);
      throw new Error(
        `${email} / ${row}: the HTML differs from microtarget's for contact ${i} ${JSON.stringify(contacts[i])}\n` +
          `  microtarget: ${JSON.stringify(a.slice(Math.max(0, at - 120), at + 120))}\n` +
          `  ${row}: ${JSON.stringify(b.slice(Math.max(0, at - 120), at + 120))}\n` +
          `(if microtarget's output changed on purpose, bring the translations (bench/templates/translations.mjs) or the hand-written render (bench/hand/) along)`,
      );
    }
  }
  return identical;
}

// ---------------------------------------------------------------- timing
function quantile(sorted, q) {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  return { median: quantile(s, 0.5), q1: quantile(s, 0.25), q3: quantile(s, 0.75), min: s[0], max: s[s.length - 1], rounds: s.length };
}

let sink = 0;

/** timeRound renders every contact once and returns µs per render. */
function timeRound(fn, contacts) {
  let n = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < contacts.length; i++) n += fn(contacts[i]).length;
  const ns = Number(process.hrtime.bigint() - start);
  sink = (sink + n) | 0;
  return ns / contacts.length / 1000;
}

/**
 * A string row is timed twice: the call as it is (a JavaScript string: V8 joins pieces as a
 * rope, the copying waits for whoever reads it) and the call plus its UTF-8 bytes, written with
 * encodeInto into one reused buffer (what a sender needs; the cheapest way there from a string).
 */
const scratch = new Uint8Array(1 << 20);
const encoder = new TextEncoder();
function withBytes(fn) {
  return (c) => scratch.subarray(0, encoder.encodeInto(fn(c), scratch).written);
}

function timeRows(rows, contacts) {
  const timers = [];
  for (const row of rows) {
    row.samples = [];
    timers.push({ fn: row.fn, samples: row.samples });
    if (!row.bytesPath) {
      row.bytesSamples = [];
      timers.push({ fn: withBytes(row.fn), samples: row.bytesSamples });
    }
  }
  for (const t of timers) {
    const start = performance.now();
    let rounds = 0;
    while (rounds < 2 || performance.now() - start < WARMUP_MS) {
      timeRound(t.fn, contacts);
      rounds++;
    }
  }
  const start = performance.now();
  const random = mulberry32(20261128);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    // Each round in another order, shuffled, so that no row always runs after the same one
    // (what a row leaves behind, such as the garbage of a fresh buffer per render, lands on
    // whichever runs next).
    const order = timers.map((t) => [random(), t]).sort((a, b) => a[0] - b[0]);
    for (const [, t] of order) t.samples.push(timeRound(t.fn, contacts));
    if (round + 1 >= MIN_ROUNDS && performance.now() - start > BUDGET_MS) break;
  }
}

// ---------------------------------------------------------------- rows
function byteLength(out) {
  return typeof out === "string" ? Buffer.byteLength(out) : out.byteLength;
}

function text(out) {
  return typeof out === "string" ? out : decoder.decode(out);
}

function plain(v) {
  if (typeof v === "string") return !/[&<>"']/.test(v);
  if (v && typeof v === "object") return Object.values(v).every(plain);
  return true;
}

async function sendTimeRow(email, contacts, mod, renderTemplate) {
  // Markup first with microtarget's text renderer, then mjml2html, per contact. The values are
  // not HTML-escaped on this path, so it runs on the first 20 contacts with no & < > " ' in them.
  const body = fs.readFileSync(path.join(root, email.source), "utf8").replace(/^---\r?\n[^]*?\r?\n---\r?\n/, "");
  const options = { filename: email.source.replace(/\.mjml$/, ".txt"), format: "text", functions: { add1: (i) => i + 1 } };
  const some = contacts.filter(plain).slice(0, SEND_TIME_CONTACTS);
  const render = async (c) => (await mjml2html(await renderTemplate(body, c, options))).html;
  const outputs = [];
  for (const c of some) outputs.push(await render(c)); // also the warm-up, and the one compile renderTemplate caches
  const identical = check(email.name, "MJML at send time", some.map((c) => mod.render(c).html), outputs, normalizeMjml, some);
  const samples = [];
  for (let round = 0; round < SEND_TIME_ROUNDS; round++) {
    const start = process.hrtime.bigint();
    for (const c of some) sink = (sink + (await render(c)).length) | 0;
    samples.push(Number(process.hrtime.bigint() - start) / some.length / 1000);
  }
  return {
    id: "mjml-send-time",
    label: `MJML ${version("mjml")} at send time (substitute, then mjml2html; ${some.length} contacts)`,
    samples,
    contacts: some.length,
    bytesPath: false,
    bytes: outputs.reduce((n, s) => n + Buffer.byteLength(s), 0) / outputs.length,
    check: `equal after merging adjacent Outlook comments (${identical} of ${some.length} byte-identical)`,
  };
}

function goAvailable() {
  return spawnSync("go", ["version"], { encoding: "utf8" }).status === 0;
}

function goRows(work, contactsByEmail, expectedByEmail) {
  if (!goAvailable()) return null;
  const binary = path.join(work, "gobench");
  const build = spawnSync("go", ["build", "-o", binary, "."], { cwd: path.join(here, "go"), encoding: "utf8" });
  if (build.status !== 0) throw new Error(`go build failed:\n${build.stderr}`);
  const job = { rounds: MAX_ROUNDS, warmupMs: 500, budgetMs: 6000, templates: [] };
  for (const email of EMAILS) {
    const contacts = path.join(work, `${email.name}.contacts.json`);
    fs.writeFileSync(contacts, JSON.stringify(contactsByEmail[email.name]));
    job.templates.push({ name: email.name, template: path.join(here, "templates", `${email.name}.gotmpl`), contacts, out: path.join(work, `${email.name}.go.json`) });
  }
  fs.writeFileSync(path.join(work, "go-job.json"), JSON.stringify(job));
  const run = spawnSync(binary, [path.join(work, "go-job.json")], { encoding: "utf8", maxBuffer: 1 << 26 });
  if (run.status !== 0) throw new Error(`the Go benchmark failed:\n${run.stderr}`);
  const version = spawnSync("go", ["version"], { encoding: "utf8" }).stdout.trim();
  const rows = {};
  for (const r of JSON.parse(run.stdout)) {
    const item = job.templates.find((t) => t.name === r.name);
    const outputs = JSON.parse(fs.readFileSync(item.out, "utf8"));
    const identical = check(r.name, "Go text/template", expectedByEmail[r.name], outputs, normalizeEscapes, contactsByEmail[r.name]);
    rows[r.name] = {
      id: "go",
      label: "Go text/template (own process)",
      samples: r.roundsNs.map((ns) => ns / 1000),
      contacts: r.contacts,
      bytes: r.bytes / r.contacts,
      check: `equal after normalizing entity and percent spellings (${identical} of ${r.contacts} byte-identical)`,
      version,
      bytesPath: true,
    };
  }
  return rows;
}

// rowsFor are the rows timed for an email: microtarget's module, the hand-written limit, the engines.
function rowsFor(email, mod, hand) {
  const na = (id, label) => ({ id, label, na: "n/a (this build's modules have no renderHtmlBytes)" });
  return [
    { id: "microtarget", label: "microtarget render() (subject, preheader, html, text)", fn: (c) => mod.render(c).html, exact: true },
    typeof mod.renderHtml === "function"
      ? { id: "microtarget-html", label: "microtarget renderHtml() (the HTML alone, string)", fn: mod.renderHtml, exact: true }
      : { id: "microtarget-html", label: "microtarget renderHtml() (the HTML alone, string)", na: "n/a (this build's modules have no renderHtml)" },
    typeof mod.renderHtmlBytes === "function"
      ? { id: "microtarget-bytes", label: "microtarget renderHtmlBytes() (fresh Uint8Array)", fn: mod.renderHtmlBytes, exact: true, bytesPath: true }
      : na("microtarget-bytes", "microtarget renderHtmlBytes() (fresh Uint8Array)"),
    typeof mod.renderHtmlShared === "function"
      ? { id: "microtarget-shared", label: "microtarget renderHtmlShared() (reused buffer)", fn: mod.renderHtmlShared, exact: true, bytesPath: true }
      : na("microtarget-shared", "microtarget renderHtmlShared() (reused buffer)"),
    { id: "hand", label: "hand-written (string chunks + escaped values)", fn: hand.renderHtml, exact: true },
    { id: "hand-bytes", label: "hand-written (pre-encoded chunks, reused buffer)", fn: hand.renderHtmlShared, exact: true, bytesPath: true },
    { id: "eta", label: `Eta ${version("eta")} (compiled once)`, fn: engines.eta(email.name) },
    { id: "handlebars", label: `Handlebars ${version("handlebars")} (precompiled, runtime only)`, fn: engines.handlebars(email.name) },
    { id: "liquidjs", label: `LiquidJS ${version("liquidjs")} (parsed once, renderSync)`, fn: engines.liquid(email.name) },
  ];
}

// timeInProcess times the rows of one email in this process and prints their samples (JSON).
async function timeInProcess(dist, name) {
  const email = EMAILS.find((e) => e.name === name);
  const contacts = email.contacts();
  const mod = await import(pathToFileURL(path.join(dist, email.module)).href);
  const hand = await import(email.hand);
  const timed = rowsFor(email, mod, hand).filter((r) => r.fn);
  timeRows(timed, contacts);
  process.stdout.write(JSON.stringify(Object.fromEntries(timed.map((r) => [r.id, { samples: r.samples, bytesSamples: r.bytesSamples }]))));
}

// ---------------------------------------------------------------- the run
function buildTemplates(out) {
  const r = spawnSync(process.execPath, [path.join(root, "bin/microtarget.js"), "build", path.join(root, "templates"), "--out", out], { cwd: root, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`microtarget build failed:\n${r.stdout}${r.stderr}`);
}

function coverage(dist) {
  const r = spawnSync(process.execPath, [path.join(here, "coverage.mjs"), dist], { encoding: "utf8" });
  if (r.status === 2 || !r.stdout) throw new Error(`bench/coverage.mjs failed:\n${r.stderr}`);
  const result = JSON.parse(r.stdout);
  if (!result.ok) throw new Error(`the contacts do not cover every branch:\n${JSON.stringify(result.report, null, 2)}`);
  return result.report;
}

export async function renderBench({ log = console.log } = {}) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "microtarget-bench-"));
  try {
    const old = await stale();
    if (old.length) throw new Error(`stale: ${old.join(", ")} differ from what bench/templates/make.mjs writes now (a showcase template or the translations changed): run it, then check the translations`);
    const dist = path.join(work, "dist");
    log("render: building templates/ with microtarget …");
    buildTemplates(dist);
    log("render: checking that the contacts cover every branch (bench/coverage.mjs) …");
    const cover = coverage(dist);
    const { renderTemplate } = await import(pathToFileURL(path.join(root, "lib/index.js")).href);
    const results = [];
    const contactsByEmail = {};
    const expectedByEmail = {};
    for (const email of EMAILS) {
      const contacts = email.contacts();
      contactsByEmail[email.name] = contacts;
      const mod = await import(pathToFileURL(path.join(dist, email.module)).href);
      const hand = await import(email.hand);
      const expected = contacts.map((c) => mod.render(c).html);
      expectedByEmail[email.name] = expected;
      const sizes = expected.map((s) => Buffer.byteLength(s)).sort((a, b) => a - b);
      const rows = rowsFor(email, mod, hand);
      const timed = rows.filter((r) => r.fn);
      for (const row of timed) {
        const outputs = [];
        let bytes = 0;
        for (const c of contacts) {
          const out = row.fn(c);
          bytes += byteLength(out);
          outputs.push(text(out)); // decoded at once: a shared buffer is valid until the next call
        }
        row.bytes = bytes / contacts.length;
        row.contacts = contacts.length;
        const identical = check(email.name, row.label, expected, outputs, row.exact ? (s) => s : normalizeEscapes, contacts);
        row.check = row.exact ? "byte-identical" : `equal after normalizing entity and percent spellings (${identical} of ${contacts.length} byte-identical)`;
      }
      log(`render: ${email.title}: every row's HTML equals microtarget's for ${contacts.length} contacts; timing in ${TIMING_PROCESSES} processes …`);
      for (let k = 0; k < TIMING_PROCESSES; k++) {
        const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--time", dist, email.name], { encoding: "utf8", maxBuffer: 1 << 26 });
        if (child.status !== 0) throw new Error(`timing ${email.name} failed:\n${child.stderr}`);
        const samples = JSON.parse(child.stdout);
        for (const row of timed) {
          (row.samples ??= []).push(...samples[row.id].samples);
          if (samples[row.id].bytesSamples) (row.bytesSamples ??= []).push(...samples[row.id].bytesSamples);
        }
      }
      rows.push(await sendTimeRow(email, contacts, mod, renderTemplate));
      results.push({
        email: email.name,
        title: email.title,
        contacts: contacts.length,
        htmlBytes: { min: sizes[0], median: quantile(sizes, 0.5), max: sizes[sizes.length - 1] },
        coverage: cover.find((c) => c.email === email.name),
        rows,
      });
    }
    log("render: Go text/template …");
    const go = goRows(work, contactsByEmail, expectedByEmail);
    for (const r of results) r.rows.push(go ? go[r.email] : { id: "go", label: "Go text/template", na: "skipped (no Go)" });
    // Medians, spread, ratios: to the hand-written string, and (to bytes) to the hand-written
    // pre-encoded render, the limit for bytes. A bytes row's "to bytes" time is its own time.
    for (const r of results) {
      const limit = stats(r.rows.find((row) => row.id === "hand").samples).median;
      const bytesLimit = stats(r.rows.find((row) => row.id === "hand-bytes").samples).median;
      r.rows = r.rows.map(({ fn, samples, bytesSamples, exact, bytesPath, ...row }) => {
        if (!samples) return row;
        const s = stats(samples);
        const b = bytesSamples ? stats(bytesSamples) : bytesPath ? s : null;
        return {
          ...row,
          returns: bytesPath ? "Uint8Array" : row.id === "go" ? "bytes.Buffer" : "string",
          medianUs: s.median,
          q1Us: s.q1,
          q3Us: s.q3,
          minUs: s.min,
          maxUs: s.max,
          rounds: s.rounds,
          rendersPerSecond: 1e6 / s.median,
          ratioToHandWritten: s.median / limit,
          ...(b && { toBytesMedianUs: b.median, toBytesQ1Us: b.q1, toBytesQ3Us: b.q3, toBytesRatioToHandWrittenBytes: b.median / bytesLimit }),
        };
      });
    }
    return { results, sink };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function version(pkg) {
  return JSON.parse(fs.readFileSync(path.join(root, "node_modules", pkg, "package.json"), "utf8")).version;
}

const fmt = (n) => (n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(n >= 10 ? 1 : 2));

/** renderTable writes the results as a Markdown table. */
export function renderTable(results) {
  const lines = [];
  const ratio = (x) => (x >= 100 ? Math.round(x).toLocaleString("en-US") : x.toFixed(x >= 10 ? 0 : 1));
  for (const r of results) {
    lines.push(
      `**${r.title}** — ${r.contacts} contacts, HTML ${(r.htmlBytes.min / 1000).toFixed(1)}–${(r.htmlBytes.max / 1000).toFixed(1)} KB (median ${(r.htmlBytes.median / 1000).toFixed(1)} KB)`,
      "",
      "| row | µs per render (median) | spread (IQR) | renders/s | × hand-written string | µs to UTF-8 bytes | × hand-written bytes | bytes out |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    );
    for (const row of r.rows) {
      if (row.na) {
        lines.push(`| ${row.label} | ${row.na} | | | | | | |`);
        continue;
      }
      const toBytes = row.toBytesMedianUs === undefined ? "" : `${fmt(row.toBytesMedianUs)}`;
      const toBytesRatio = row.toBytesRatioToHandWrittenBytes === undefined ? "" : ratio(row.toBytesRatioToHandWrittenBytes);
      lines.push(
        `| ${row.label} | ${fmt(row.medianUs)} | ${fmt(row.q1Us)}–${fmt(row.q3Us)} | ${Math.round(row.rendersPerSecond).toLocaleString("en-US")} | ${ratio(row.ratioToHandWritten)} | ${toBytes} | ${toBytesRatio} | ${Math.round(row.bytes).toLocaleString("en-US")} |`,
      );
    }
    lines.push("");
  }
  return lines.join("\n");
}

export function machine() {
  const cpus = os.cpus();
  return { cpus: cpus.length, cpu: cpus[0]?.model ?? "unknown", memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.type()} ${os.release()} ${os.arch()}` };
}

if (process.argv[2] === "--time") {
  await timeInProcess(process.argv[3], process.argv[4]);
} else if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { results } = await renderBench();
  console.log(`\n${renderTable(results)}`);
  fs.mkdirSync(path.join(here, "results"), { recursive: true });
  fs.writeFileSync(path.join(here, "results", "render.json"), JSON.stringify({ date: new Date().toISOString(), machine: machine(), render: results }, null, 2));
}

/**
 * The preview's pages: plain HTML with a little CSS and script, no framework. A page per
 * template shows its sample audiences, the gallery of its variants (data derived from its
 * conditions, each distinct email once, labelled by what differs) and its branch coverage
 * by the audiences, in its source. The pages reload themselves when the server says a
 * template they show changed (Server-Sent Events on /events).
 */
import { unreached } from "../coverage.js";
import type { TemplateView, Rendered } from "./project.js";

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
// href is a template's page (or a file under it): each segment of its path escaped ("a#b" is a name, not a fragment).
const href = (path: string, rest = "") => `/t/${path.split("/").map(encodeURIComponent).join("/")}${rest}`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const percent = (covered: number, total: number) => (total === 0 ? "no branches" : `${Math.floor((covered / total) * 100)}%`);

const STYLE = `
:root { --ink: #1d2330; --muted: #5d6675; --line: #e3e6eb; --bg: #f6f7f9; --accent: #2f5bea; --miss: #fde8e8; --miss-ink: #a61b1b; --hit: #e7f6ec; --hit-ink: #17663a; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); display: grid; grid-template-columns: 260px 1fr; min-height: 100vh; }
nav { background: #fff; border-right: 1px solid var(--line); padding: 20px 0; position: sticky; top: 0; height: 100vh; overflow: auto; }
nav h1 { font-size: 15px; margin: 0 20px 16px; letter-spacing: .02em; }
nav a { display: flex; justify-content: space-between; gap: 8px; padding: 6px 20px; color: var(--ink); text-decoration: none; font-size: 14px; }
nav a:hover { background: var(--bg); }
nav a.current { background: #eef2ff; color: var(--accent); font-weight: 600; }
nav .badge { color: var(--muted); font-size: 12px; font-variant-numeric: tabular-nums; }
nav .badge.bad { color: var(--miss-ink); }
main { padding: 28px 36px 60px; min-width: 0; }
h2 { font-size: 22px; margin: 0 0 4px; }
h3 { font-size: 17px; margin: 36px 0 12px; }
.sub { color: var(--muted); margin: 0 0 8px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 16px; margin: 0 0 16px; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; font-size: 14px; margin-bottom: 12px; }
.meta dt { color: var(--muted); }
.meta dd { margin: 0; }
.frames { display: flex; gap: 16px; align-items: flex-start; flex-wrap: wrap; }
.frames figure { margin: 0; }
.frames figcaption { font-size: 12px; color: var(--muted); margin-bottom: 4px; }
iframe { border: 1px solid var(--line); border-radius: 6px; background: #fff; }
pre { background: #fbfbfc; border: 1px solid var(--line); border-radius: 6px; padding: 12px; overflow: auto; font: 12.5px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace; margin: 0; }
pre.text { max-height: 320px; white-space: pre-wrap; }
.error pre { background: #fff7f7; border-color: #f3c7c7; color: #5b1010; }
.error h3 { color: var(--miss-ink); margin-top: 0; }
.gallery { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 16px; }
.variant { background: #fff; border: 1px solid var(--line); border-radius: 10px; overflow: hidden; display: flex; flex-direction: column; }
.variant .thumb { height: 300px; overflow: hidden; border-bottom: 1px solid var(--line); position: relative; }
.variant .thumb iframe { border: 0; width: 640px; height: 960px; transform: scale(.406); transform-origin: 0 0; pointer-events: none; position: absolute; }
.variant .thumb pre { border: 0; border-radius: 0; height: 100%; font-size: 11px; white-space: pre-wrap; }
.variant .body { padding: 10px 12px; font-size: 13px; }
.variant .subject { font-weight: 600; margin-bottom: 6px; }
.chips { display: flex; flex-wrap: wrap; gap: 4px; margin-bottom: 6px; }
.chip { background: #eef2ff; color: #2b3f9e; border-radius: 999px; padding: 1px 8px; font-size: 12px; }
.chip.none, .chip.off { background: var(--bg); color: var(--muted); }
.chip.off { text-decoration: line-through; }
details summary { cursor: pointer; color: var(--accent); font-size: 12px; }
details pre { margin-top: 6px; font-size: 11.5px; }
.note { color: var(--muted); font-size: 13px; }
.source { counter-reset: line; }
.source .l { display: grid; grid-template-columns: 48px 1fr; font: 12.5px/1.5 ui-monospace, SFMono-Regular, Menlo, monospace; }
.source .n { color: #a0a7b3; text-align: right; padding-right: 12px; user-select: none; }
.source .c { white-space: pre-wrap; word-break: break-all; padding-left: 8px; border-left: 3px solid transparent; }
.source .hit .c { border-left-color: #7ccf98; }
.source .miss .c { background: var(--miss); border-left-color: var(--miss-ink); }
.uncovered { margin: 0 0 12px; padding-left: 18px; font-size: 14px; }
.uncovered code { font-size: 12.5px; }
.summary { display: flex; gap: 24px; font-size: 14px; color: var(--muted); margin: 4px 0 20px; }
.summary b { color: var(--ink); }
.tabs { display: flex; flex-wrap: wrap; gap: 6px; margin-bottom: 12px; }
.tabs button { font: inherit; font-size: 13px; border: 1px solid var(--line); background: #fff; border-radius: 999px; padding: 4px 12px; cursor: pointer; color: var(--ink); }
.tabs button[aria-selected="true"] { background: var(--accent); border-color: var(--accent); color: #fff; }
table.index { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid var(--line); border-radius: 10px; overflow: hidden; font-size: 14px; }
table.index th, table.index td { text-align: left; padding: 8px 12px; border-bottom: 1px solid var(--line); }
table.index th { color: var(--muted); font-weight: 500; font-size: 13px; }
table.index td.num { font-variant-numeric: tabular-nums; }
`;

// The page listens for rebuilds: a change to what it shows reloads it.
const SCRIPT = (path: string) => `
for (const tab of document.querySelectorAll("[data-tab]")) {
  tab.addEventListener("click", () => {
    for (const t of document.querySelectorAll("[data-tab]")) t.setAttribute("aria-selected", String(t === tab));
    for (const p of document.querySelectorAll("[data-panel]")) p.hidden = p.dataset.panel !== tab.dataset.tab;
  });
}
const events = new EventSource("/events");
events.onmessage = (e) => {
  const { paths } = JSON.parse(e.data);
  if (paths.includes("*") || paths.includes(${JSON.stringify(path)})) location.reload();
};`;

function layout(title: string, views: TemplateView[], current: string, main: string): string {
  const links = views
    .map((v) => {
      const bad = v.error !== undefined;
      const badge = bad ? "error" : v.coverage ? percent(v.coverage.covered, v.coverage.total) : "";
      return `<a href="${href(v.path)}"${v.path === current ? ' class="current"' : ""}><span>${esc(v.path)}</span><span class="badge${bad ? " bad" : ""}">${esc(badge)}</span></a>`;
    })
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)} · microtarget</title><style>${STYLE}</style></head><body><nav><h1><a href="/" style="padding:0;display:inline">microtarget preview</a></h1>${links}</nav><main>${main}</main><script>${SCRIPT(current)}</script></body></html>`;
}

/** indexPage lists every template: its audiences, variants, coverage, or its error. */
export function indexPage(views: TemplateView[]): string {
  const rows = views
    .map((v) => {
      const cov = v.coverage ? `${v.coverage.covered}/${v.coverage.total} (${percent(v.coverage.covered, v.coverage.total)})` : "";
      const state = v.error !== undefined ? '<span style="color:var(--miss-ink)">compile error</span>' : `${v.variants.length} variants`;
      return `<tr><td><a href="${href(v.path)}">${esc(v.path)}</a></td><td>${v.format}</td><td class="num">${v.audiences.length}</td><td>${state}</td><td class="num">${cov}</td></tr>`;
    })
    .join("");
  const main = `<h2>Templates</h2><p class="sub">${plural(views.length, "template")}. Each page shows the sample audiences, every variant the template's conditions can give, and which branches no audience reaches.</p>
<table class="index"><thead><tr><th>template</th><th>format</th><th>audiences</th><th>variants</th><th>branch coverage by the audiences</th></tr></thead><tbody>${rows}</tbody></table>`;
  return layout("Templates", views, "", main);
}

/** templatePage shows one template. */
export function templatePage(view: TemplateView, views: TemplateView[]): string {
  const head = `<h2>${esc(view.path)}</h2><p class="sub">${esc(view.file)} · ${view.format === "mjml" ? "MJML email" : "text template"}</p>`;
  if (view.error !== undefined) {
    const main = `${head}<section class="card error" id="error"><h3>This template does not compile</h3><pre>${esc(view.error)}</pre><p class="note">Fix the source and save: this page reloads by itself.</p></section>`;
    return layout(view.path, views, view.path, main);
  }
  // One audience at a time (its frames load when shown): tabs switch.
  const tabs = view.audiences.map((a, i) => `<button type="button" role="tab" aria-selected="${i === 0}" data-tab="${i}">${esc(a.name)}</button>`).join("");
  const audiences = view.audiences.length
    ? `<div class="tabs" role="tablist">${tabs}</div>${view.audiences.map((a, i) => audienceCard(view, a, i)).join("")}`
    : `<p class="note">No sample audiences: add <code>${esc(view.dataDir)}/&lt;audience&gt;.json</code>.</p>`;
  const gallery = view.variants.map((v, i) => variantCard(view, v, "variant", i)).join("");
  const missing = view.missing.map((v, i) => variantCard(view, v, "missing", i)).join("");
  const plan = view.plan;
  const main = `${head}
<div class="summary"><span><b>${plural(view.audiences.length, "audience")}</b></span><span><b>${plural(view.variants.length, "distinct variant")}</b> of ${plural(plan.combinations, "combination")} (${plan.strategy === "all" ? "all of them" : "pairwise"})</span>${view.coverage ? `<span>branch coverage by the audiences: <b>${view.coverage.covered}/${view.coverage.total}</b> (${percent(view.coverage.covered, view.coverage.total)})</span>` : ""}</div>
<h3 id="audiences">Audiences</h3>${audiences}
<h3 id="variants">Variants</h3><p class="sub">${esc(plan.dimensions.map((d) => d.label).join(" × ") || "no conditions")}: each card is one distinct email and the data that gives it.</p><div class="gallery" id="gallery">${gallery}</div>
${missing ? `<h3 id="missing">Missing fields</h3><p class="sub">The base data without a field the template tests only for truth, where that changes the email.</p><div class="gallery">${missing}</div>` : ""}
<h3 id="coverage">Branch coverage</h3>${coverageSection(view)}`;
  return layout(view.path, views, view.path, main);
}

function audienceCard(view: TemplateView, a: TemplateView["audiences"][number], i: number): string {
  const hidden = i === 0 ? "" : " hidden";
  if (a.error !== undefined) return `<section class="card error audience" data-panel="${i}"${hidden}><h3>${esc(a.name)}</h3><pre>${esc(a.error)}</pre></section>`;
  const out = a.output!;
  const src = href(view.path, `/audience/${i}.html`);
  const frames =
    out.kind === "email"
      ? `<div class="frames"><figure><figcaption>desktop · 660 px</figcaption><iframe title="${esc(a.name)}, desktop" loading="lazy" src="${src}" width="660" height="720"></iframe></figure><figure><figcaption>mobile · 375 px</figcaption><iframe title="${esc(a.name)}, mobile" loading="lazy" src="${src}" width="375" height="720"></iframe></figure><figure style="flex:1;min-width:260px"><figcaption>text part</figcaption><pre class="text">${esc(out.text)}</pre></figure></div>`
      : `<pre class="text">${esc(out.text)}</pre>`;
  const meta = out.kind === "email" ? `<dl class="meta"><dt>subject</dt><dd>${esc(out.subject)}</dd><dt>preheader</dt><dd>${esc(out.preheader)}</dd></dl>` : "";
  return `<section class="card audience" data-panel="${i}"${hidden}><h3 style="margin-top:0">${esc(a.name)}</h3>${meta}${frames}</section>`;
}

function variantCard(view: TemplateView, v: Rendered, kind: "variant" | "missing", i: number): string {
  const out = v.output;
  // "no tag x", "no .field": what the variant goes without reads struck through.
  const chips = v.differs.length ? v.differs.map((d) => (d.startsWith("no ") ? `<span class="chip off">${esc(d.slice(3))}</span>` : `<span class="chip">${esc(d)}</span>`)).join("") : '<span class="chip none">the base data</span>';
  const thumb = out.kind === "email" ? `<iframe tabindex="-1" title="variant ${i + 1}" loading="lazy" src="${href(view.path, `/${kind}/${i}.html`)}"></iframe>` : `<pre>${esc(out.text)}</pre>`;
  const more = v.count > 1 ? `<div class="note">also given by ${plural(v.count - 1, "other combination")}</div>` : "";
  return `<article class="variant" data-kind="${kind}"><div class="thumb">${thumb}</div><div class="body">${out.kind === "email" ? `<div class="subject">${esc(out.subject)}</div>` : ""}<div class="chips">${chips}</div>${more}<details><summary>data</summary><pre>${esc(JSON.stringify(v.data, null, 2))}</pre></details></div></article>`;
}

function coverageSection(view: TemplateView): string {
  const cov = view.coverage;
  if (!cov) return '<p class="note">Coverage is measured when the template compiles.</p>';
  if (!view.audiences.length) return '<p class="note">No sample audiences, so no branch is reached.</p>';
  const missed = cov.branches.filter((b) => b.hits === 0);
  const list = missed.length
    ? `<p class="sub">No audience reaches ${plural(missed.length, "branch", "branches")}:</p><ul class="uncovered">${missed.map((b) => `<li><a href="#L${b.line}">${esc(b.file)}:${b.line}:${b.column}</a> <code>${esc(b.text)}</code> ${esc(unreached(b))}</li>`).join("")}</ul>`
    : '<p class="sub">The audiences reach every branch.</p>';
  // Lines of the main file: an unreached arm's lines are marked, a reached one's lightly.
  const state = new Map<number, "hit" | "miss">();
  for (const b of cov.branches.filter((b) => b.file === view.file)) {
    const last = b.implicit ? b.line : b.endLine;
    for (let l = b.line; l <= last; l++) if (b.hits === 0) state.set(l, "miss");
    else if (!state.has(l)) state.set(l, "hit");
  }
  const lines = view.source.split("\n").map((text, i) => `<div class="l${state.has(i + 1) ? ` ${state.get(i + 1)}` : ""}" id="L${i + 1}"><span class="n">${i + 1}</span><span class="c">${esc(text) || " "}</span></div>`);
  return `${list}<pre class="source">${lines.join("")}</pre>`;
}

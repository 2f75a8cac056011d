// Contextual escaping, as properties: for each place a value can land in an email (one MJML
// template per place, the value printed there once), every payload of test/escaping-payloads.ts
// and arbitrary strings (random text mixed with pieces of the payloads) render to HTML that,
// parsed by parse5 as a browser would parse it,
//   (a) has the structure the harmless value "harmless" gives: the same elements in the same
//       nesting, each with the same attribute names, and the same comments (an Outlook
//       conditional comment's content is parsed as HTML too, as Outlook reads it);
//   (b) has no URL attribute (href, src, background, action, VML src, …) whose scheme is not
//       http, https, mailto, tel or sms (after parse5's decoding, leading C0 controls and
//       spaces trimmed and tabs and newlines removed, as the URL parser does);
//   (c) has no style attribute or <style> containing `expression(` or `javascript:` (after
//       CSS comments and escapes are decoded, case-insensitively), and no url(…) in them
//       whose scheme is not allowed (a URL's path may hold "javascript:": only its scheme counts);
//   (d) never throws while rendering, and never puts CR or LF in the subject or preheader;
//   (e) in script contexts (<script>, event handlers): the script, run in a fresh V8 context,
//       neither throws nor calls anything but f (alert, prompt, confirm are recorded) and, where
//       the value stands alone as a string or an argument, gets exactly the value back.
// RUNS=n changes the number of random runs.
import { runInContext, createContext } from "node:vm";
import fc from "fast-check";
import { parse, parseFragment } from "parse5";
import { describe, expect, it } from "vitest";
import { renderTemplate } from "../compiler/index.js";
import { FRAGMENTS, PAYLOADS } from "./escaping-payloads.js";

const RUNS = Number(process.env.RUNS ?? 400);
const HARMLESS = "harmless";

/** Place is one context: an MJML template holding `{{.v}}` once, at that place. */
interface Place {
  name: string;
  /** body goes inside <mj-section><mj-column>; head inside <mj-head>; source replaces both. */
  body?: string;
  head?: string;
  source?: string;
  /** data besides v. */
  data?: Record<string, unknown>;
  /** script: how (e) runs the scripts of the email; `exact` checks the value arrives intact. */
  script?: { run: "script" | "onclick"; exact: boolean };
}

const PLACES: Place[] = [
  // Element text and RCDATA.
  { name: "text in mj-text", body: `<mj-text>Hi {{.v}}!</mj-text>` },
  { name: "text in mj-raw HTML", body: `<mj-raw><p>{{.v}}</p></mj-raw>` },
  { name: "text in mj-button", body: `<mj-button href="https://x.com/">Go {{.v}}</mj-button>` },
  { name: "mj-title (RCDATA, aria-label, subject)", head: `<mj-title>{{.v}}</mj-title>`, body: `<mj-text>x</mj-text>` },
  { name: "mj-preview (hidden text, preheader)", head: `<mj-preview>{{.v}}</mj-preview>`, body: `<mj-text>x</mj-text>` },
  { name: "front-matter subject", source: `---\nsubject: Hello {{.v}}\n---\n<mjml><mj-body><mj-section><mj-column><mj-text>x</mj-text></mj-column></mj-section></mj-body></mjml>` },
  // Attribute values.
  { name: "double-quoted attribute", body: `<mj-raw><p title="{{.v}}">x</p></mj-raw>` },
  { name: "single-quoted attribute", body: `<mj-raw><p title='{{.v}}'>x</p></mj-raw>` },
  { name: "unquoted attribute", body: `<mj-raw><p title={{.v}}>x</p></mj-raw>` },
  { name: "attribute with text around", body: `<mj-raw><p title="a {{.v}} b" class="c">x</p></mj-raw>` },
  { name: "mj-text css-class", body: `<mj-text css-class="{{.v}}">x</mj-text>` },
  { name: "mj-image alt", body: `<mj-image src="https://x.com/i.png" alt="{{.v}}"></mj-image>` },
  // URLs.
  { name: "href at the start", body: `<mj-raw><a href="{{.v}}">x</a></mj-raw>` },
  { name: "href after leading space", body: `<mj-raw><a href=" {{.v}}">x</a></mj-raw>` },
  { name: "mj-button href", body: `<mj-button href="{{.v}}">x</mj-button>` },
  { name: "mj-image src", body: `<mj-image src="{{.v}}"></mj-image>` },
  { name: "img src in mj-raw", body: `<mj-raw><img src="{{.v}}" alt="x"></mj-raw>` },
  { name: "form action", body: `<mj-raw><form action="{{.v}}"><button formaction="{{.v}}">x</button></form></mj-raw>` },
  { name: "table background", body: `<mj-raw><table background="{{.v}}"><tr><td>x</td></tr></table></mj-raw>` },
  { name: "svg xlink:href", body: `<mj-raw><svg><a xlink:href="{{.v}}"><text>x</text></a></svg></mj-raw>` },
  { name: "href in the path", body: `<mj-raw><a href="https://x.com/{{.v}}">x</a></mj-raw>` },
  { name: "href in the query", body: `<mj-raw><a href="https://x.com/?q={{.v}}">x</a></mj-raw>` },
  { name: "href in the fragment", body: `<mj-raw><a href="https://x.com/#{{.v}}">x</a></mj-raw>` },
  { name: "mj-button href query", body: `<mj-button href="https://x.com/?u={{.v}}&ref=email">x</mj-button>` },
  { name: "mj-section background-url (style url(), background, VML src)", source: wrapSection(`background-url="{{.v}}"`) },
  { name: "mj-section background-url in the query", source: wrapSection(`background-url="https://x.com/bg.png?v={{.v}}"`) },
  // CSS.
  { name: "style attribute value", body: `<mj-raw><div style="color: {{.v}}">x</div></mj-raw>` },
  { name: "style attribute, second declaration", body: `<mj-raw><div style="margin: 0; font-family: {{.v}}; color: red">x</div></mj-raw>` },
  { name: "mj-text color (MJML's style)", body: `<mj-text color="{{.v}}">x</mj-text>` },
  { name: "mj-style value", head: `<mj-style>.a { color: {{.v}}; }</mj-style>`, body: `<mj-text css-class="a">x</mj-text>` },
  { name: "mj-style quoted font", head: `<mj-style>.a { font-family: "{{.v}}", Arial; }</mj-style>`, body: `<mj-text css-class="a">x</mj-text>` },
  { name: "mj-style url()", head: `<mj-style>.a { background: url({{.v}}); }</mj-style>`, body: `<mj-text css-class="a">x</mj-text>` },
  { name: "mj-style url(\"\")", head: `<mj-style>.a { background: url("{{.v}}"); }</mj-style>`, body: `<mj-text css-class="a">x</mj-text>` },
  { name: "mj-style url() query", head: `<mj-style>.a { background: url(https://x.com/a.png?v={{.v}}); }</mj-style>`, body: `<mj-text css-class="a">x</mj-text>` },
  { name: "style element in mj-raw", body: `<mj-raw><style>.b { color: {{.v}}; }</style></mj-raw>` },
  // JavaScript.
  { name: "script: double-quoted string", body: `<mj-raw><script>var s = "{{.v}}";</script></mj-raw>`, script: { run: "script", exact: true } },
  { name: "script: single-quoted string", body: `<mj-raw><script>var s = '{{.v}}';</script></mj-raw>`, script: { run: "script", exact: true } },
  { name: "script: value", body: `<mj-raw><script>var s = {{.v}};</script></mj-raw>`, script: { run: "script", exact: true } },
  { name: "onclick: argument", body: `<mj-raw><div onclick="f({{.v}})">x</div></mj-raw>`, script: { run: "onclick", exact: true } },
  // Bug 7 (see test/escaping.test.ts): the value is also quoted as a JS value inside the string; not a breakout.
  { name: "onclick: single-quoted string", body: `<mj-raw><div onclick="f('{{.v}}')">x</div></mj-raw>`, script: { run: "onclick", exact: false } },
  // Comments.
  { name: "HTML comment", body: `<mj-raw><!-- note {{.v}} --></mj-raw>` },
  { name: "Outlook conditional comment: text", body: `<mj-raw><!--[if mso]><p>{{.v}}</p><![endif]--></mj-raw>` },
  { name: "Outlook conditional comment: VML href", body: `<mj-raw><!--[if mso]><v:rect href="{{.v}}"><p>x</p></v:rect><![endif]--></mj-raw>` },
  { name: "Outlook conditional comment: VML href and text", body: `<mj-raw><!--[if mso]><v:rect href="{{.v}}"><p>{{.v}}</p></v:rect><![endif]--></mj-raw>` },
  { name: "Outlook conditional comment: style attribute", body: `<mj-raw><!--[if mso]><td style="color: {{.v}}">x</td><![endif]--></mj-raw>` },
  { name: "downlevel-revealed conditional comment", body: `<mj-raw><!--[if !mso]><!--><a href="{{.v}}">{{.v}}</a><!--<![endif]--></mj-raw>` },

  // Places that escaped badly once (see the bugs listed at the top of test/escaping.test.ts).
  { name: "unquoted href", body: `<mj-raw><a href={{.v}}>x</a></mj-raw>` },
  { name: "unquoted style", body: `<mj-raw><div style={{.v}}>x</div></mj-raw>` },
  { name: "unquoted onclick", body: `<mj-raw><div onclick=f({{.v}})>x</div></mj-raw>`, script: { run: "onclick", exact: true } },
  { name: "href after {{if}}", body: `<mj-raw><a href="{{if .x}}https://x.com/{{end}}{{.v}}">x</a></mj-raw>`, data: { x: false } },
  { name: "mj-section background-url in the path", source: wrapSection(`background-url="https://x.com/{{.v}}"`) },
  { name: "mj-style url() in the path", head: `<mj-style>.a { background: url(https://x.com/{{.v}}); }</mj-style>`, body: `<mj-text css-class="a">x</mj-text>` },
  { name: "style attribute url()", body: `<mj-raw><div style="background: url({{.v}})">x</div></mj-raw>` },
  { name: "style attribute url('')", body: `<mj-raw><div style="background: url('{{.v}}')">x</div></mj-raw>` },
];

function wrapSection(attrs: string): string {
  return `<mjml><mj-body><mj-section ${attrs}><mj-column><mj-text>x</mj-text></mj-column></mj-section></mj-body></mjml>`;
}

function sourceOf(p: Place): string {
  return p.source ?? `<mjml><mj-head>${p.head ?? ""}</mj-head><mj-body><mj-section><mj-column>${p.body ?? ""}</mj-column></mj-section></mj-body></mjml>`;
}

// ---- parse5: structure, URLs, CSS, scripts ----

interface Node {
  nodeName: string;
  tagName?: string;
  attrs?: { name: string; value: string; prefix?: string }[];
  childNodes?: Node[];
  data?: string;
  value?: string;
  content?: Node;
}

/** Parsed is what the checks read from one rendered email. */
interface Parsed {
  structure: string[];
  urls: { attr: string; value: string }[];
  css: string[];
  scripts: string[];
  handlers: string[];
}

const URL_ATTRIBUTES = new Set(["href", "src", "background", "action", "formaction", "poster", "cite", "xlink:href", "longdesc", "usemap", "codebase", "data", "manifest", "icon", "lowsrc", "dynsrc", "profile"]);
const CONDITIONAL = /^\[if [^\]]*\]>([^]*)<!\[endif\]$/;

function parseEmail(html: string): Parsed {
  const out: Parsed = { structure: [], urls: [], css: [], scripts: [], handlers: [] };
  // What a recipient gets are UTF-8 bytes: a lone surrogate arrives as U+FFFD (parse5 throws on some).
  walk(parse(Buffer.from(html, "utf8").toString("utf8")) as unknown as Node, out);
  return out;
}

function walk(node: Node, out: Parsed): void {
  for (const child of node.childNodes ?? []) {
    if (child.nodeName === "#comment") {
      const conditional = CONDITIONAL.exec(child.data ?? "");
      if (conditional) {
        // Outlook reads a conditional comment's content as HTML.
        out.structure.push(`<!--${/^\[if [^\]]*\]>/.exec(child.data!)![0]}`);
        walk(parseFragment(conditional[1]) as unknown as Node, out);
        out.structure.push("<![endif]-->");
      } else out.structure.push("<!---->");
      continue;
    }
    if (child.nodeName === "#documentType") {
      out.structure.push("<!doctype>");
      continue;
    }
    if (!child.tagName) continue; // text
    const names = (child.attrs ?? []).map((a) => (a.prefix ? `${a.prefix}:${a.name}` : a.name));
    out.structure.push(`<${child.tagName} ${names.join(" ")}>`);
    for (const a of child.attrs ?? []) {
      const name = a.prefix ? `${a.prefix}:${a.name}` : a.name;
      if (URL_ATTRIBUTES.has(name)) out.urls.push({ attr: `${child.tagName} ${name}`, value: a.value });
      if (name === "style") out.css.push(a.value);
      if (name === "onclick") out.handlers.push(a.value);
    }
    const text = (child.childNodes ?? []).map((c) => (c.nodeName === "#text" ? (c.value ?? "") : "")).join("");
    if (child.tagName === "style") out.css.push(text);
    if (child.tagName === "script") out.scripts.push(text);
    walk(child.content ?? child, out);
    out.structure.push(`</${child.tagName}>`);
  }
}

const SAFE_SCHEMES = new Set(["http", "https", "mailto", "tel", "sms"]);

/** schemeOf is a URL's scheme as a browser reads it, or undefined for a relative URL. */
function schemeOf(url: string): string | undefined {
  const s = url.replace(/^[\x00-\x20]+/, "").replace(/[\t\n\r]/g, "");
  return /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(s)?.[1].toLowerCase();
}

/**
 * readCss reads CSS as a browser tokenizes it, for (c): comments dropped, escapes decoded,
 * the URLs of url(…) apart (a URL may hold "javascript:" in its path: its scheme is what
 * matters), and the rest, lower-cased, which must hold neither expression( nor javascript:.
 */
function readCss(css: string): { rest: string; urls: string[] } {
  const unescape = (t: string) =>
    t.replace(/\\([0-9a-fA-F]{1,6})[ \t\n\r\f]?|\\([^])/g, (_, hex?: string, c?: string) =>
      hex ? String.fromCodePoint(Math.min(parseInt(hex, 16) || 0xfffd, 0x10ffff)) : c === "\n" ? "" : (c ?? ""),
    );
  // string reads a quoted string at i: its decoded value and the index after it.
  const string = (i: number): [string, number] => {
    const q = css[i];
    let j = i + 1;
    while (j < css.length && css[j] !== q && css[j] !== "\n") j += css[j] === "\\" ? 2 : 1;
    return [unescape(css.slice(i + 1, j)), j + 1];
  };
  const urls: string[] = [];
  let rest = "";
  let i = 0;
  while (i < css.length) {
    if (css.startsWith("/*", i)) {
      const end = css.indexOf("*/", i + 2);
      i = end < 0 ? css.length : end + 2;
    } else if (css[i] === '"' || css[i] === "'") {
      const [value, next] = string(i);
      rest += `"${value}"`;
      i = next;
    } else if (css[i] === "\\") {
      const n = escapeLength(css, i);
      rest += unescape(css.slice(i, i + n));
      i += n;
    } else {
      const url = /^url\(\s*/i.exec(css.slice(i, i + 64));
      if (url && !/[a-z0-9_-]$/i.test(rest)) {
        i += url[0].length;
        if (css[i] === '"' || css[i] === "'") {
          const [value, next] = string(i);
          urls.push(value);
          i = next;
        } else {
          let j = i;
          while (j < css.length && !/[)\s]/.test(css[j])) j += css[j] === "\\" ? 2 : 1;
          urls.push(unescape(css.slice(i, j)));
          i = j;
        }
        const close = css.indexOf(")", i);
        i = close < 0 ? css.length : close + 1;
        rest += "url()";
      } else rest += css[i++];
    }
  }
  return { rest: rest.toLowerCase(), urls };
}

/** escapeLength is the length of the CSS escape at i. */
function escapeLength(css: string, i: number): number {
  const m = /^\\(?:[0-9a-fA-F]{1,6}[ \t\n\r\f]?|[^])?/.exec(css.slice(i, i + 8));
  return m![0].length;
}

/** runScripts runs an email's scripts or onclick handlers in a fresh context, recording calls to f, alert, prompt, confirm and any throw. */
function runScripts(parsed: Parsed, run: "script" | "onclick"): { calls: { fn: string; args: unknown[] }[]; s: unknown } {
  const calls: { fn: string; args: unknown[] }[] = [];
  const sandbox: Record<string, unknown> = {
    f: (...args: unknown[]) => calls.push({ fn: "f", args }),
    alert: (...args: unknown[]) => calls.push({ fn: "alert", args }),
    prompt: (...args: unknown[]) => calls.push({ fn: "prompt", args }),
    confirm: (...args: unknown[]) => calls.push({ fn: "confirm", args }),
  };
  const context = createContext(sandbox);
  const sources = run === "script" ? parsed.scripts : parsed.handlers;
  expect(sources.length, "the email has the script").toBeGreaterThan(0);
  for (const code of sources) {
    try {
      runInContext(code, context, { timeout: 200 });
    } catch (e) {
      // A syntax error or a throw: the value changed the code.
      calls.push({ fn: "throw", args: [String(e)] });
    }
  }
  return { calls, s: runInContext("typeof s === 'undefined' ? undefined : s", context) };
}

// ---- the properties ----

interface Reference {
  structure: string[];
}

async function render(p: Place, v: string) {
  return renderTemplate(sourceOf(p), { ...p.data, v }, { filename: "escape.mjml" });
}

/** check asserts properties (a) to (e) for one value. */
async function check(p: Place, ref: Reference, v: string): Promise<void> {
  const label = `${p.name} with ${JSON.stringify(v.length > 200 ? v.slice(0, 200) + "…" : v)}`;
  // (d) rendering never throws; no CR or LF in the subject or preheader.
  const email = await render(p, v);
  expect(email.subject, label).not.toMatch(/[\r\n]/);
  expect(email.preheader, label).not.toMatch(/[\r\n]/);
  const parsed = parseEmail(email.html);
  // (a) the structure is the harmless value's.
  expect(parsed.structure, label).toEqual(ref.structure);
  // (b) URL attributes have an allowed scheme, or none.
  for (const u of parsed.urls) {
    const scheme = schemeOf(u.value);
    if (scheme !== undefined) expect(SAFE_SCHEMES.has(scheme), `${label}: ${u.attr}="${u.value}"`).toBe(true);
  }
  // (c) no expression( or javascript: in CSS, and url(…) with an allowed scheme or none.
  for (const css of parsed.css) {
    const { rest, urls } = readCss(css);
    expect(rest.includes("expression("), `${label}: CSS ${css}`).toBe(false);
    expect(rest.includes("javascript:"), `${label}: CSS ${css}`).toBe(false);
    for (const url of urls) {
      const scheme = schemeOf(url);
      if (scheme !== undefined) expect(SAFE_SCHEMES.has(scheme), `${label}: CSS ${css}`).toBe(true);
    }
  }
  // (e) scripts call nothing but f, and get the value back where it stands alone.
  if (p.script) {
    const { calls, s } = runScripts(parsed, p.script.run);
    expect(calls.filter((c) => c.fn !== "f"), `${label}: ${(p.script.run === "script" ? parsed.scripts : parsed.handlers).join(" | ").slice(0, 300)}`).toEqual([]);
    if (p.script.exact) {
      // JSON escapes keep lone surrogates: the value comes back exactly.
      if (p.script.run === "script") expect(s, label).toBe(v);
      else expect(calls, label).toEqual([{ fn: "f", args: [v] }]);
    }
  }
}


const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom(...PAYLOADS.filter((p) => p.length < 100)) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) },
);
/** arbitraryValue: random strings (ASCII or any code point), or random pieces of payloads and text joined. */
const arbitraryValue = fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.array(piece, { maxLength: 10 }).map((a) => a.join("")));

describe("contextual escaping: properties", () => {
  it("the payload list has at least 80 entries, all distinct", () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(80);
    expect(new Set(PAYLOADS).size).toBe(PAYLOADS.length);
  });

  it("readCss reads CSS as a browser tokenizes it", () => {
    expect(readCss(`a: url('x/*y') /* c */ b`)).toEqual({ rest: "a: url()  b", urls: ["x/*y"] });
    expect(readCss(`\\65 xpression(1); x: "a\\3a b"`).rest).toBe(`expression(1); x: "a:b"`);
    expect(readCss(`background:URL( "java\\script:x" )`)).toEqual({ rest: "background:url()", urls: ["javascript:x"] });
    expect(readCss(`exp/**/ression(`).rest).toBe("expression(");
  });

  it("schemeOf reads schemes as a browser does", () => {
    expect(schemeOf(" \tJaVa\nScRiPt:x")).toBe("javascript");
    expect(schemeOf("\x01javascript:x")).toBe("javascript");
    expect(schemeOf("#ZgotmplZ")).toBeUndefined();
    expect(schemeOf("/a:b")).toBeUndefined();
    expect(schemeOf("tel:+1")).toBe("tel");
  });

  for (const p of PLACES) {
    const properties = async () => {
      const harmless = parseEmail((await render(p, HARMLESS)).html);
      const ref: Reference = { structure: harmless.structure };
      // The harmless value is there, and passes the checks too.
      const email = await render(p, HARMLESS);
      expect(email.html + email.subject + email.preheader).toContain(HARMLESS);
      await check(p, ref, HARMLESS);
      for (const v of PAYLOADS) await check(p, ref, v);
      await fc.assert(
        fc.asyncProperty(arbitraryValue, async (v) => {
          await check(p, ref, v);
        }),
        { numRuns: RUNS },
      );
    };
    it(p.name, properties);
  }
});

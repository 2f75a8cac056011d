// Contextual escaping, exactly: for each place a value can land in an email (see
// compiler/weave/html-context.ts and runtime/escape.ts), a handful of values and the exact
// HTML they render to; safeHTML and values in tag or attribute names; the plain parts
// (subject, preheader, text); Outlook conditional comments; and a differential against Go's
// html/template (test/go/escape.go) where our policy is Go's. test/escaping-properties.test.ts
// checks the same places with every payload and random strings.
//
// Bugs this suite found, all fixed; each stays pinned by a test below named "bug N". How they
// rendered before the fix:
//   1. Unquoted attributes get only HTML escaping, whatever the attribute: `<a href={{.v}}>`
//      with "javascript:alert(1)" renders `href=javascript:alert(1)`; `style={{.v}}` and
//      `onclick=f({{.v}})` get no CSS or JS escaping either.
//   2. In an attribute with markup, the URL part of a value is decided from the template text
//      before it, whatever branch printed it: `href="{{if .x}}https://x.com/{{end}}{{.v}}"`
//      with x false and "javascript:alert(1)" renders `href="javascript:alert(1)"`.
//   3. normalizeUrl keeps ' ( ) (Go's urlNormalizer encodes them) and a % not followed by two
//      hex digits (Go: %25): inside CSS url(…) a value leaves the URL:
//      `<mj-section background-url="https://x.com/{{.v}}">` with
//      "a');background:url('javascript:alert(1)" renders
//      `style="background:url('https://x.com/a&#39;);background:url(&#39;javascript:alert(1)') …"`.
//   4. Template literals: `` var s = `{{.v}}` `` escapes neither ` nor ${: "${alert(1)}" runs.
//   5. JS comments and regular expressions are read as code: `/* {{.v}} */` with
//      "*/alert(1)/*" renders `/* "*/alert(1)/*" */`; `/{{.v}}/` with "/;alert(1);//" renders
//      `/"/;alert(1);//"/`.
//   6. Character references before a value are not decoded when its context is found:
//      `onclick="f(&quot;{{.v}}&quot;)"` with ",alert(1)," renders
//      `f(&quot;&#34;,alert(1),&#34;&quot;)`, which the browser runs as `f("",alert(1),"")`.
//   7. In an attribute with markup, CSS and JS contexts are those of the attribute's start:
//      `style="background: url({{.v}})"` gets the CSS value escaper (no scheme check, no URL
//      encoding: "livescript:alert(1)" passes); `onclick="f('{{.v}}')"` renders
//      `f('&#34;abc&#34;')` for "abc".
//   8. srcset is not a URL attribute: `<img srcset="{{.v}}">` keeps "javascript:alert(1)"
//      (Go checks srcset; browsers do not run it, so this is the least of them).
import { spawnSync } from "node:child_process";
import { runInContext, createContext } from "node:vm";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { parseFragment } from "parse5";
import { beforeAll, describe, expect, it } from "vitest";
import { renderTemplate } from "../compiler/index.js";
import { escapeUrlComponent, normalizeUrl } from "../runtime/escape.js";
import { FRAGMENTS, PAYLOADS } from "./escaping-payloads.js";

const FILENAME = "escaping.mjml";

function mjml(body: string, head = ""): string {
  return `<mjml><mj-head>${head}</mj-head><mj-body><mj-section><mj-column>${body}</mj-column></mj-section></mj-body></mjml>`;
}

async function render(source: string, data: Record<string, unknown>) {
  return renderTemplate(source, data, { filename: FILENAME });
}

/** between is the text between the only `start` of the HTML and the next `end`. */
function between(html: string, start: string, end: string): string {
  const i = html.indexOf(start);
  expect(i, `${JSON.stringify(start)} is in the HTML`).toBeGreaterThanOrEqual(0);
  expect(html.indexOf(start, i + 1), `${JSON.stringify(start)} is in the HTML once`).toBe(-1);
  const j = html.indexOf(end, i + start.length);
  expect(j, `${JSON.stringify(end)} follows ${JSON.stringify(start)}`).toBeGreaterThanOrEqual(0);
  return html.slice(i + start.length, j);
}

/** Golden is one place: a template, where to read the value, and values with their exact escaping. */
interface Golden {
  name: string;
  source: string;
  /** the value is between start and end, or in the first group of pattern (matched once). */
  start?: string;
  end?: string;
  pattern?: RegExp;
  cases: [value: string, expected: string][];
}

function slotOf(g: Golden, html: string): string {
  if (!g.pattern) return between(html, g.start!, g.end!);
  const all = [...html.matchAll(new RegExp(g.pattern, "g"))];
  expect(all.length, `${g.pattern} matches once`).toBe(1);
  return all[0][1];
}

const GOLDEN: Golden[] = [
  {
    name: "element text (mj-text)",
    source: mjml(`<mj-text>«{{.v}}»</mj-text>`),
    start: "«",
    end: "»",
    cases: [
      [`<b>&"'+`, "&lt;b&gt;&amp;&#34;&#39;&#43;"],
      ["</mj-text><script>alert(1)</script>", "&lt;/mj-text&gt;&lt;script&gt;alert(1)&lt;/script&gt;"],
      ["a\u0000b", "a\uFFFDb"],
      ["&amp; &#60;", "&amp;amp; &amp;#60;"],
      ["héllo 😀 \u202e\u200f", "héllo 😀 \u202e\u200f"],
      ["{{.v}}", "{{.v}}"],
      ["Ada", "Ada"],
    ],
  },
  {
    name: "element text (mj-raw HTML)",
    source: mjml(`<mj-raw><p id="t">{{.v}}</p></mj-raw>`),
    start: `<p id="t">`,
    end: "</p>",
    cases: [
      [`<b>&"'+`, "&lt;b&gt;&amp;&#34;&#39;&#43;"],
      ["</p><script>alert(1)</script>", "&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;"],
    ],
  },
  {
    name: "RCDATA (mj-title)",
    source: mjml(`<mj-text>x</mj-text>`, `<mj-title>«{{.v}}»</mj-title>`),
    start: "<title>«",
    end: "»</title>",
    cases: [
      ["</title><script>alert(1)</script>", "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"],
      [`<b>&"'+`, "&lt;b&gt;&amp;&#34;&#39;&#43;"],
    ],
  },
  {
    name: "double-quoted attribute",
    source: mjml(`<mj-raw><p id="a" title="{{.v}}">x</p></mj-raw>`),
    start: `id="a" title="`,
    end: `"`,
    cases: [
      [`" onmouseover="alert(1)`, "&#34; onmouseover=&#34;alert(1)"],
      [`'><script>alert(1)</script>`, "&#39;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"],
      ["`backtick` a=b", "`backtick` a=b"],
      ["a&b+c", "a&amp;b&#43;c"],
    ],
  },
  {
    name: "single-quoted attribute",
    source: mjml(`<mj-raw><p id="a" title='{{.v}}'>x</p></mj-raw>`),
    start: `id="a" title='`,
    end: `'`,
    cases: [
      [`' onmouseover='alert(1)`, "&#39; onmouseover=&#39;alert(1)"],
      [`"`, "&#34;"],
    ],
  },
  {
    name: "unquoted attribute",
    source: mjml(`<mj-raw><p id="a" title={{.v}}>x</p></mj-raw>`),
    start: `id="a" title=`,
    end: `>x</p>`,
    cases: [
      ["a b", "a&#32;b"],
      ["", "ZgotmplZ"],
      ["x onmouseover=alert(1)", "x&#32;onmouseover&#61;alert(1)"],
      ["`x`", "&#96;x&#96;"],
      ["a\tb\nc\fd\re", "a&#9;b&#10;c&#12;d&#13;e"],
      ["x>y", "x&gt;y"],
    ],
  },
  {
    name: "mj-text css-class (MJML's class attribute)",
    source: mjml(`<mj-text css-class="k {{.v}}">x</mj-text>`),
    start: `class="k `,
    end: `"`,
    cases: [[`a" onmouseover="alert(1)`, "a&#34; onmouseover=&#34;alert(1)"]],
  },
  {
    name: "mj-image alt",
    source: mjml(`<mj-image src="https://x.com/i.png" alt="{{.v}}"></mj-image>`),
    start: `alt="`,
    end: `"`,
    cases: [[`"><script>alert(1)</script>`, "&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"]],
  },
  {
    name: "URL attribute at its start (href)",
    source: mjml(`<mj-raw><a id="u" href="{{.v}}">x</a></mj-raw>`),
    start: `id="u" href="`,
    end: `"`,
    cases: [
      // Our policy: tel:, sms: and mailto: links keep working (Go allows only mailto:).
      ["tel:+15551234567", "tel:&#43;15551234567"],
      ["mailto:a@b.c", "mailto:a@b.c"],
      ["sms:+15551234567", "sms:&#43;15551234567"],
      ["https://x.com/a b", "https://x.com/a%20b"],
      ["HTTPS://X.COM/", "HTTPS://X.COM/"],
      ["https://x.com/é?q=ü#ß", "https://x.com/%C3%A9?q=%C3%BC#%C3%9F"],
      ["https://x.com/a\"b<c>", "https://x.com/a%22b%3Cc%3E"],
      ["https://x.com/?a=1&b=2", "https://x.com/?a=1&amp;b=2"],
      ["/path?a=1&b=2", "/path?a=1&amp;b=2"],
      ["//cdn.x.com/i.png", "//cdn.x.com/i.png"],
      ["javascript:alert(1)", "#ZgotmplZ"],
      ["JaVaScRiPt:alert(1)", "#ZgotmplZ"],
      ["\tjavascript:alert(1)", "#ZgotmplZ"],
      [" javascript:alert(1)", "#ZgotmplZ"],
      ["\x01javascript:alert(1)", "#ZgotmplZ"],
      ["jav\tascript:alert(1)", "#ZgotmplZ"],
      // The & is escaped, so the browser reads "jav&#x09;ascript:…": & cannot be in a scheme, a relative URL.
      ["jav&#x09;ascript:alert(1)", "jav&amp;#x09;ascript:alert%281%29"],
      ["vbscript:msgbox(1)", "#ZgotmplZ"],
      ["data:text/html,<script>alert(1)</script>", "#ZgotmplZ"],
      ["file:///etc/passwd", "#ZgotmplZ"],
      // No colon: a relative URL, and its & is escaped, so no character reference can make one.
      ["javascript&colon;alert(1)", "javascript&amp;colon;alert%281%29"],
      ["javascript&#58;alert(1)", "javascript&amp;#58;alert%281%29"],
      // Our policy: a colon after / ? or # is not a scheme's (Go rejects "?a:b").
      ["?a:b", "?a:b"],
      ["#top:1", "#top:1"],
    ],
  },
  {
    name: "mj-button href",
    source: mjml(`<mj-button href="{{.v}}">x</mj-button>`),
    pattern: /<a\s+href="([^"]*)"/,
    cases: [
      ["tel:+15551234567", "tel:&#43;15551234567"],
      ["mailto:a@b.c", "mailto:a@b.c"],
      ["javascript:alert(1)", "#ZgotmplZ"],
      ["https://x.com/a b", "https://x.com/a%20b"],
    ],
  },
  {
    name: "URL path",
    source: mjml(`<mj-raw><a id="u" href="https://x.com/{{.v}}">x</a></mj-raw>`),
    start: `id="u" href="https://x.com/`,
    end: `"`,
    cases: [
      ["a b", "a%20b"],
      ["dir/../file?x=1#y", "dir/../file?x=1#y"],
      ["é", "%C3%A9"],
      ["javascript:alert(1)", "javascript:alert%281%29"],
      [`"><script>`, "%22%3E%3Cscript%3E"],
      ["100%25", "100%25"],
      ["a&b", "a&amp;b"],
    ],
  },
  {
    name: "URL query",
    source: mjml(`<mj-raw><a id="u" href="https://x.com/?q={{.v}}">x</a></mj-raw>`),
    start: `id="u" href="https://x.com/?q=`,
    end: `"`,
    cases: [
      ["a&b=c d", "a%26b%3Dc%20d"],
      ["é", "%C3%A9"],
      ["#x", "%23x"],
      ["javascript:alert(1)", "javascript%3Aalert%281%29"],
      [`"'<>+`, "%22%27%3C%3E%2B"],
      ["A-z_0.9~", "A-z_0.9~"],
    ],
  },
  {
    name: "URL fragment",
    source: mjml(`<mj-raw><a id="u" href="https://x.com/#{{.v}}">x</a></mj-raw>`),
    start: `id="u" href="https://x.com/#`,
    end: `"`,
    cases: [["a b#c", "a%20b%23c"]],
  },
  {
    name: "mj-button href query",
    source: mjml(`<mj-button href="https://x.com/?u={{.v}}&ref=email">x</mj-button>`),
    pattern: /<a\s+href="https:\/\/x\.com\/\?u=([^"]*)"/,
    // The template's own & stays as written (MJML copies it); only the value is escaped.
    cases: [["a&b=c d", "a%26b%3Dc%20d&ref=email"]],
  },
  {
    name: "CSS value in a style attribute",
    source: mjml(`<mj-raw><div id="c" style="color: {{.v}}">x</div></mj-raw>`),
    start: `id="c" style="color: `,
    end: `"`,
    cases: [
      // Our policy: colours, lengths and quoted font stacks pass (Go's cssValueFilter rejects ( and ").
      ["rgb(1, 2, 3)", "rgb(1, 2, 3)"],
      ["rgba(0,0,0,0.5)", "rgba(0,0,0,0.5)"],
      ["#ff0000", "#ff0000"],
      ["12px", "12px"],
      [`"Helvetica Neue", Arial`, "&#34;Helvetica Neue&#34;, Arial"],
      ["red;background:url(javascript:x)", "ZgotmplZ"],
      ["expression(alert(1))", "ZgotmplZ"],
      ["EXPRESSION(alert(1))", "ZgotmplZ"],
      ["red}body{x:y", "ZgotmplZ"],
      ["</style><script>", "ZgotmplZ"],
      ["\\65 xpression(alert(1))", "ZgotmplZ"],
      ["exp/**/ression(alert(1))", "ZgotmplZ"],
      ["@import 'x.css'", "ZgotmplZ"],
      ["-moz-binding:url(x.xml#x)", "ZgotmplZ"],
      ["behavior:url(x.htc)", "ZgotmplZ"],
      ["url(https://x.com/t.gif)", "ZgotmplZ"],
      ["&#106;avascript:x", "ZgotmplZ"],
      ["javascript:x", "ZgotmplZ"],
    ],
  },
  {
    name: "mj-text color (MJML's style attribute)",
    source: mjml(`<mj-text color="{{.v}}">x</mj-text>`),
    start: `text-align:left;color:`,
    end: `;`,
    cases: [
      ["rgb(1, 2, 3)", "rgb(1, 2, 3)"],
      ["#112233", "#112233"],
      ["red}body{x:y", "ZgotmplZ"],
    ],
  },
  {
    name: "CSS value in mj-style (<style>)",
    source: mjml(`<mj-text css-class="a">x</mj-text>`, `<mj-style>.a { color: {{.v}}; }</mj-style>`),
    start: `.a { color: `,
    end: `; }`,
    cases: [
      ["rgb(1, 2, 3)", "rgb(1, 2, 3)"],
      // In <style> nothing is HTML-decoded: the quotes stay as they are.
      [`"Helvetica Neue", Arial`, `"Helvetica Neue", Arial`],
      ["red;background:url(javascript:x)", "ZgotmplZ"],
      ["</style><script>alert(1)</script>", "ZgotmplZ"],
      ["red</style>", "ZgotmplZ"],
      ["red/*", "ZgotmplZ"],
    ],
  },
  {
    name: "CSS url() in mj-style",
    source: mjml(`<mj-text css-class="b">x</mj-text>`, `<mj-style>.b { background: url({{.v}}); }</mj-style>`),
    start: `.b { background: url(`,
    end: `); }`,
    cases: [
      ["https://x.com/a b.png", "https://x.com/a%20b.png"],
      ["javascript:alert(1)", "#ZgotmplZ"],
      [" JavaScript:alert(1)", "#ZgotmplZ"],
      [`a'b(c)"d\\e`, "a%27b%28c%29%22d%5Ce"],
      ["</style>", "%3C/style%3E"],
    ],
  },
  {
    name: "JS string in <script>",
    source: mjml(`<mj-raw><script>var s = "{{.v}}";</script></mj-raw>`),
    start: `var s = "`,
    end: `";</script>`,
    cases: [
      ["</script><script>alert(1)//", "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)//"],
      [`"'\\`, `\\"\\u0027\\\\`],
      ["\u2028\u2029", "\\u2028\\u2029"],
      ["a\nb\u0000", "a\\nb\\u0000"],
      ["&amp;", "\\u0026amp;"],
    ],
  },
  {
    name: "JS value in <script>",
    source: mjml(`<mj-raw><script>var s = {{.v}};</script></mj-raw>`),
    start: `var s = `,
    end: `;</script>`,
    cases: [
      ["1;alert(1)", `"1;alert(1)"`],
      ["</script>", `"\\u003c/script\\u003e"`],
    ],
  },
  {
    name: "JS value in an event handler",
    source: mjml(`<mj-raw><div onclick="f({{.v}})">x</div></mj-raw>`),
    start: `onclick="f(`,
    end: `)">`,
    cases: [
      ["1);alert(1", "&#34;1);alert(1&#34;"],
      [`"`, "&#34;\\&#34;&#34;"],
    ],
  },
  {
    name: "HTML comment",
    source: mjml(`<mj-raw><!-- «{{.v}}» --></mj-raw>`),
    start: "«",
    end: "»",
    cases: [
      ["--><script>alert(1)</script><!--", "&#45;&#45;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!&#45;&#45;"],
      ["--!>", "&#45;&#45;!&gt;"],
      ["<![endif]-->", "&lt;![endif]&#45;&#45;&gt;"],
    ],
  },
  {
    name: "text in an Outlook conditional comment",
    source: mjml(`<mj-raw><!--[if mso]><p>«{{.v}}»</p><![endif]--></mj-raw>`),
    start: "«",
    end: "»",
    cases: [
      ["<![endif]--><script>alert(1)</script>", "&lt;![endif]--&gt;&lt;script&gt;alert(1)&lt;/script&gt;"],
      ["-->", "--&gt;"],
    ],
  },
  {
    name: "VML href in an Outlook conditional comment",
    source: mjml(`<mj-raw><!--[if mso]><v:rect id="o" href="{{.v}}"><p>x</p></v:rect><![endif]--></mj-raw>`),
    start: `id="o" href="`,
    end: `"`,
    cases: [
      ["javascript:alert(1)", "#ZgotmplZ"],
      ["https://x.com/a b", "https://x.com/a%20b"],
      [`"><![endif]-->`, "%22%3E%3C![endif]--%3E"],
      [`https://x.com/"><![endif]-->`, "https://x.com/%22%3E%3C![endif]--%3E"],
    ],
  },
];

describe("contextual escaping: exact output", () => {
  for (const g of GOLDEN) {
    it(g.name, async () => {
      for (const [value, expected] of g.cases) {
        const { html } = await render(g.source, { v: value });
        expect(slotOf(g, html), `${g.name}: ${JSON.stringify(value)}`).toBe(expected);
      }
    });
  }

  it("mj-section background-url: VML src, background attribute and CSS url() are each escaped for their place", async () => {
    const source = `<mjml><mj-body><mj-section background-url="{{.v}}"><mj-column><mj-text>x</mj-text></mj-column></mj-section></mj-body></mjml>`;
    const expectAll = (html: string, url: string) => {
      expect(html).toContain(`<v:fill origin="0.5, 0" position="0.5, 0" src="${url}"`);
      expect(html).toContain(`background="${url}"`);
      expect(html).toContain(`background:url('${url}')`);
    };
    expectAll((await render(source, { v: "javascript:alert(1)" })).html, "#ZgotmplZ");
    expectAll((await render(source, { v: "https://x.com/a b.png" })).html, "https://x.com/a%20b.png");
    expectAll((await render(source, { v: "https://x.com/bg.png" })).html, "https://x.com/bg.png");
  });

  it("Outlook conditional comments survive whole, the value escaped inside", async () => {
    const source = mjml(`<mj-raw><!--[if mso]><v:rect href="{{.v}}"><p>{{.v}}</p></v:rect><![endif]--></mj-raw>`);
    const harmless = (await render(source, { v: "https://x.com/" })).html;
    expect(harmless).toContain(`<!--[if mso]><v:rect href="https://x.com/"><p>https://x.com/</p></v:rect><![endif]-->`);
    const count = (html: string, s: string) => html.split(s).length - 1;
    for (const [v, href, p] of [
      ["javascript:alert(1)<![endif]-->", "#ZgotmplZ", "javascript:alert(1)&lt;![endif]--&gt;"],
      ["--><script>alert(1)</script>", "--%3E%3Cscript%3Ealert%281%29%3C/script%3E", "--&gt;&lt;script&gt;alert(1)&lt;/script&gt;"],
      ["<!--[if mso]>", "%3C!--[if%20mso]%3E", "&lt;!--[if mso]&gt;"],
      ["]]>", "]]%3E", "]]&gt;"],
    ]) {
      const { html } = await render(source, { v });
      expect(html, JSON.stringify(v)).toContain(`<!--[if mso]><v:rect href="${href}"><p>${p}</p></v:rect><![endif]-->`);
      expect(count(html, "<![endif]-->"), JSON.stringify(v)).toBe(count(harmless, "<![endif]-->"));
      expect(count(html, "<!--[if"), JSON.stringify(v)).toBe(count(harmless, "<!--[if"));
    }
  });

  it("safeHTML inserts trusted HTML as it is in element text", async () => {
    const { html, text } = await render(mjml(`<mj-text>«{{safeHTML .v}}»‹{{.v | safeHTML}}›</mj-text>`), { v: `<b class="x">bold</b> &amp;` });
    expect(between(html, "«", "»")).toBe(`<b class="x">bold</b> &amp;`);
    expect(between(html, "‹", "›")).toBe(`<b class="x">bold</b> &amp;`);
    expect(text).toContain("«<b class=\"x\">bold</b> &amp;»");
  });

  const compileError = async (source: string): Promise<string[]> => {
    try {
      await render(source, { v: "x" });
    } catch (e) {
      expect((e as Error).name).toBe("CompileError");
      return ((e as { diagnostics: { code: string }[] }).diagnostics ?? []).map((d) => d.code);
    }
    throw new Error("expected a CompileError");
  };

  it("safeHTML anywhere but element text is a compile error (unsafe_html_context)", async () => {
    for (const body of [
      `<mj-raw><a href="{{safeHTML .v}}">x</a></mj-raw>`,
      `<mj-raw><p title="{{safeHTML .v}}">x</p></mj-raw>`,
      `<mj-raw><p title="a {{.v | safeHTML}} b">x</p></mj-raw>`,
      `<mj-button href="{{safeHTML .v}}">x</mj-button>`,
      `<mj-text css-class="{{safeHTML .v}}">x</mj-text>`,
      `<mj-raw><div style="color: {{safeHTML .v}}">x</div></mj-raw>`,
      `<mj-raw><script>var s = "{{safeHTML .v}}";</script></mj-raw>`,
      `<mj-raw><!-- {{safeHTML .v}} --></mj-raw>`,
    ]) {
      expect(await compileError(mjml(body)), body).toContain("unsafe_html_context");
    }
    for (const head of [`<mj-title>{{safeHTML .v}}</mj-title>`, `<mj-style>.a { color: {{safeHTML .v}}; }</mj-style>`]) {
      expect(await compileError(mjml(`<mj-text>x</mj-text>`, head)), head).toContain("unsafe_html_context");
    }
  });

  it("a value in a tag or attribute name is a compile error", async () => {
    for (const body of [
      `<mj-raw><div {{.v}}="1"></div></mj-raw>`,
      `<mj-raw><div data-{{.v}}="1"></div></mj-raw>`,
      `<mj-raw><div {{.v}}></div></mj-raw>`,
      `<mj-raw><{{.v}}>x</{{.v}}></mj-raw>`,
      `<mj-text {{.v}}="1">x</mj-text>`,
    ]) {
      const codes = await compileError(mjml(body));
      expect(codes.length, body).toBeGreaterThan(0);
      expect(codes.every((c) => c === "markup_in_tag" || c === "hole_in_tag"), `${body}: ${codes}`).toBe(true);
    }
  });
});

describe("the plain parts: subject, preheader and text are not HTML", () => {
  it("front-matter subject: as it is, whitespace folded, no CR or LF", async () => {
    const source = `---\nsubject: Hi {{.v}}\n---\n${mjml(`<mj-text>x</mj-text>`)}`;
    const { subject, html } = await render(source, { v: `<b>&amp; "x"\r\nBcc: victim@example.com` });
    expect(subject).toBe(`Hi <b>&amp; "x" Bcc: victim@example.com`);
    expect(html).not.toContain("victim");
    for (const v of ["a\nb", "a\r\nb", "a\rb", "a\u2028b\u2029c", " a \t b ", "\n\n"]) {
      const s = (await render(source, { v })).subject;
      expect(s, JSON.stringify(v)).not.toMatch(/[\r\n\u2028\u2029]/);
    }
    expect((await render(source, { v: "a\r\nb" })).subject).toBe("Hi a b");
  });

  it("mj-title: the subject is plain text, the HTML title escaped", async () => {
    const source = mjml(`<mj-text>x</mj-text>`, `<mj-title>{{.v}} &amp; more</mj-title>`);
    const { subject, html } = await render(source, { v: `<b>"Tom" & 'Jerry'</b>\n+1` });
    expect(subject).toBe(`<b>"Tom" & 'Jerry'</b> +1 & more`);
    expect(html).toContain(`<title>&lt;b&gt;&#34;Tom&#34; &amp; &#39;Jerry&#39;&lt;/b&gt;\n&#43;1 &amp; more</title>`);
  });

  it("mj-preview: the preheader is plain text, no CR or LF; the hidden HTML copy escaped", async () => {
    const source = mjml(`<mj-text>x</mj-text>`, `<mj-preview>{{.v}}</mj-preview>`);
    const { preheader, html, text } = await render(source, { v: `<i>50%</i> off &\r\nnow` });
    expect(preheader).toBe(`<i>50%</i> off & now`);
    expect(html).toContain("&lt;i&gt;50%&lt;/i&gt; off &amp;");
    expect(text).not.toContain("50%"); // the preheader is hidden content: not in the text part
  });

  it("text part: values as they are", async () => {
    const source = mjml(`<mj-text>Hi {{.v}}!</mj-text><mj-button href="https://x.com/?u={{.v}}">Go</mj-button>`);
    const { text, html } = await render(source, { v: `<b>&"'+` });
    expect(text).toContain(`Hi <b>&"'+!`);
    expect(text).toContain(`Go (https://x.com/?u=<b>&"'+)`);
    expect(html).toContain("Hi &lt;b&gt;&amp;&#34;&#39;&#43;!");
  });

  it("subject and preheader never hold CR or LF, for any value", async () => {
    const source = `---\nsubject: {{.v}}\n---\n${mjml(`<mj-text>x</mj-text>`, `<mj-preview>{{.v}}</mj-preview>`)}`;
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: "binary" }), fc.array(fc.constantFrom(...FRAGMENTS, "\r\n", "\r", "\n", "\u0085")).map((a) => a.join(""))), async (v) => {
        const { subject, preheader } = await render(source, { v });
        expect(subject).not.toMatch(/[\r\n]/);
        expect(preheader).not.toMatch(/[\r\n]/);
      }),
      { numRuns: 300 },
    );
  });
});

// ---- known bugs: each it.fails asserts the escaping we should have ----

/** element is the HTML from `start` to the first </div> after it. */
function element(html: string, start: string): string {
  const i = html.indexOf(start);
  expect(i, start).toBeGreaterThanOrEqual(0);
  return html.slice(i, html.indexOf("</div>", i) + "</div>".length);
}

/** runHandler runs an onclick handler (as the browser decodes it) with f and alert recorded. */
function runHandler(html: string): string[] {
  const fragment = parseFragment(html) as unknown as { childNodes: { attrs?: { name: string; value: string }[] }[] };
  const calls: string[] = [];
  const context = createContext({ f: (...a: unknown[]) => calls.push(`f(${JSON.stringify(a)})`), alert: () => calls.push("alert") });
  for (const n of fragment.childNodes) {
    const handler = n.attrs?.find((a) => a.name === "onclick")?.value;
    if (handler !== undefined) runInContext(handler, context, { timeout: 200 });
  }
  return calls;
}

describe("URL escapers, byte by byte", () => {
  // The definitions: every UTF-8 byte of the value (a lone surrogate as U+FFFD) percent-encoded
  // unless it is one a URL keeps (a query value keeps fewer); a % stays only before two hex digits.
  const utf8 = new TextEncoder();
  const byByte = (s: string, keep: RegExp) => {
    let out = "";
    for (const [i, c] of [...s].entries()) {
      const at = [...s].slice(0, i).join("").length;
      if (c === "%" ? /^[0-9A-Fa-f]{2}/.test(s.slice(at + 1, at + 3)) && keep.test("%") : keep.test(c)) out += c;
      else for (const b of utf8.encode(c)) out += "%" + b.toString(16).toUpperCase().padStart(2, "0");
    }
    return out;
  };
  const values = fc.oneof(fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" }), fc.array(fc.constantFrom("%", "%4", "%41", "%zz", "'", "(", ")", "*", "!", "[", "]", " ", "é", "\uD800", "\uDC00", "a")).map((a) => a.join("")));

  it("escapeUrlComponent encodes all but A-Z a-z 0-9 - _ . ~", () => {
    fc.assert(fc.property(values, (s) => escapeUrlComponent(s) === byByte(s, /^[A-Za-z0-9\-_.~]$/)), { numRuns: 2000 });
  });

  it("normalizeUrl keeps a URL's structure and its %XX escapes", () => {
    fc.assert(fc.property(values, (s) => normalizeUrl(s) === byByte(s, /^[A-Za-z0-9\-._~:/?#[\]@!$&*+,;=%]$/)), { numRuns: 2000 });
  });
});

describe("contextual escaping: known bugs", () => {
  it("bug 1: an unquoted href gets no scheme check", async () => {
    const { html } = await render(mjml(`<mj-raw><a id="u" href={{.v}}>x</a></mj-raw>`), { v: "javascript:alert(1)" });
    // Today: `href=javascript:alert(1)`.
    expect(between(html, `id="u" href=`, ">x</a>")).toBe("#ZgotmplZ");
  });

  it("bug 1: an unquoted style attribute gets no CSS check", async () => {
    const { html } = await render(mjml(`<mj-raw><div id="c" style={{.v}}>x</div></mj-raw>`), { v: "width:expression(alert(1))" });
    // Today: `style=width:expression(alert(1))`.
    expect(between(html, `id="c" style=`, ">x</div>")).toBe("ZgotmplZ");
  });

  it("bug 1: an unquoted event handler gets no JS escaping", async () => {
    const { html } = await render(mjml(`<mj-raw><div id="j" onclick=f({{.v}})>x</div></mj-raw>`), { v: "1),alert(1" });
    // Today: `onclick=f(1),alert(1)`: alert runs.
    expect(runHandler(element(html, `<div id="j"`))).toEqual([`f(["1),alert(1"])`]);
  });

  it("bug 2: a URL prefix printed in one branch only makes the value a URL part", async () => {
    const source = mjml(`<mj-raw><a id="u" href="{{if .x}}https://x.com/{{end}}{{.v}}">x</a><a id="w" href="{{if .x}}https://x.com/{{else}}{{.v}}{{end}}">y</a></mj-raw>`);
    const { html } = await render(source, { x: false, v: "javascript:alert(1)" });
    // Today: both are `javascript:alert(1)`.
    expect(between(html, `id="u" href="`, `"`)).toBe("#ZgotmplZ");
    expect(between(html, `id="w" href="`, `"`)).toBe("#ZgotmplZ");
  });

  it("bug 3: a URL path in mj-section background-url leaves CSS url('…')", async () => {
    const source = `<mjml><mj-body><mj-section background-url="https://x.com/{{.v}}"><mj-column><mj-text>x</mj-text></mj-column></mj-section></mj-body></mjml>`;
    const { html } = await render(source, { v: "a');background:url('javascript:alert(1)" });
    // Today: background:url('https://x.com/a&#39;);background:url(&#39;javascript:alert(1)') — the style attribute decodes &#39; to '.
    expect(html).toContain(`background:url('https://x.com/a%27%29;background:url%28%27javascript:alert%281%29')`);
  });

  it("bug 3: a URL path in mj-style url(…) leaves the URL", async () => {
    const source = mjml(`<mj-text css-class="a">x</mj-text>`, `<mj-style>.a { background: url(https://x.com/{{.v}}); }</mj-style>`);
    const { html } = await render(source, { v: "a);background:url(javascript:alert(1)" });
    // Today: `url(https://x.com/a);background:url(javascript:alert(1));`.
    expect(html).toContain(".a { background: url(https://x.com/a%29;background:url%28javascript:alert%281%29); }");
  });

  it("bug 3: normalizeUrl encodes ' ( ) and a bare % as Go's urlNormalizer does", async () => {
    const { html } = await render(mjml(`<mj-raw><a id="u" href="https://x.com/{{.v}}">x</a></mj-raw>`), { v: "a'b(c)100%zz%41" });
    // Today: `a&#39;b(c)100%zz%41`.
    expect(between(html, `id="u" href="https://x.com/`, `"`)).toBe("a%27b%28c%29100%25zz%41");
  });

  it("bug 4 and 5: a value in a JS template literal, comment or regular expression is a compile error", async () => {
    // No escaping is safe there (Go rejects template literals too); in a string it works.
    for (const script of ["var s = `{{.v}}`;", "/* {{.v}} */", "// {{.v}}", "var r = /{{.v}}/;"]) {
      const thrown = await render(mjml(`<mj-raw><script>${script}</script></mj-raw>`), { v: "x" }).catch((e) => e);
      expect(thrown?.name, script).toBe("CompileError");
      expect(thrown.diagnostics.map((d: { code: string }) => d.code), script).toContain("unsafe_js_context");
    }
    const { html } = await render(mjml("<mj-raw><script>var s = '{{.v}}'; var t = 6 / 2 / 1;</script></mj-raw>"), { v: "${alert(1)}`" });
    expect(between(html, "var s = '", "';")).toBe("\\u0024{alert(1)}\\u0060");
  });

  it("bug 6: character references before a value are not decoded when its context is found", async () => {
    const { html } = await render(mjml(`<mj-raw><div onclick="f(&quot;{{.v}}&quot;)">x</div></mj-raw>`), { v: ",alert(1)," });
    // Today: `onclick="f(&quot;&#34;,alert(1),&#34;&quot;)"`, run as f("",alert(1),"").
    expect(runHandler(element(html, "<div onclick"))).toEqual([`f([",alert(1),"])`]);
  });

  it("bug 7: url(…) in a style attribute gets the CSS value escaper", async () => {
    const source = mjml(`<mj-raw><div id="c" style="background: url({{.v}})">x</div></mj-raw>`);
    // Today: `url(livescript:alert(1))` and `url(https://x.com/a b)`.
    expect(between((await render(source, { v: "livescript:alert(1)" })).html, `id="c" style="background: url(`, `)"`)).toBe("#ZgotmplZ");
    expect(between((await render(source, { v: "https://x.com/a b" })).html, `id="c" style="background: url(`, `)"`)).toBe("https://x.com/a%20b");
  });

  it("bug 7: a value in a JS string of an event handler is quoted twice", async () => {
    const { html } = await render(mjml(`<mj-raw><div onclick="f('{{.v}}')">x</div></mj-raw>`), { v: "abc" });
    // Today: `f('&#34;abc&#34;')`: f gets "\"abc\"".
    expect(runHandler(element(html, "<div onclick"))).toEqual([`f(["abc"])`]);
  });

  it("bug 8: srcset gets no scheme check", async () => {
    const { html } = await render(mjml(`<mj-raw><img id="i" srcset="{{.v}}" alt="x"></mj-raw>`), { v: "javascript:alert(1)" });
    // Today: `srcset="javascript:alert(1)"`. (Go: #ZgotmplZ.)
    expect(between(html, `id="i" srcset="`, `"`)).toBe("#ZgotmplZ");
  });

  it("bug 9: fallback's default of another type than a number field is escaped", async () => {
    const source = mjml(`<mj-text>{{if gt .count 3}}many{{end}}<span id="f">{{fallback .count "<b>x</b>"}}</span><a id="a" href="https://x.com/?q={{fallback .count "a b&c"}}">x</a></mj-text>`);
    const { html } = await render(source, { count: 0 });
    // Was: the result typed as the field (a number), so printed without escaping: `<b>x</b>`.
    expect(between(html, `<span id="f">`, "</span>")).toBe("&lt;b&gt;x&lt;/b&gt;");
    expect(between(html, `id="a" href="https://x.com/?q=`, `"`)).toBe("a%20b%26c");
  });
});

// ---- differential against Go's html/template ----

const goHarness = fileURLToPath(new URL("./go/escape.go", import.meta.url));

function hasGo(): boolean {
  const r = spawnSync("go", ["version"], { encoding: "utf8" });
  return !r.error && r.status === 0;
}

/** GoPlace is a context where our policy is Go's: the same value printed by Go's template and by ours. */
interface GoPlace {
  context: string;
  /** go is the html/template source, `{{.}}` once; ours the MJML; start/end delimit the value in both outputs. */
  go: string;
  ours: string;
  start: string;
  end: string;
  /** values maps a value to what both print (for URLs: the payload after an http(s) prefix). */
  values: (v: string) => string[];
}

const GO_PLACES: GoPlace[] = [
  { context: "text", go: `<p id="g">{{.}}</p>`, ours: mjml(`<mj-raw><p id="g">{{.v}}</p></mj-raw>`), start: `<p id="g">`, end: "</p>", values: (v) => [v] },
  { context: "attribute", go: `<p id="g" title="{{.}}">x</p>`, ours: mjml(`<mj-raw><p id="g" title="{{.v}}">x</p></mj-raw>`), start: `<p id="g" title="`, end: `">x</p>`, values: (v) => [v] },
  { context: "url-query", go: `<a id="g" href="https://x.com/?q={{.}}">x</a>`, ours: mjml(`<mj-raw><a id="g" href="https://x.com/?q={{.v}}">x</a></mj-raw>`), start: `<a id="g" href="`, end: `">x</a>`, values: (v) => [v] },
  // A whole URL with an http or https scheme: Go's urlFilter lets it through, as ours does; both then normalize it.
  { context: "url", go: `<a id="g" href="{{.}}">x</a>`, ours: mjml(`<mj-raw><a id="g" href="{{.v}}">x</a></mj-raw>`), start: `<a id="g" href="`, end: `">x</a>`, values: (v) => [`https://x.com/${v}`, `http://${v}`, `HTTPS:${v}`] },
  { context: "url-path", go: `<a id="g" href="https://x.com/{{.}}">x</a>`, ours: mjml(`<mj-raw><a id="g" href="https://x.com/{{.v}}">x</a></mj-raw>`), start: `<a id="g" href="`, end: `">x</a>`, values: (v) => [v] },
];

/** Bug 3: in a URL (not its query) ' ( ) and a % without two hex digits differ from Go; compared exactly apart. */
const BUG3 = (context: string, v: string) => (context === "url" || context === "url-path") && /['()]|%(?![0-9a-fA-F]{2})/.test(v);

/** bug3Fold reads ' ( ) and % the same however they are escaped: applied to both sides, in URLs, until bug 3 is fixed. */
const bug3Fold = (s: string) => s.replace(/%27|&#39;/gi, "'").replace(/%28/gi, "(").replace(/%29/gi, ")").replace(/%25/gi, "%");

/** wellFormed is a string as UTF-8 carries it (and Go's JSON reads it): lone surrogates as U+FFFD. */
const wellFormed = (s: string) => Buffer.from(s, "utf8").toString("utf8");

/**
 * hexCase upper-cases percent-escapes: Go writes %3c, we write %3C, as RFC 3986 (2.1)
 * recommends; both mean the same byte. The only difference we let through.
 */
const hexCase = (s: string) => s.replace(/%[0-9a-fA-F]{2}/g, (e) => e.toUpperCase());

const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 6 }) },
);
const RANDOM = fc.sample(fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.array(piece, { maxLength: 10 }).map((a) => a.join(""))), { numRuns: 300, seed: 20_241_128 });

describe("differential against Go's html/template", () => {
  if (!hasGo()) {
    // Skipped only on a machine without Go: the comparison runs Go's html/template, and .ci/run
    // installs Debian's golang-go, so CI always runs it.
    it.skip("needs Go on PATH (apt-get install golang-go; .ci/run installs it)", () => {});
    return;
  }
  const cases = GO_PLACES.flatMap((p) => [...PAYLOADS, ...RANDOM].flatMap((v) => p.values(v).map((value) => ({ place: p, value }))));
  const goOutput: string[] = [];
  const ours: string[] = [];

  beforeAll(async () => {
    const input = cases.map((c) => ({ context: c.place.context, template: c.place.go, value: c.value }));
    // Deliberate differences, asserted below, ride along in the same batch.
    input.push(...DIFFERENT.map((d) => ({ context: d.context, template: d.go, value: d.value })));
    const r = spawnSync("go", ["run", goHarness], { cwd: dirname(goHarness), input: JSON.stringify(input), encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
    if (r.error || r.status !== 0) throw new Error(`go run ${goHarness} failed (${r.error?.message ?? `exit ${r.status}`}):\n${r.stderr}`);
    const results = JSON.parse(r.stdout) as { output?: string; error?: string }[];
    for (const [i, res] of results.entries()) {
      if (res.output === undefined) throw new Error(`Go failed on ${JSON.stringify(input[i])}: ${res.error}`);
      goOutput.push(res.output);
    }
    for (const c of cases) ours.push((await render(c.place.ours, { v: c.value })).html);
  }, 300_000);

  const slot = (html: string, p: { start: string; end: string }) => {
    const i = html.indexOf(p.start);
    return html.slice(i + p.start.length, html.indexOf(p.end, i + p.start.length));
  };

  for (const p of GO_PLACES) {
    it(`${p.context}: our escaping equals Go's for every payload and ${RANDOM.length} random strings`, () => {
      const fold = p.context === "url" || p.context === "url-path" ? bug3Fold : (s: string) => s;
      let compared = 0;
      cases.forEach((c, i) => {
        if (c.place !== p) return;
        expect(fold(hexCase(wellFormed(slot(ours[i], p)))), `${p.context}: ${JSON.stringify(c.value)}`).toBe(fold(hexCase(slot(goOutput[i], p))));
        compared++;
      });
      expect(compared).toBe((PAYLOADS.length + RANDOM.length) * (p.context === "url" ? 3 : 1));
    });
  }

  it("bug 3: in a URL, ' ( ) and a bare % are escaped as Go escapes them", () => {
    let compared = 0;
    cases.forEach((c, i) => {
      if (!BUG3(c.place.context, c.value)) return;
      expect(hexCase(wellFormed(slot(ours[i], c.place))), `${c.place.context}: ${JSON.stringify(c.value)}`).toBe(hexCase(slot(goOutput[i], c.place)));
      compared++;
    });
    expect(compared).toBeGreaterThan(0);
  });

  it("where we differ on purpose, Go does differ, and ours is the documented behaviour", async () => {
    const base = cases.length;
    for (const [k, d] of DIFFERENT.entries()) {
      const go = goOutput[base + k];
      expect(go, `Go on ${d.why}`).toBe(d.goOutput);
      const { html } = await render(d.ours, { v: d.value });
      expect(html, d.why).toContain(d.oursOutput);
    }
  });
});

/** DIFFERENT are the deliberate differences from Go: what Go prints, and what we print (our policy). */
const DIFFERENT: { why: string; context: string; go: string; ours: string; value: string; goOutput: string; oursOutput: string }[] = [
  // tel:, sms: links keep working in email (Go allows http, https and mailto only).
  { why: "tel: is allowed", context: "url", go: `<a href="{{.}}">`, ours: mjml(`<mj-raw><a href="{{.v}}">x</a></mj-raw>`), value: "tel:+15551234567", goOutput: `<a href="#ZgotmplZ">`, oursOutput: `<a href="tel:&#43;15551234567">` },
  { why: "sms: is allowed", context: "url", go: `<a href="{{.}}">`, ours: mjml(`<mj-raw><a href="{{.v}}">x</a></mj-raw>`), value: "sms:+15551234567", goOutput: `<a href="#ZgotmplZ">`, oursOutput: `<a href="sms:&#43;15551234567">` },
  // A colon after ? or # is not a scheme's: a relative URL (Go reads "?a" as a scheme).
  { why: "a colon in a query is not a scheme", context: "url", go: `<a href="{{.}}">`, ours: mjml(`<mj-raw><a href="{{.v}}">x</a></mj-raw>`), value: "?a:b", goOutput: `<a href="#ZgotmplZ">`, oursOutput: `<a href="?a:b">` },
  // CSS colours and font stacks pass (Go's cssValueFilter rejects parentheses and quotes).
  { why: "rgb() in CSS", context: "css", go: `<p style="color: {{.}}">`, ours: mjml(`<mj-raw><p style="color: {{.v}}">x</p></mj-raw>`), value: "rgb(1, 2, 3)", goOutput: `<p style="color: ZgotmplZ">`, oursOutput: `<p style="color: rgb(1, 2, 3)">` },
  { why: "a quoted font stack in CSS", context: "css", go: `<p style="font-family: {{.}}">`, ours: mjml(`<mj-raw><p style="font-family: {{.v}}">x</p></mj-raw>`), value: `"Helvetica Neue", Arial`, goOutput: `<p style="font-family: ZgotmplZ">`, oursOutput: `<p style="font-family: &#34;Helvetica Neue&#34;, Arial">` },
  // HTML comments are kept, the value escaped in them (Go drops comments from templates).
  { why: "comments are kept", context: "comment", go: `<p><!-- {{.}} --></p>`, ours: mjml(`<mj-raw><p><!-- {{.v}} --></p></mj-raw>`), value: "a-->b", goOutput: `<p></p>`, oursOutput: `<p><!-- a&#45;&#45;&gt;b --></p>` },
];

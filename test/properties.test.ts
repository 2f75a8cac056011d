// Parser properties (fast-check): parse never throws and positions every diagnostic inside
// the input, whatever the input; it runs in time linear in the input; deep nesting is a
// diagnostic, not a stack overflow. Inputs that once broke a property are kept in
// test/regressions/parser/*.tmpl and replayed here.
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Reporter, type Problem } from "../compiler/diagnostics/diagnostic.js";
import type * as A from "../compiler/parse/ast.js";
import { parse } from "../compiler/parse/index.js";
import { printTemplate } from "../compiler/parse/print.js";
import { SourceFile } from "../compiler/source.js";

/** parseText parses a source the way the compiler does and returns the tree and every problem. */
function parseText(text: string): { tree: A.ParsedTemplate; problems: Problem[] } {
  const reporter = new Reporter();
  const tree = parse(new SourceFile("prop.tmpl", text), reporter);
  return { tree, problems: reporter.problems };
}

/** spansInside reports whether every diagnostic and note span lies within a text of `length`. */
function spansInside(problems: readonly Problem[], length: number): boolean {
  return problems.every((p) =>
    [p.span, ...p.notes.flatMap((n) => (n.span ? [n.span] : []))].every((s) => 0 <= s.start && s.start <= s.end && s.end <= length),
  );
}

/** parsesSafely is the property of (a): no throw, and every span inside the input. */
function parsesSafely(text: string): boolean {
  const { problems } = parseText(text);
  return spansInside(problems, text.length);
}

// Pieces of templates, good and bad, so that generated strings hit the lexer's and the
// parser's edges far more often than uniformly random text does.
const fragments = [
  "{{", "}}", "{{-", "-}}", "{{- ", " -}}", "/*", "*/", "{{/*", "*/}}", '"', "`", "'", "\\", "(", ")", "|", ",",
  ":=", "=", "$", "$x", "$i", ".", ".a", ".b", "a", "x", " ", "  ", "\n", "\r\n", "\r", "\t", "😀", "\uD83D", "é",
  "if", "else", "end", "range", "with", "define", "template", "block", "break", "continue", "true", "nil",
  "0x1F", "0o17", "017", "1_000", "1e3", ".5", "-3", "+3", "'a'", "'\\n'", '"s"', "`r\nr`", "==", "!", "{", "}", "%", "#",
];

const fragmentText = fc
  .array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...fragments) }, { weight: 1, arbitrary: fc.string({ maxLength: 3, unit: "binary" }) }), {
    maxLength: 40,
  })
  .map((parts) => parts.join(""));

// Well-formed pieces: actions that parse, glued with text, so the round-trip property
// sees many ok templates rather than mostly errors.
const okActions = [
  "{{.a}}", "{{.a.b}}", "{{$}}", "{{$.x}}", "{{-3}}", "{{- .a}}", "{{.a -}}", "{{- .a -}}", "{{/* c */}}", "{{- /* c */ -}}",
  '{{printf "%d" .n}}', "{{`r`}}", "{{'a'}}", "{{0x1F | f}}", "{{(f .x).y}}", "{{$x := .a}}", "{{$x = 1}}",
  "{{if .a}}", "{{else}}", "{{else if .b}}", "{{end}}", "{{range $i, $e := .l}}", "{{with .w}}", "{{break}}",
];
const okText = ["", "x", " ", "\n", "\r\n", "\t", "{", "}", "😀", " a { "];
const wellFormedish = fc
  .array(fc.oneof(fc.constantFrom(...okActions), fc.constantFrom(...okText)), { maxLength: 30 })
  .map((parts) => parts.join(""));
// Broken actions among good ones: error recovery (a broken opener still opens a block, a
// stray {{end}} or {{else}}, an unclosed comment) must not throw either.
const badActions = [
  "{{if}}", "{{with}}", "{{range}}", "{{range $i, := .l}}", "{{block}}", '{{define "d"}}', "{{else with}}", "{{else if}}",
  "{{if .a ==}}", "{{#if .a}}", "{{/if}}", "{{end .x}}", "{{)}}", "{{(}}", "{{}}", "{{/* x */ .a}}", "{{/* x", "{{.a", "{{- ",
];
const brokenish = fc
  .array(fc.oneof(fc.constantFrom(...okActions), fc.constantFrom(...badActions), fc.constantFrom(...okText)), { maxLength: 30 })
  .map((parts) => parts.join(""));

describe("parse never throws, and positions every diagnostic inside the input", () => {
  it("for arbitrary strings", () => {
    fc.assert(fc.property(fc.string({ maxLength: 200, unit: "binary" }), parsesSafely), { numRuns: 1000 });
  });

  it("for arbitrary UTF-16 (lone surrogates included)", () => {
    fc.assert(fc.property(fc.string({ maxLength: 100, unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }), parsesSafely), {
      numRuns: 500,
    });
  });

  it("for strings built from template fragments", () => {
    fc.assert(fc.property(fragmentText, parsesSafely), { numRuns: 3000 });
  });

  it("for almost well-formed templates", () => {
    fc.assert(fc.property(wellFormedish, parsesSafely), { numRuns: 2000 });
  });

  it("for templates mixing good and broken actions", () => {
    fc.assert(fc.property(brokenish, parsesSafely), { numRuns: 3000 });
  });
});

describe("printing round-trips", () => {
  it("a template that parses without errors prints to a form that parses to the same print", () => {
    fc.assert(
      fc.property(fc.oneof(wellFormedish, fragmentText), (text) => {
        const first = parseText(text);
        if (first.problems.some((p) => p.severity === "error")) return true;
        const printed = printTemplate(first.tree);
        const second = parseText(printed);
        return !second.problems.some((p) => p.severity === "error") && printTemplate(second.tree) === printed;
      }),
      { numRuns: 3000 },
    );
  });
});

// ---- Linear time ----

// A realistic piece of an email template: text, fields, a pipeline with a constant, an if
// chain, a range with two variables, a comment and trim markers. About 400 bytes.
const snippet = [
  "<tr>\n  <td class=\"greeting\">Hello {{.FirstName | default \"there\"}},</td>\n",
  "  {{- if eq .Plan \"pro\"}}<td>Thanks for upgrading to {{.Plan}}!</td>",
  "{{else if .Trial}}<td>{{.Trial.DaysLeft}} days left</td>{{else}}<td>Free plan</td>{{end}}\n",
  "  {{/* one row per item */}}\n",
  "  {{range $i, $e := .Items -}}\n    <td>{{$i}}: {{$e.Name}} ({{printf \"%.2f\" $e.Price}})</td>\n  {{- end}}\n",
  "  {{with $u := .Unsubscribe}}<a href=\"{{$u.URL}}\">unsubscribe</a>{{end}}\n</tr>\n",
].join("");

/**
 * medianParseMs parses `text` `runs` times and returns the fastest time in milliseconds (the
 * fastest run is the one least disturbed by the rest of a shared machine).
 */
function medianParseMs(text: string, runs: number): number {
  const source = new SourceFile("big.tmpl", text);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const reporter = new Reporter();
    const t0 = performance.now();
    parse(source, reporter);
    times.push(performance.now() - t0);
    expect(reporter.hasErrors()).toBe(false);
  }
  return Math.min(...times);
}

describe("parse time is linear in the input", () => {
  it("10 KB, 100 KB and 1 MB of a realistic template", () => {
    expect(parseText(snippet).problems).toEqual([]);
    const sized = (bytes: number) => snippet.repeat(Math.max(1, Math.round(bytes / snippet.length)));
    const small = sized(10_000);
    const medium = sized(100_000);
    const large = sized(1_000_000);
    medianParseMs(medium, 2); // warm up the JIT before measuring
    const tSmall = medianParseMs(small, 7);
    const tMedium = medianParseMs(medium, 5);
    const tLarge = medianParseMs(large, 3);
    const kb = (s: string) => `${Math.round(s.length / 1000)} KB`;
    console.log(
      `parse time (fastest of several runs): ${kb(small)} ${tSmall.toFixed(1)} ms, ${kb(medium)} ${tMedium.toFixed(1)} ms, ${kb(large)} ${tLarge.toFixed(1)} ms; ` +
        `ratio 1MB/100KB = ${(tLarge / tMedium).toFixed(1)}, 100KB/10KB = ${(tMedium / tSmall).toFixed(1)}`,
    );
    // Per KB, linear is ~1× and quadratic ~10×; 4× leaves room for a noisy machine.
    expect(tLarge / large.length / (tMedium / medium.length)).toBeLessThan(4);
  }, 120_000);

  // Pins quadratic-long-action: builders used to copy their lists at every Earley step.
  it("a single long action (operands, pipeline stages, field chain)", () => {
    const cases: [string, (n: number) => string][] = [
      ["operands", (n) => `{{f${" .a".repeat(n)}}}`],
      ["pipeline stages", (n) => `{{.a${" | f".repeat(n)}}}`],
      ["field chain", (n) => `{{.a${".b".repeat(n)}}}`],
    ];
    const ratios = cases.map(([what, make]) => {
      medianParseMs(make(2000), 2); // warm up
      const tSmall = medianParseMs(make(2000), 5);
      const tLarge = medianParseMs(make(20_000), 3);
      console.log(`long action, ${what}: 2k ${tSmall.toFixed(1)} ms, 20k ${tLarge.toFixed(1)} ms, ratio ${(tLarge / tSmall).toFixed(1)}`);
      return [what, tLarge / tSmall / 10] as const;
    });
    // Per element, 10× the input: linear is ~1×, quadratic ~10×; 4× leaves room for noise.
    for (const [what, ratio] of ratios) expect(ratio, what).toBeLessThan(4);
  }, 120_000);
});

// ---- Deep nesting ----

describe("deep nesting is a diagnostic, not a stack overflow", () => {
  const N = 10_000;
  const codesOf = (text: string) => parseText(text).problems.map((p) => p.code);

  it("10,000 nested parentheses", () => {
    expect(codesOf(`{{${"(".repeat(N)}1${")".repeat(N)}}}`)).toContain("nesting_too_deep");
  });

  it("10,000 unclosed parentheses", () => {
    expect(codesOf(`{{${"(".repeat(N)}}}`)).toContain("nesting_too_deep");
  });

  it("10,000 nested parentheses inside an if", () => {
    expect(codesOf(`{{if ${"(".repeat(N)}.a${")".repeat(N)}}}x{{end}}`)).toContain("nesting_too_deep");
  });

  it("10,000 nested {{if}} (without a pipeline, so each is also a syntax error)", () => {
    const codes = codesOf("{{if}}".repeat(N) + "{{end}}".repeat(N));
    expect(codes).toContain("nesting_too_deep");
    expect(codes.filter((c) => c === "nesting_too_deep")).toHaveLength(1);
  });

  it("10,000 nested {{if .a}} … {{end}}", () => {
    expect(codesOf("{{if .a}}".repeat(N) + "x" + "{{end}}".repeat(N))).toEqual(["nesting_too_deep"]);
  });

  it("10,000 nested blocks of every kind, never closed", () => {
    const openers = ["{{if .a}}", "{{with .b}}", "{{range .c}}", '{{block "b" .}}'];
    const text = Array.from({ length: N }, (_, i) => openers[i % openers.length]).join("");
    const codes = codesOf(text);
    expect(codes).toContain("nesting_too_deep");
    expect(codes).toContain("unclosed_block");
  });

  it("a 10,000-link {{else if}} chain", () => {
    const text = "{{if .a}}" + "{{else if .b}}x".repeat(N) + "{{end}}";
    const { problems } = parseText(text);
    expect(spansInside(problems, text.length)).toBe(true);
  });

  it("printing 100 nested blocks (the deepest tree without a diagnostic)", () => {
    const text = "{{if .a}}{{range .b}}".repeat(50) + "x" + "{{end}}".repeat(100);
    const { tree, problems } = parseText(text);
    expect(problems).toEqual([]);
    expect(printTemplate(tree)).toBe(text);
  });
});

// ---- Regressions ----

const regressionDir = new URL("./regressions/parser/", import.meta.url);
const regressionFiles = readdirSync(regressionDir)
  .filter((f) => f.endsWith(".tmpl"))
  .sort();

// Files that still break the property, with the bug that breaks it. Fixing the bug turns
// its test red: remove the file's entry here then.

describe("regressions: test/regressions/parser/*.tmpl", () => {
  it("has files", () => {
    expect(regressionFiles.length).toBeGreaterThan(0);
  });

  for (const file of regressionFiles) {
    const replay = () => {
      const text = readFileSync(new URL(file, regressionDir), "utf8");
      expect(parsesSafely(text)).toBe(true);
    };
    it(file, replay);
  }
});

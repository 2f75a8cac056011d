// Branch coverage: the branch table a module exports with the coverage option, its counters
// after rendering, the module without the option, and measureCoverage over a folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compileFolder } from "../compiler/build.js";
import { loadModule } from "../compiler/bundle/index.js";
import { measureCoverage, type CoverageBranch } from "../compiler/index.js";
import { compileTemplate, type PipelineOptions } from "../compiler/pipeline.js";
import { runtimePath } from "../compiler/runtime-path.js";

const root = resolve(import.meta.dirname, "..");
const work = mkdtempSync(join(tmpdir(), "microtarget-coverage-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface CoveredModule {
  render(data: unknown): string | { subject: string; preheader: string; html: string; text: string };
  renderHtml?(data: unknown): string;
  coverage: { branches: readonly CoverageBranch[]; hits: Uint32Array };
}

async function compileCovered(source: string, options: Partial<PipelineOptions> = {}): Promise<CoveredModule> {
  const filename = options.filename ?? "t.tmpl";
  const result = await compileTemplate(source, {
    filename,
    format: filename.endsWith(".mjml") ? "mjml" : "text",
    partials: {},
    partialPath: (name) => `partials/${name}.tmpl`,
    functions: new Set(),
    runtime: runtimePath(),
    typeName: "TData",
    coverage: true,
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
  });
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return (await loadModule(result.module!.js, "js")) as CoveredModule;
}

// row is a branch as one line: where, what kind, and the opening action.
const row = (b: CoverageBranch) => `${b.file}:${b.line}:${b.column}-${b.endLine}:${b.endColumn} ${b.kind}${b.implicit ? " (implicit)" : ""} ${b.text}`;

describe("the branch table", () => {
  const cases: [name: string, template: string, rows: string[], partials?: Record<string, string>][] = [
    ["if, else if, else", "{{if .a}}A{{else if .b}}B{{else}}C{{end}}", ["t.tmpl:1:1-1:25 if {{if .a}}", "t.tmpl:1:11-1:34 else if {{else if .b}}", "t.tmpl:1:26-1:42 else {{else}}"]],
    ["an if without else has an implicit else at its end", "{{if .a}}A{{end}}", ["t.tmpl:1:1-1:18 if {{if .a}}", "t.tmpl:1:11-1:18 else (implicit) {{if .a}}"]],
    ["an else if without else", "{{if .a}}A{{else if .b}}B{{end}}", ["t.tmpl:1:1-1:25 if {{if .a}}", "t.tmpl:1:11-1:33 else if {{else if .b}}", "t.tmpl:1:26-1:33 else (implicit) {{else if .b}}"]],
    ["with, else", "{{with .w}}{{.}}{{else}}none{{end}}", ["t.tmpl:1:1-1:25 with {{with .w}}", "t.tmpl:1:17-1:36 else {{else}}"]],
    ["with, else with", "{{with .a}}A{{else with .b}}B{{end}}", ["t.tmpl:1:1-1:29 with {{with .a}}", "t.tmpl:1:13-1:37 with {{else with .b}}", "t.tmpl:1:30-1:37 else (implicit) {{else with .b}}"]],
    ["range, else", "{{range .xs}}{{.}}{{else}}none{{end}}", ["t.tmpl:1:1-1:27 range {{range .xs}}", "t.tmpl:1:19-1:38 range else {{else}}"]],
    ["a range without else: zero times is an implicit arm", "{{range $i, $x := .xs}}{{$x}}{{end}}", ["t.tmpl:1:1-1:37 range {{range $i, $x := .xs}}", "t.tmpl:1:30-1:37 range else (implicit) {{range $i, $x := .xs}}"]],
    [
      "nested, over lines, in source order",
      "{{if .a}}\n  {{range .xs}}{{- if .b}}y{{end}}{{end}}\n{{else}}\n  n\n{{end}}",
      [
        "t.tmpl:1:1-3:9 if {{if .a}}",
        "t.tmpl:2:3-2:42 range {{range .xs}}",
        "t.tmpl:2:16-2:35 if {{- if .b}}",
        "t.tmpl:2:28-2:35 else (implicit) {{- if .b}}",
        "t.tmpl:2:35-2:42 range else (implicit) {{range .xs}}",
        "t.tmpl:3:1-5:8 else {{else}}",
      ],
    ],
    [
      "partials and defines the template reaches, not the others",
      '{{define "x"}}{{if .y}}Y{{end}}{{end}}Hi{{template "footer" .}}{{if .z}}{{template "x" .}}{{end}}',
      [
        "t.tmpl:1:64-1:98 if {{if .z}}",
        "t.tmpl:1:91-1:98 else (implicit) {{if .z}}",
        "t.tmpl:1:15-1:32 if {{if .y}}",
        "t.tmpl:1:25-1:32 else (implicit) {{if .y}}",
        "partials/footer.tmpl:1:4-1:21 if {{if .x}}",
        "partials/footer.tmpl:1:14-1:21 else (implicit) {{if .x}}",
      ],
      { footer: "-- {{if .x}}X{{end}}", unused: "{{if .u}}U{{end}}" },
    ],
  ];
  for (const [name, template, rows, partials] of cases) {
    it(name, async () => {
      const m = await compileCovered(template, { partials });
      expect(m.coverage.branches.map(row)).toEqual(rows);
      expect(m.coverage.branches.map((b) => b.id)).toEqual(rows.map((_, i) => i));
      expect(m.coverage.hits).toEqual(new Uint32Array(rows.length));
    });
  }
});

describe("the counters", () => {
  it("count each arm taken, once per run of its block (a range: once, not per iteration)", async () => {
    const m = await compileCovered('{{if .a}}A{{else if .b}}B{{end}}{{range .xs}}{{.}}{{end}}{{template "footer" .}}{{template "footer" .}}', { partials: { footer: "{{with .w}}{{.}}{{end}}" } });
    expect(m.coverage.branches.map((b) => `${b.kind}${b.implicit ? "!" : ""}`)).toEqual(["if", "else if", "else!", "range", "range else!", "with", "else!"]);
    const hits = (data: unknown) => {
      m.coverage.hits.fill(0);
      m.render(data);
      return [...m.coverage.hits];
    };
    expect(hits({ a: 1, xs: [1, 2, 3] })).toEqual([1, 0, 0, 1, 0, 0, 2]);
    expect(hits({ b: 1, w: "w" })).toEqual([0, 1, 0, 0, 1, 2, 0]);
    expect(hits({})).toEqual([0, 0, 1, 0, 1, 0, 2]);
  });

  it("an MJML arm the weaver prints in the subject and the body is one branch, counted once", async () => {
    const source = `<mjml>
  <mj-head>
    <mj-title>{{if hasTag "vip"}}Your VIP offer{{else}}Our offer{{end}}</mj-title>
    <mj-preview>{{if .FirstName}}Hi {{.FirstName}}{{end}}</mj-preview>
  </mj-head>
  <mj-body>
    <mj-section><mj-column><mj-button href="https://x.com/{{if hasTag "vip"}}vip{{else}}all{{end}}">Open</mj-button></mj-column></mj-section>
  </mj-body>
</mjml>`;
    const m = await compileCovered(source, { filename: "t.mjml" });
    expect(m.coverage.branches.map(row)).toEqual([
      't.mjml:3:15-3:56 if {{if hasTag "vip"}}',
      "t.mjml:3:48-3:72 else {{else}}",
      "t.mjml:4:17-4:58 if {{if .FirstName}}",
      "t.mjml:4:51-4:58 else (implicit) {{if .FirstName}}",
      't.mjml:7:59-7:89 if {{if hasTag "vip"}}',
      "t.mjml:7:81-7:99 else {{else}}",
    ]);
    const email = m.render({ FirstName: "Ada", tags: ["vip"] });
    expect(email).toMatchObject({ subject: "Your VIP offer", preheader: "Hi Ada" });
    expect((email as { html: string }).html).toContain("<title>Your VIP offer</title>");
    expect((email as { html: string }).html).toContain("Hi Ada");
    expect([...m.coverage.hits]).toEqual([1, 0, 1, 0, 1, 0]);
    m.render({});
    m.renderHtml!({});
    expect([...m.coverage.hits]).toEqual([1, 2, 1, 2, 1, 2]);
  });

  it("an arm in an mj-include'd file is at its line there", async () => {
    const dir = join(work, "include");
    mkdirSync(join(dir, "partials"), { recursive: true });
    writeFileSync(join(dir, "partials/offer.mjml"), '<mj-section><mj-column>\n<mj-text>{{if hasTag "vip"}}VIP{{end}}</mj-text>\n</mj-column></mj-section>\n');
    const filename = relative(process.cwd(), join(dir, "main.mjml"));
    const source = '<mjml><mj-body>\n<mj-include path="./partials/offer.mjml" />\n<mj-section><mj-column><mj-text>{{if .a}}A{{end}}</mj-text></mj-column></mj-section>\n</mj-body></mjml>';
    writeFileSync(join(dir, "main.mjml"), source);
    const m = await compileCovered(source, { filename, root: dir });
    const offer = relative(process.cwd(), join(dir, "partials/offer.mjml"));
    expect(m.coverage.branches.map(row)).toEqual([
      `${offer}:2:10-2:39 if {{if hasTag "vip"}}`,
      `${offer}:2:32-2:39 else (implicit) {{if hasTag "vip"}}`,
      `${filename}:3:33-3:50 if {{if .a}}`,
      `${filename}:3:43-3:50 else (implicit) {{if .a}}`,
    ]);
  });
});

describe("without the coverage option", () => {
  // The counters, their declarations, and the else blocks that only count.
  const withoutCounters = (ts: string) =>
    ts
      .replace(/^const _cov = [\s\S]*?\n  hits: _cov,\n\};\n\n/m, "")
      .replace(/^\s*_cov\[.*\]\+\+;\n/gm, "")
      .replace(/^( *)\} else \{\n\1\}$/gm, "$1}");
  const withoutSourceMap = (ts: string) => ts.replace(/\n\/\/# sourceMappingURL=.*\n$/, "\n");

  it("the showcase's modules are byte for byte those with the option, less its counters", async () => {
    const options = { srcDir: join(root, "templates"), outDir: join(work, "dist") };
    const plain = await compileFolder(options);
    const covered = await compileFolder({ ...options, coverage: true });
    expect(plain.templates.length).toBeGreaterThan(10);
    for (const [i, t] of plain.templates.entries()) {
      const c = covered.templates[i];
      expect(t.module!.ts, t.path).not.toContain("_cov");
      expect(c.module!.ts, t.path).toMatch(/_cov\[\d+\]\+\+;/);
      expect(withoutSourceMap(withoutCounters(c.module!.ts)), t.path).toBe(withoutSourceMap(t.module!.ts));
      expect(c.module!.dts, t.path).toContain("export declare const coverage: { branches: readonly {");
      expect(c.module!.dts.replace(/^\/\*\* coverage .*\n.*\n/m, ""), t.path).toBe(t.module!.dts);
    }
  });
});

describe("measureCoverage", () => {
  it("renders every audience of every template and counts what they reach, keeping going after errors", async () => {
    const dir = join(work, "project");
    const files: Record<string, string> = {
      "microtarget.config.ts": "export const functions = {\n  shout: (s: string) => `${s}!`,\n  boom: (x: unknown) => { throw new Error(`no ${x}`); },\n};\n",
      "templates/welcome.tmpl": 'Hi{{if hasTag "vip"}} {{shout "VIP"}}{{end}}{{template "footer" .}}',
      "templates/partials/footer.tmpl": "{{with .company}} at {{.}}{{end}}",
      "templates/welcome.data/vip.json": '{ "tags": ["vip"], "company": "Acme" }',
      "templates/welcome.data/broken.json": '{ "tags": [',
      "templates/lonely.tmpl": "{{if .a}}A{{end}}",
      "templates/broken.tmpl": "{{if .x}}never closed",
      "templates/boom.tmpl": "{{boom .n}}",
      "templates/boom.data/five.json": '{ "n": 5 }',
    };
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, name, ".."), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    const at = (name: string) => relative(process.cwd(), join(dir, name));
    const progress: string[] = [];
    const report = await measureCoverage(join(dir, "templates"), { onTemplate: (path, i, total) => progress.push(`${i + 1}/${total} ${path}`) });
    expect(progress).toEqual(["1/4 boom.tmpl", "2/4 broken.tmpl", "3/4 lonely.tmpl", "4/4 welcome.tmpl"].map((p) => p.replace(/ (.*)/, (_, f) => ` ${at(`templates/${f}`)}`)));
    const [boom, broken, lonely, welcome] = report.templates;
    expect(welcome).toMatchObject({ path: at("templates/welcome.tmpl"), audiences: [at("templates/welcome.data/broken.json"), at("templates/welcome.data/vip.json")], covered: 2, total: 4, percent: 50 });
    expect(welcome.branches.map((b) => [b.file, b.kind, b.implicit, b.hits])).toEqual([
      [at("templates/welcome.tmpl"), "if", false, 1],
      [at("templates/welcome.tmpl"), "else", true, 0],
      [at("templates/partials/footer.tmpl"), "with", false, 1],
      [at("templates/partials/footer.tmpl"), "else", true, 0],
    ]);
    expect(welcome.errors).toEqual([{ file: at("templates/welcome.data/broken.json"), message: expect.stringMatching(/^not valid JSON: /) }]);
    expect(lonely).toMatchObject({ audiences: [], covered: 0, total: 2, percent: 0, errors: [] }); // no audience: 0%
    expect(broken).toMatchObject({ branches: [], total: 0, errors: [{ file: at("templates/broken.tmpl"), code: "unclosed_block", line: 1, column: 1, message: expect.any(String) }] });
    expect(boom.errors).toEqual([{ file: at("templates/boom.data/five.json"), message: `${at("templates/boom.tmpl")}:1:3: boom: no 5` }]);
    expect(report).toMatchObject({ covered: 2, total: 6 });
    expect(report.percent).toBeCloseTo(100 / 3);
  });

  it("reports a call that does not fit its function's TypeScript signature as the template's error", async () => {
    const dir = join(work, "typed");
    mkdirSync(join(dir, "templates"), { recursive: true });
    writeFileSync(join(dir, "microtarget.config.ts"), "export const functions = { shout: (s: string) => `${s}!` };\n");
    writeFileSync(join(dir, "templates/a.tmpl"), "{{shout 1}}");
    writeFileSync(join(dir, "templates/b.tmpl"), '{{shout "b"}}');
    const [a, b] = (await measureCoverage(join(dir, "templates"))).templates;
    expect(a.errors.map((e) => [e.code, e.line, e.column, e.message])).toEqual([["type_mismatch", 1, 9, "argument 1 of shout: Argument of type 'number' is not assignable to parameter of type 'string'."]]);
    expect(b.errors).toEqual([]);
  });
});

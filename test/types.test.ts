// Data types, through compile():
// - every fixture's generated declarations equal its expected.d.ts (the MJML fixtures in
//   test/fixtures/*/ and the type fixtures in test/fixtures/types/*/);
// - a type fixture with expected.diagnostics.txt fails to compile with exactly those
//   diagnostics (rendered as the CLI prints them);
// - a type fixture with data.<variant>.json renders expected.<variant>.txt, and each
//   invalid.<name>.json is rejected by validate with the line `<name>: <message>` of expected.invalid.txt.
// UPDATE=1 writes the expected files; FILTER=name runs some.
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { compile, CompileError, renderTemplate } from "../compiler/index.js";
import { formatProblem } from "../compiler/diagnostics/format.js";
import { bundleModule } from "../compiler/bundle/index.js";
import { runtimePath } from "../compiler/runtime-path.js";

const fixtures = resolve(import.meta.dirname, "fixtures");
const filter = process.env.FILTER;
const update = process.env.UPDATE === "1";

// golden compares text with a file, writing it first when asked to (or when it is new).
function golden(file: string, actual: string): void {
  if (update || !existsSync(file)) writeFileSync(file, actual);
  expect(actual, relative(process.cwd(), file)).toBe(readFileSync(file, "utf8"));
}

function cases(dir: string): { name: string; dir: string; input: string }[] {
  return readdirSync(dir)
    .filter((name) => !filter || name.includes(filter))
    .flatMap((name) => {
      const input = ["input.mjml", "input.tmpl"].find((f) => existsSync(join(dir, name, f)));
      return input ? [{ name, dir: join(dir, name), input: join(dir, name, input) }] : [];
    });
}

describe("generated declarations", () => {
  for (const c of [...cases(fixtures), ...cases(join(fixtures, "types"))]) {
    if (existsSync(join(c.dir, "expected.diagnostics.txt"))) continue;
    it(`${c.name}: expected.d.ts`, async () => {
      const { dts } = await compile(readFileSync(c.input, "utf8"), { filename: relative(process.cwd(), c.input) });
      golden(join(c.dir, "expected.d.ts"), dts);
    });
  }
});

describe("type errors", () => {
  for (const c of cases(join(fixtures, "types"))) {
    const expectedFile = join(c.dir, "expected.diagnostics.txt");
    if (!existsSync(expectedFile)) continue;
    it(`${c.name}: reports exactly its diagnostics`, async () => {
      const error = await compile(readFileSync(c.input, "utf8"), { filename: relative(process.cwd(), c.input) }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(CompileError);
      golden(expectedFile, (error as CompileError).problems.map((p) => formatProblem(p)).join("\n\n") + "\n");
    });
  }
});

describe("declared types render and validate", () => {
  for (const c of cases(join(fixtures, "types"))) {
    const files = readdirSync(c.dir);
    const variants = files.filter((f) => /^data\..+\.json$/.test(f)).map((f) => f.slice(5, -5));
    const invalid = files.filter((f) => /^invalid\..+\.json$/.test(f)).map((f) => f.slice(8, -5));
    if (variants.length === 0 && invalid.length === 0) continue;
    const source = readFileSync(c.input, "utf8");
    const filename = relative(process.cwd(), c.input);
    for (const variant of variants) {
      it(`${c.name} (${variant})`, async () => {
        const data = JSON.parse(readFileSync(join(c.dir, `data.${variant}.json`), "utf8"));
        if (c.input.endsWith(".mjml")) {
          const email = await renderTemplate(source, data, { filename, format: "mjml" });
          golden(join(c.dir, `expected.${variant}.txt`), `subject: ${email.subject}\n\n${email.text}\n`);
        } else golden(join(c.dir, `expected.${variant}.txt`), await renderTemplate(source, data, { filename }));
      });
    }
    if (invalid.length) {
      it(`${c.name}: validate accepts every data file and rejects each invalid one`, async () => {
        const { ts } = await compile(source, { filename });
        const js = await bundleModule(ts.replace(/"microtarget\/runtime"/g, JSON.stringify(runtimePath())));
        const mod = await import(`data:text/javascript;base64,${Buffer.from(js).toString("base64")}`);
        for (const variant of variants) expect(() => mod.validate(JSON.parse(readFileSync(join(c.dir, `data.${variant}.json`), "utf8"))), variant).not.toThrow();
        const lines = invalid.map((name) => {
          try {
            mod.validate(JSON.parse(readFileSync(join(c.dir, `invalid.${name}.json`), "utf8")));
            return `${name}: accepted`;
          } catch (e) {
            return `${name}: ${(e as Error).message}`;
          }
        });
        golden(join(c.dir, "expected.invalid.txt"), lines.join("\n") + "\n");
      });
    }
  }
});

// Held-back mutations: each showcase template, changed in one place (a field renamed, a
// nested path broken, a tag misspelled, a string field compared with a number, a range over
// a scalar), must fail `microtarget check` at exactly that line: every branch is checked,
// whether or not a sample contact reaches it. One check run holds every mutant.
describe("held-back mutations of the showcase", () => {
  const root = resolve(import.meta.dirname, "..");
  const ACTION = /\{\{[^]*?\}\}/g;
  type Mutant = { file: string; kind: string; line: number };

  // mutate returns the mutants of one template: the new text and the line it changed.
  function mutants(text: string): { kind: string; text: string; at: number }[] {
    const body = text.indexOf("<mj-body") >= 0 ? text.indexOf("<mj-body") : (/^---\r?\n[^]*?\r?\n---\r?\n/.exec(text)?.[0].length ?? 0);
    const actions = [...text.matchAll(ACTION)].filter((m) => m.index! >= body && !m[0].startsWith("{{/*") && !m[0].startsWith("{{- /*"));
    const out: { kind: string; text: string; at: number }[] = [];
    const edit = (kind: string, at: number, remove: number, insert: string) => out.push({ kind, at, text: text.slice(0, at) + insert + text.slice(at + remove) });
    const last = <T>(list: T[]) => list[list.length - 1];
    const fields = actions.flatMap((a) => [...a[0].matchAll(/(?<=[\s(])\.([A-Za-z_]\w*)/g)].map((m) => ({ m, at: a.index! + m.index! })));
    const field = fields[0]; // the first field of the body: a field of the data itself
    if (field) edit("field-renamed", field.at + 1, field.m[1].length, `${field.m[1]}_renamed`);
    // A nested path: the first field read inside a with or range over an object or a list.
    const openers = actions.filter((a) => /^\{\{-?\s*(with|range)\s+(\$\w+(,\s*\$\w+)?\s*:=\s*)?\.(?!FirstName\b|company\b|id\b)\w+\s*-?\}\}$/.test(a[0]));
    const inner = openers.flatMap((o) => fields.find((f) => f.at > o.index! + o[0].length) ?? []);
    const nested = last(inner);
    if (nested) edit("nested-path-broken", nested.at + 1, nested.m[1].length, `${nested.m[1]}_broken`);
    const tag = last(actions.flatMap((a) => [...a[0].matchAll(/hasTag "(\w+)"/g)].map((m) => a.index! + m.index! + 'hasTag "'.length)));
    if (tag !== undefined) edit("tag-misspelled", tag, 0, "x");
    const before = last(actions)!.index!;
    edit("string-compared-with-number", before, 0, "{{if eq .FirstName 7}}{{end}}");
    edit("range-over-scalar", before, 0, "{{range .FirstName}}{{end}}");
    return out;
  }

  it("reports every mutant at its line", async () => {
    const work = mkdtempSync(join(tmpdir(), "microtarget-mutants-"));
    try {
      cpSync(join(root, "templates"), join(work, "templates"), { recursive: true });
      cpSync(join(root, "microtarget.config.ts"), join(work, "microtarget.config.ts"));
      const expected: Mutant[] = [];
      const sources = (readdirSync(join(work, "templates"), { recursive: true }) as string[]).filter((f) => /\.(mjml|tmpl)$/.test(f) && !f.startsWith("partials"));
      for (const file of sources) {
        const text = readFileSync(join(work, "templates", file), "utf8");
        for (const m of mutants(text)) {
          const name = file.replace(/\.(mjml|tmpl)$/, `.mutant-${m.kind}.$1`);
          writeFileSync(join(work, "templates", name), m.text);
          expected.push({ file: join("templates", name), kind: m.kind, line: text.slice(0, m.at).split("\n").length });
        }
      }
      expect(expected.filter((m) => m.kind === "tag-misspelled").length).toBeGreaterThanOrEqual(2);
      expect(expected.filter((m) => m.kind === "nested-path-broken").length).toBeGreaterThanOrEqual(10);
      const out = await new Promise<{ code: number | null; stdout: string }>((done) =>
        execFile(process.execPath, [join(root, "bin/microtarget.js"), "check", "templates", "--format", "json"], { cwd: work, maxBuffer: 64 << 20 }, (e, stdout) => done({ code: e ? (e as { code?: number }).code ?? 1 : 0, stdout })),
      );
      expect(out.code).toBe(1);
      const diagnostics = JSON.parse(out.stdout) as { file: string; line: number; severity: string; code: string }[];
      for (const m of expected) {
        const errors = diagnostics.filter((d) => d.file === m.file && d.severity === "error");
        expect(errors.length, `${m.file}: no error`).toBeGreaterThan(0);
        expect(errors.map((d) => d.line), `${m.file}: ${errors.map((d) => d.code).join(", ")}`).toEqual(errors.map(() => m.line));
      }
      // The unmutated templates still check cleanly.
      expect(diagnostics.filter((d) => !d.file.includes(".mutant-") && d.severity === "error")).toEqual([]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 120_000);
});

describe("the dataType option", () => {
  const dataType = "test/fixtures/types/contact.ts#Contact";
  it("declares the type of a template whose front matter names none", async () => {
    const error = await compile("Hi {{.FirstNme}}", { filename: "x.tmpl", dataType }).catch((e: unknown) => e);
    expect((error as CompileError).diagnostics.map((d) => `${d.code} ${d.line}:${d.column} ${d.message}`)).toEqual(["unknown_field 1:6 Contact has no field FirstNme"]);
    const { dts } = await compile("Hi {{.FirstName}}", { filename: "x.tmpl", dataType });
    expect(dts).toContain('import type { Contact as _Data } from "./test/fixtures/types/contact.js";');
  });

  it("gives way to `data: inferred` in the front matter", async () => {
    const { dts } = await compile("---\ndata: inferred\n---\nHi {{.anything}}", { filename: "x.tmpl", dataType });
    expect(dts).toContain("readonly anything?: string | number | boolean | null;");
  });
});

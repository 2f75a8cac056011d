// Semantics corpus: every case of test/semantics/*.txt (format in
// semantics-format.ts) is rendered by microtarget and, where Go is installed,
// by Go's own text/template through test/go/render.go, in one batch.
//
// FILTER=substring runs only the cases whose "file:name" contains it.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { compareGoVersions, parseSemanticsFile, type SemanticsCase } from "./semantics-format.js";

const semanticsDir = fileURLToPath(new URL("./semantics/", import.meta.url));
const goHarness = fileURLToPath(new URL("./go/render.go", import.meta.url));
const filter = process.env.FILTER ?? "";

const caseId = (c: SemanticsCase): string => `${c.file}:${c.name}`;

type RenderTemplate = (source: string, data: unknown, options?: { filename?: string; partials?: Record<string, string> }) => Promise<string>;
let renderTemplateLoaded: Promise<RenderTemplate> | undefined;
/**
 * renderTemplate is imported from the compiler on first use, so that the
 * differential test against Go runs (and a filtered run starts) even while
 * the compiler does not load.
 */
const renderTemplate: RenderTemplate = async (...args) => {
  renderTemplateLoaded ??= import("../compiler/index.js").then((m) => m.renderTemplate as RenderTemplate);
  return (await renderTemplateLoaded)(...args);
};

const allCases: SemanticsCase[] = readdirSync(semanticsDir)
  .filter((f) => f.endsWith(".txt"))
  .sort()
  .flatMap((f) => parseSemanticsFile(readFileSync(semanticsDir + f, "utf8"), f));

const cases = allCases.filter((c) => caseId(c).includes(filter));
const files = [...new Set(cases.map((c) => c.file))];

/** A CompileError as the compiler throws it: only what the corpus asserts. */
interface CompileErrorLike {
  name: string;
  diagnostics: ReadonlyArray<{ code: string }>;
}

describe("semantics", () => {
  it("has cases", () => {
    // A filter that matches nothing is a typo, not a pass.
    expect(cases.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    describe(file, () => {
      for (const c of cases.filter((x) => x.file === file)) {
        it(`${c.name} (line ${c.line})`, async () => {
          const run = () =>
            renderTemplate(c.template, c.data, { filename: `${c.name}.tmpl`, partials: c.partials });
          if (c.error !== undefined) {
            let thrown: unknown;
            try {
              await run();
            } catch (e) {
              thrown = e;
            }
            expect(thrown, `expected an error with code ${c.error}`).toBeInstanceOf(Error);
            const err = thrown as Error & Partial<CompileErrorLike>;
            // `render_error` is the one code raised while rendering, as a RenderError.
            if (c.error === "render_error") {
              expect(err.name, err.message).toBe("RenderError");
              return;
            }
            expect(err.name, err.message).toBe("CompileError");
            const codes = (err.diagnostics ?? []).map((d) => d.code);
            expect(codes, err.message).toContain(c.error);
          } else {
            expect(await run()).toBe(c.output);
          }
        });
      }
    });
  }
});

describe("semantics file format", () => {
  it("removes exactly one final newline from a body", () => {
    const [c] = parseSemanticsFile(
      "comment\n### a-case\n-- template --\n{{.x}}\n\n-- data --\n{\"x\": 1}\n-- output --\nabc\n",
      "t.txt",
    );
    expect(c).toMatchObject({ name: "a-case", line: 2, template: "{{.x}}\n", data: { x: 1 }, output: "abc" });
  });

  it("reads empty bodies, partials and the Go sections", () => {
    const [c] = parseSemanticsFile(
      "### b\n-- template --\n{{template \"p\"}}\n-- partial p --\nP\n-- output --\n-- go-output --\n<no value>\n-- difference --\n3 missing prints as nothing\n-- go --\n1.23\n",
      "t.txt",
    );
    expect(c).toMatchObject({ partials: { p: "P" }, output: "", goOutput: "<no value>", go: "1.23", data: {} });
    expect(c.difference).toBe("3 missing prints as nothing");
  });

  it("rejects malformed cases with file:line", () => {
    expect(() => parseSemanticsFile("### c\n-- template --\nx\n", "t.txt")).toThrow(/t\.txt:1: .*exactly one of output and error/);
    expect(() => parseSemanticsFile("### Bad Name\n-- template --\n-- output --\n", "t.txt")).toThrow(/kebab-case/);
    expect(() => parseSemanticsFile("### d\n-- template --\n-- outptu --\n", "t.txt")).toThrow(/unknown section/);
    expect(() =>
      parseSemanticsFile("### e\n-- template --\n-- output --\n### e\n-- template --\n-- output --\n", "t.txt"),
    ).toThrow(/duplicate case name/);
    expect(() => parseSemanticsFile("### f\n-- template --\n-- output --\n-- go-error --\n", "t.txt")).toThrow(
      /needs a difference/,
    );
  });

  it("compares Go versions numerically", () => {
    expect(compareGoVersions("1.19.8", "1.23")).toBeLessThan(0);
    expect(compareGoVersions("1.23.0", "1.23")).toBe(0);
    expect(compareGoVersions("1.100", "1.23")).toBeGreaterThan(0);
  });
});

/** localGoVersion returns "1.19.8" for the `go` on PATH, or undefined when there is none. */
function localGoVersion(): string | undefined {
  const r = spawnSync("go", ["env", "GOVERSION"], { encoding: "utf8" });
  if (r.error || r.status !== 0) return undefined;
  const m = /go(\d+(?:\.\d+)*)/.exec(r.stdout);
  return m ? m[1] : undefined;
}

interface GoResult {
  name: string;
  output?: string;
  error?: string;
}

describe("differential against Go", () => {
  const goVersion = localGoVersion();
  if (goVersion === undefined) {
    // Skipped only on a machine without Go: the comparison needs `go run`, and .ci/run installs
    // Debian's golang-go, so CI always runs it. Our own expected outputs are checked above either way.
    it.skip("needs Go on PATH (apt-get install golang-go); CI installs it", () => {});
    return;
  }
  const goCases = cases.filter((c) => !c.skipGo && (c.go === undefined || compareGoVersions(c.go, goVersion) <= 0));
  const results = new Map<string, GoResult>();

  beforeAll(() => {
    if (goCases.length === 0) return;
    const input = goCases.map((c) => ({ name: caseId(c), template: c.template, data: c.data, partials: c.partials }));
    const r = spawnSync("go", ["run", goHarness], {
      cwd: dirname(goHarness),
      input: JSON.stringify(input),
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    });
    if (r.error || r.status !== 0) {
      throw new Error(`go run ${goHarness} failed (${r.error?.message ?? `exit ${r.status}`}):\n${r.stderr}`);
    }
    for (const res of JSON.parse(r.stdout) as GoResult[]) results.set(res.name, res);
  }, 300_000);

  const skipped = cases.length - goCases.length;
  if (skipped > 0) {
    // Cases with a `go` section (1.22 or 1.23: range over an integer, `else with`) cannot run on
    // Debian's Go 1.19, and no newer Go is reachable here; they run against Go wherever a newer one
    // is on PATH. Cases with a `skip-go` section use our email helpers, which Go lacks. Both are
    // still checked against their expected output above. Tracked in the issue notes.
    it.skip(`${skipped} case(s) need a newer Go than ${goVersion} or a function the Go harness lacks`, () => {});
  }

  for (const c of goCases) {
    it(`${caseId(c)} (line ${c.line})`, () => {
      const r = results.get(caseId(c));
      expect(r, "no result from the Go harness").toBeDefined();
      const got = r!.error !== undefined ? { error: r!.error } : { output: r!.output };
      if (c.goError) {
        // Go fails where we do not (c.difference says why).
        expect(got.error, `Go was expected to fail (${c.difference})`).toBeDefined();
      } else if (c.error !== undefined && c.goOutput === undefined) {
        // A compile error for us; Go fails too, at parse or execution time.
        expect(got.error, `Go was expected to fail like our ${c.error}`).toBeDefined();
      } else {
        expect(got).toEqual({ output: c.goOutput ?? c.output });
      }
    });
  }
});

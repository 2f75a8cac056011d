// The generated TypeScript: valid under strict tsc for every semantics case, and shaped like
// hand-written code (one snapshot shows the shape); the generated JavaScript: the same module.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { compile } from "../compiler/index.js";
import { loadModule } from "../compiler/bundle/index.js";
import { runtimePath } from "../compiler/runtime-path.js";
import { compileTemplate } from "../compiler/pipeline.js";
import { SourceFile } from "../compiler/source.js";
import { parseSemanticsFile } from "./semantics-format.js";

const root = resolve(import.meta.dirname, "..");

describe("generated TypeScript", () => {
  it("type-checks under strict tsc for every semantics case", async () => {
    const dir = mkdtempSync(join(tmpdir(), "microtarget-emit-"));
    try {
      const files: string[] = [];
      for (const file of readdirSync(join(root, "test/semantics")).filter((f) => f.endsWith(".txt"))) {
        const cases = parseSemanticsFile(readFileSync(join(root, "test/semantics", file), "utf8"), file);
        for (const c of cases.filter((c) => c.output !== undefined)) {
          const functions = c.template.includes("shout") ? { shout: (s: string) => s } : undefined;
          const { ts } = await compile(c.template, { filename: `${c.name}.tmpl`, partials: c.partials, functions });
          const name = `${file.replace(".txt", "")}--${c.name}.ts`;
          writeFileSync(join(dir, name), ts.replace('"microtarget/runtime"', JSON.stringify(join(root, "runtime/index.ts"))));
          files.push(name);
        }
      }
      for (const name of readdirSync(join(root, "test/fixtures"))) {
        const source = join(root, "test/fixtures", name, "input.mjml");
        if (!existsSync(source)) continue;
        const { ts } = await compile(readFileSync(source, "utf8"), { filename: `${name}.mjml` });
        writeFileSync(join(dir, `mjml--${name}.ts`), ts.replace('"microtarget/runtime"', JSON.stringify(join(root, "runtime/index.ts"))));
        files.push(`mjml--${name}.ts`);
      }
      writeFileSync(
        join(dir, "tsconfig.json"),
        JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: "es2022", module: "esnext", moduleResolution: "bundler", allowImportingTsExtensions: true, skipLibCheck: true, types: [], lib: ["es2022"] }, files }),
      );
      const tsc = join(root, "node_modules/typescript/bin/tsc");
      const result = await promisify(execFile)(process.execPath, [tsc, "-p", dir, "--pretty", "false"]).catch((e) => e);
      expect(result.stdout ?? "", "tsc errors in generated code").toBe("");
      expect(files.length).toBeGreaterThan(400);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("appends constant text, inlines what types decide, and calls the runtime only for the rest", async () => {
    const { ts } = await compile('Hi {{fallback .FirstName "there"}}!\n{{if and (hasTag "vip") (gt .orders 3)}}VIP{{else if eq .plan "pro" "team"}}Pro{{end}}\n{{range .items}}- {{.name}}\n{{end}}', { filename: "shape.tmpl" });
    expect(ts.slice(ts.indexOf("function _t0"))).toMatchInlineSnapshot(`
      "function _t0(_p: any, _r: any): string {
        const _tags: readonly unknown[] = Array.isArray(_r?.tags) ? _r.tags : [];
        const _tg1 = _tags.includes("vip");
        let _o = "";
        let _v1: any, _v2: any, _v3: any, _v4: any, _v5: any;
        _o += "Hi ";
        _o += (_p?.FirstName || "there");
        _o += "!\\n";
        if ((_tg1 && ((_p?.orders ?? NaN) > 3))) {
          _o += "VIP";
        } else if ((_p?.plan === "pro" || _p?.plan === "team")) {
          _o += "Pro";
        }
        _o += "\\n";
        [_v3, _v4] = _rt_entries(_p?.items);
        _v2 = _v4.length;
        for (let _v1 = 0; _v1 < _v2; _v1++) {
          const _v5 = _v4[_v1];
          _o += "- ";
          _o += (_v5?.name ?? "");
          _o += "\\n";
        }
        return _o;
      }
      "
    `);
  });
});

describe("a value of the root data printed in several places", () => {
  const mjml = (body: string) => `<mjml><mj-body><mj-section><mj-column>${body}</mj-column></mj-section></mj-body></mjml>`;
  const links = `<mj-raw><a href="https://x.com/a?u={{.id}}">a</a></mj-raw>{{if .more}}<mj-raw><a href="https://x.com/b?u={{.id}}">b</a></mj-raw>{{end}}`;
  const load = async (source: string, functions?: Record<string, (...a: never[]) => unknown>) => {
    const { ts } = await compile(source, { filename: "links.mjml", functions });
    const m = (await loadModule(ts.replace('"microtarget/runtime"', JSON.stringify(runtimePath())))) as { renderHtml(d: unknown): string; renderHtmlShared(d: unknown): Uint8Array; functions?: object };
    if (functions) Object.assign(m.functions!, functions);
    return { ts, m };
  };
  const reading = (id: string, more: boolean) => {
    const data = { more, reads: 0, get id() { data.reads++; return id; } };
    return data;
  };

  it("is escaped once per render, where it is first printed", async () => {
    const { ts, m } = await load(mjml(`${links}<mj-raw><a href="https://x.com/c?u={{.id}}">c</a></mj-raw>`));
    expect(ts.match(/_e1 \?\?= /g)).toHaveLength(9); // in render, renderHtml and the bytes function
    for (const more of [true, false]) {
      const data = reading("a b&c", more);
      expect(m.renderHtml(data).match(/u=a%20b%26c"/g)).toHaveLength(more ? 3 : 2);
      expect(data.reads, `more: ${more}`).toBe(1);
      const bytes = reading("a b&c", more);
      expect(new TextDecoder().decode(m.renderHtmlShared(bytes))).toBe(m.renderHtml(data));
      expect(bytes.reads, `bytes, more: ${more}`).toBe(1);
    }
  });

  it("printed once, is escaped in place", async () => {
    const { ts } = await load(mjml(`<mj-raw><a href="https://x.com/a?u={{.id}}">a</a></mj-raw>`));
    expect(ts).not.toMatch(/_e\d+ \?\?= /);
  });

  it("is escaped anew after a user function was given the data", async () => {
    const { m } = await load(mjml(`<mj-raw><a href="https://x.com/a?u={{.id}}">a</a></mj-raw>{{touch .}}<mj-raw><a href="https://x.com/b?u={{.id}}">b</a></mj-raw>`), {
      touch: (d: { id: string }) => ((d.id = "new"), ""),
    } as never);
    expect(m.renderHtml({ id: "old" })).toMatch(/u=old"[^]*u=new"/);
  });
});

describe("an MJML module's string renders", () => {
  it("are the exported functions themselves, a fragment printed once written straight into the HTML", async () => {
    const source = `<mjml><mj-body><mj-section><mj-column><mj-button href="https://x.com/?u={{.id}}">Go</mj-button><mj-image src="https://img.x.com/{{.pic}}.png" alt="{{.pic}}"></mj-image></mj-column></mj-section></mj-body></mjml>`;
    const { code } = await compile(source, { filename: "once.mjml" });
    const html = code.slice(code.indexOf("export function renderHtml("), code.indexOf("\n}\n", code.indexOf("export function renderHtml(")));
    expect(html).toContain("const _p = data, _r = data;");
    // The link's text before the value joins the HTML chunk before it.
    const chunk = /_o \+= (_s\d+);\n\s*_o \+= _rt_escapeUrlComponent\(/.exec(html)?.[1];
    expect(JSON.parse(new RegExp(`const ${chunk} = (".*");`).exec(code)![1])).toMatch(/href="https:\/\/x\.com\/\?u=$/);
    expect(html).not.toMatch(/_v\d+ = "";/); // no fragment is built apart
    expect(code).not.toContain("_t0h");
  });
});

describe("generated JavaScript", () => {
  // The emitter writes the JavaScript itself (compiler/emit/type-only.ts): it must be what
  // esbuild makes of the TypeScript, printed alike by esbuild.
  it("is esbuild's transform of the generated TypeScript, for every semantics case, fixture and showcase template", async () => {
    const { transform } = await import("esbuild");
    const print = async (code: string, loader: "ts" | "js") => (await transform(code, { loader, format: "esm", target: "es2022" })).code;
    const modules: { name: string; ts: string; js: string }[] = [];
    for (const file of readdirSync(join(root, "test/semantics")).filter((f) => f.endsWith(".txt"))) {
      for (const c of parseSemanticsFile(readFileSync(join(root, "test/semantics", file), "utf8"), file).filter((c) => c.output !== undefined)) {
        const functions = c.template.includes("shout") ? { shout: (s: string) => s } : undefined;
        const { ts, code } = await compile(c.template, { filename: `${c.name}.tmpl`, partials: c.partials, functions });
        modules.push({ name: `${file}: ${c.name}`, ts, js: code });
      }
    }
    for (const name of readdirSync(join(root, "test/fixtures"))) {
      const source = join(root, "test/fixtures", name, "input.mjml");
      if (!existsSync(source)) continue;
      const { ts, code } = await compile(readFileSync(source, "utf8"), { filename: `${name}.mjml` });
      modules.push({ name, ts, js: code });
    }
    // The showcase as a build compiles it (user functions from the config, the footer partial,
    // declared types), with and without coverage counters.
    const templates = join(root, "templates");
    const showcase = ["dropbox-earn-space.mjml", "dropbox-tags.tmpl", "ecommerce-style-broadcast.mjml", "outbound-prospecting.mjml", "trial-nurture.tmpl", ...readdirSync(join(templates, "trial")).filter((f) => f.endsWith(".mjml")).map((f) => `trial/${f}`)];
    const dataType = { ref: "templates/types/contact.ts#Contact", base: root, source: new SourceFile("microtarget.config.ts", ""), span: { start: 0, end: 0 } };
    for (const file of showcase) {
      for (const coverage of [false, true]) {
        const filename = join(templates, file);
        const result = await compileTemplate(readFileSync(filename, "utf8"), {
          filename,
          format: file.endsWith(".mjml") ? "mjml" : "text",
          partials: { footer: readFileSync(join(templates, "partials/footer.tmpl"), "utf8") },
          functions: new Set(["add1"]),
          functionsFrom: "./microtarget.config.js",
          runtime: "./runtime.js",
          typeName: "ShowcaseData",
          dataType,
          coverage,
        });
        expect(result.diagnostics.filter((d) => d.severity === "error"), file).toEqual([]);
        modules.push({ name: `${file}${coverage ? " (coverage)" : ""}`, ts: result.module!.ts, js: result.module!.js });
      }
    }
    expect(modules.length).toBeGreaterThan(400);
    for (const m of modules) {
      expect(m.js, m.name).not.toMatch(/[\u0001\u0002]/);
      expect(await print(m.js, "js"), m.name).toBe(await print(m.ts, "ts"));
    }
  });
});

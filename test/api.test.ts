// The API exactly as the README shows it: compile, renderTemplate, CompileError, RenderError.
import { describe, expect, it } from "vitest";
import { compile, renderTemplate } from "../compiler/index.js";
import { runtimePath } from "../compiler/runtime-path.js";
import { REVISION, requireRevision } from "../runtime/index.js";

describe("compile", () => {
  it("returns JavaScript, TypeScript, declarations and warnings", async () => {
    const result = await compile('{{$unused := 1}}Hi {{.FirstName | fallback "there"}}{{if hasTag "vip"}}!{{end}}', { filename: "hello.tmpl" });
    expect(result.code).toContain('from "microtarget/runtime"');
    expect(result.code).not.toContain(": string");
    expect(result.ts).toContain("export function render(data: HelloData): string");
    expect(result.dts).toContain("export type HelloData = {");
    expect(result.diagnostics.map((d) => d.code).sort()).toEqual(["fallback_piped", "unused_variable"]);
    expect(result.diagnostics.every((d) => d.severity === "warning")).toBe(true);
  });

  it("states the runtime revision it needs, and a different runtime refuses it", async () => {
    const { code } = await compile("{{.a}}");
    expect(code).toContain(`_rt_requireRevision(${REVISION})`);
    expect(() => requireRevision(REVISION + 1)).toThrow(`compiled for microtarget runtime revision ${REVISION + 1}, but the runtime is revision ${REVISION}: rebuild`);
  });

  it("emits only the partials the template reaches, and imports only what they use", async () => {
    const partials = { footer: "{{template \"link\" .}}", link: "?u={{urlquery .id}}", unused: "{{printf \"%v\" .id}}" };
    const reached = await compile('Hi{{template "footer" .}}', { filename: "a.tmpl", partials });
    expect(reached.code).toContain("urlQueryEscaper");
    expect(reached.code).not.toContain("sprintf");
    const alone = await compile("Hi", { filename: "a.tmpl", partials });
    expect(alone.code).not.toContain("urlQueryEscaper");
  });

  it("throws a CompileError listing every error with file, line and column", async () => {
    const error = await compile("{{.a}}\n{{if}}\n{{nope .b}}\n{{end}}{{end}}", { filename: "bad.tmpl" }).catch((e) => e);
    expect(error.name).toBe("CompileError");
    expect(error.diagnostics.map((d: { code: string; line: number; column: number }) => [d.code, d.line, d.column])).toEqual([
      ["syntax_error", 2, 3],
      ["unknown_function", 3, 3],
      ["unexpected_end", 4, 8],
    ]);
    expect(error.diagnostics[0]).toMatchObject({ file: "bad.tmpl", severity: "error", message: "missing value for if" });
  });

  it("suggests a near name, never a different word", async () => {
    const notes = async (source: string) => ((await compile(source).catch((e) => e)).diagnostics[0].notes as { message: string }[]).map((n) => n.message);
    expect(await notes("{{uper .a}}")).toContain("did you mean upper?");
    expect(await notes("{{x .a}}")).not.toContainEqual(expect.stringContaining("did you mean"));
    expect(await notes("{{lenn .a}}")).toContain("did you mean len?");
  });
});

describe("renderTemplate", () => {
  it("renders with partials and user functions", async () => {
    const out = await renderTemplate('{{template "footer" .}} {{shout .name}}', { name: "ada" }, {
      filename: "x.tmpl",
      partials: { footer: "-- {{upper .name}}" },
      functions: { shout: (s: string) => `${s}!` },
    });
    expect(out).toBe("-- ADA ada!");
  });

  it("turns a throwing user function into a RenderError at the call", async () => {
    const error = await renderTemplate("line one\n  {{boom .x}}", {}, { filename: "f.tmpl", functions: { boom: () => { throw new Error("no luck"); } } }).catch((e) => e);
    expect(error.name).toBe("RenderError");
    expect(error.message).toBe("f.tmpl:2:5: boom: no luck");
    expect([error.file, error.line, error.column]).toEqual(["f.tmpl", 2, 5]);
  });

  it("renders an MJML email with user functions: subject, preheader, html and text", async () => {
    const source = `<mjml><mj-head><mj-preview>{{shout .name}}</mj-preview></mj-head><mj-body><mj-section><mj-column>{{if .photo}}<mj-image src="{{.photo}}" alt="{{.name}}"></mj-image>{{end}}<mj-text>Hi {{shout .name}}</mj-text></mj-column></mj-section></mj-body></mjml>`;
    const email = await renderTemplate(source, { name: "Ada", photo: "https://img.example.com/a.png" }, { filename: "fn.mjml", functions: { shout: (s: string) => `${s}!` } });
    expect(email).toMatchObject({ subject: "", preheader: "Ada!", text: "Ada\n\nHi Ada!" });
    expect(email.html).toContain(">Hi Ada!</div>");
    expect(email.html).toContain("mj-full-width-mobile"); // the image's head style, for recipients with a photo
    const without = await renderTemplate(source, { name: "Bo" }, { filename: "fn.mjml", functions: { shout: (s: string) => `${s}!` } });
    expect(without.html).not.toContain("mj-full-width-mobile");
  });

  it("exports validate: data from outside checked against the inferred type, with the path of each problem", async () => {
    const { code } = await compile('{{range .items}}{{.name}} {{printf "%.2f" .price}}{{end}}{{if hasTag "vip"}}{{.constructor}}{{end}}', { filename: "v.tmpl" });
    const runtime = new URL("../runtime/index.ts", import.meta.url).pathname;
    const { bundleModule } = await import("../compiler/bundle/index.js");
    const mod = await import(`data:text/javascript;base64,${Buffer.from(await bundleModule(code.replace('"microtarget/runtime"', JSON.stringify(runtime)))).toString("base64")}`);
    const good = { items: [{ name: "Pen", price: 2 }], tags: ["vip"] };
    expect(mod.validate(good)).toBe(good);
    expect(mod.validate({})).toEqual({});
    const problem = (data: unknown) => {
      try {
        mod.validate(data);
        return "accepted";
      } catch (e) {
        return `${(e as Error).name}: ${(e as Error).message}`;
      }
    };
    expect(problem({ tags: ["vip", "x", 3] })).toBe("ValidationError: tags[2]: expected string, got number");
    expect(problem({ items: [{ name: "Pen", price: "2" }] })).toBe("ValidationError: items[0].price: expected number or null, got string");
    expect(problem({ items: {} })).toBe("ValidationError: items: expected list, got object");
    expect(problem({ items: [null] })).toBe("ValidationError: items[0]: expected object, got null");
    expect(problem([])).toBe("ValidationError: data: expected object, got list");
    expect(problem({ constructor: { a: 1 } })).toBe("ValidationError: constructor: expected string, number, boolean or null, got object");
  });

  it("renders one source for many recipients (the compiled module is kept by source and options)", async () => {
    const source = "{{if hasTag \"vip\"}}VIP{{else}}-{{end}}";
    const outputs = [];
    for (let i = 0; i < 50; i++) outputs.push(await renderTemplate(source, { tags: i % 2 ? ["vip"] : [] }));
    expect(outputs.slice(0, 4)).toEqual(["-", "VIP", "-", "VIP"]);
  });
});

describe("loadModule", () => {
  it("lets a loaded module go when nothing holds it (microtarget dev loads one per rebuild)", async () => {
    const { loadModule } = await import("../compiler/bundle/index.js");
    const { setFlagsFromString } = await import("node:v8");
    const { runInNewContext } = await import("node:vm");
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    let collected = false;
    const registry = new FinalizationRegistry(() => (collected = true));
    await (async () => {
      const { ts } = await compile("Hi {{.name}}", { filename: "gone.tmpl" });
      const m = (await loadModule(ts.replace('"microtarget/runtime"', JSON.stringify(runtimePath())))) as { render(d: unknown): string };
      expect(m.render({ name: "Ana" })).toBe("Hi Ana");
      registry.register(m.render, "render");
    })();
    for (let i = 0; i < 20 && !collected; i++) {
      gc();
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(collected).toBe(true);
  });
});

// deriveVariants: the data of a variant gallery. Each template goes through the real path
// (compileTemplate → bundle → import) and every variant is rendered with its own module.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { bundleModule } from "../compiler/bundle/index.js";
import { resolveDataTypes, type DeclaredType } from "../compiler/check/declared.js";
import type { CheckedTemplate } from "../compiler/check/index.js";
import { findConfig, loadConfig } from "../compiler/config.js";
import { Reporter } from "../compiler/diagnostics/diagnostic.js";
import { deriveVariants, type Variant, type VariantPlan } from "../compiler/index.js";
import { compileTemplate, dataTypeRef, type PipelineOptions } from "../compiler/pipeline.js";
import { runtimePath } from "../compiler/runtime-path.js";
import { SourceFile } from "../compiler/source.js";

const root = resolve(import.meta.dirname, "..");

interface Loaded {
  checked: CheckedTemplate;
  render(data: unknown): unknown;
  validate(data: unknown): unknown;
}

// load compiles a template, bundles its module with the runtime and imports it.
async function load(text: string, filename: string, options: Partial<PipelineOptions> = {}): Promise<Loaded> {
  const result = await compileTemplate(text, { filename, format: filename.endsWith(".mjml") ? "mjml" : "text", partials: {}, functions: new Set(), runtime: runtimePath(), typeName: "Data", ...options });
  expect(result.diagnostics.filter((d) => d.severity === "error"), filename).toEqual([]);
  const js = await bundleModule(result.module!.ts);
  const module = await import(`data:text/javascript;base64,${Buffer.from(js).toString("base64")}`);
  return { checked: result.checked!, render: module.render, validate: module.validate };
}

// outputs renders each variant; an email's four parts count as one output.
function outputs(t: Loaded, variants: Variant[]): string[] {
  return variants.map((v) => {
    const out = t.render(v.data);
    return typeof out === "string" ? out : JSON.stringify(out);
  });
}

const labels = (plan: VariantPlan) => plan.dimensions.map((d) => [d.label, d.values.map((v) => v.label)]);

describe("dimensions", () => {
  it("the Dropbox email: its 3 tags give 8 variants, all rendered differently", async () => {
    const file = "templates/dropbox-earn-space.mjml";
    const t = await load(readFileSync(join(root, file), "utf8"), file, { root: join(root, "templates") });
    const base = JSON.parse(readFileSync(join(root, "templates/dropbox-earn-space.data/all-three.json"), "utf8"));
    const plan = deriveVariants(t.checked, base);
    expect(plan.strategy).toBe("all");
    expect(plan.combinations).toBe(8);
    expect(plan.dimensions.map((d) => d.label)).toEqual(["tag connect_fb_with_dropbox", "tag following_twitter_dropbox_account", "tag tell_us_why_you_love_dropbox"]);
    expect(plan.variants).toHaveLength(8);
    expect(plan.variants[0].differs).toEqual(["no tag connect_fb_with_dropbox", "no tag following_twitter_dropbox_account", "no tag tell_us_why_you_love_dropbox"]);
    expect(plan.variants[0].data.tags).toEqual([]);
    expect(plan.variants[5].data.tags).toEqual(["connect_fb_with_dropbox", "tell_us_why_you_love_dropbox"]);
    expect(new Set(plan.variants.map((v) => (t.render(v.data) as { html: string }).html)).size).toBe(8);
    // {{with .FirstName}} in the subject: a missing first name is a variant of its own.
    const { FirstName: _, ...withoutName } = base;
    expect(plan.missing).toEqual([{ data: withoutName, differs: ["no .FirstName"] }]);
  });

  it("comparisons: each string constant and one other; numbers around their thresholds", async () => {
    const t = await load(
      '{{if eq .plan "pro"}}P{{else if eq .plan "team"}}T{{end}}|{{if gt .count 3}}>3{{end}}{{if le .count 10}}<=10{{end}}|{{if lt 5 .n}}n>5{{end}}{{if eq .m 1 2}}m12{{end}}',
      "compare.tmpl",
    );
    const plan = deriveVariants(t.checked, { plan: "pro", count: 4, n: 0, m: 1 });
    expect(labels(plan)).toEqual([
      [".plan", ['.plan = "pro"', '.plan = "team"', '.plan = "other"']],
      // gt 3 and le 10: 3, 10 and above 10 reach every outcome (2 reads as 3, 4 as 10).
      [".count", [".count = 3", ".count = 10", ".count > 10"]],
      [".n", [".n = 5", ".n > 5"]],
      [".m", [".m = 1", ".m = 2", ".m > 2"]],
    ]);
    expect(plan.combinations).toBe(3 * 3 * 2 * 3);
    expect(plan.strategy).toBe("all");
    expect(plan.variants).toHaveLength(54);
    expect(new Set(outputs(t, plan.variants)).size).toBe(3 * 3 * 2 * 2);
    expect(deriveVariants(t.checked, undefined, { limit: 53 }).strategy).toBe("pairwise");
  });

  it("numbers between two thresholds, and fields read through with, $ and partials", async () => {
    const t = await load('{{with .stats}}{{if gt .score 10}}A{{end}}{{if lt .score 20}}B{{end}}{{end}}{{range .items}}{{if gt $.limit 2}}L{{end}}{{end}}{{template "p" .account}}', "paths.tmpl", {
      partials: { p: '{{if eq .plan "x"}}X{{end}}{{with .owner}}{{.}}{{end}}' },
    });
    const plan = deriveVariants(t.checked, { stats: { score: 1 }, account: { owner: "Ada" } });
    expect(labels(plan)).toEqual([
      // gt 10 and lt 20: 9 reads as 10 and 21 as 20, but 11 is both.
      [".stats.score", [".stats.score = 10", "10 < .stats.score < 20", ".stats.score = 20"]],
      [".items", [".items: 0 items", ".items: 1 item", ".items: 3 items"]],
      [".limit", [".limit = 2", ".limit > 2"]],
      [".account.plan", ['.account.plan = "x"', '.account.plan = "other"']],
    ]);
    expect(plan.variants.map((v) => (v.data.stats as { score: number }).score)).toContain(11);
    expect(plan.missing.map((m) => m.differs)).toEqual([["no .stats"], ["no .account.owner"]]);
    expect(plan.missing[1].data).toEqual({ stats: { score: 1 }, account: {} });
  });

  it("ranges: 0, 1 and 3 elements, copied from the base's list or synthesized, an element's comparisons varied across them", async () => {
    const t = await load("{{range .items}}[{{.name}}{{if gt .qty 1}}+{{end}}]{{else}}none{{end}}", "range.tmpl");
    const copied = deriveVariants(t.checked, { items: [{ name: "a", qty: 5 }, { name: "b", qty: 5 }] });
    expect(labels(copied)).toEqual([[".items", [".items: 0 items", ".items: 1 item", ".items: 3 items"]]]);
    expect(outputs(t, copied.variants)).toEqual(["none", "[a]", "[a][b+][a]"]);
    const synthesized = deriveVariants(t.checked, undefined);
    expect(outputs(t, synthesized.variants)).toEqual(["none", "[Sample text]", "[Sample text][Sample text+][Sample text]"]);
    for (const v of synthesized.variants) expect(() => t.validate(v.data)).not.toThrow();
  });

  it("$var := lower .field, then eq $var: the field's dimension, values as compared", async () => {
    const t = await load('{{$style := lower .style}}{{if eq $style "trendy"}}T{{else if eq $style "casual"}}C{{end}}{{if .style | trim | eq "boho"}}B{{end}}', "lower.tmpl");
    const plan = deriveVariants(t.checked, { style: "Trendy" });
    expect(labels(plan)).toEqual([[".style", ['.style = "trendy"', '.style = "casual"', '.style = "boho"', '.style = "other"']]]);
    expect(outputs(t, plan.variants)).toEqual(["T", "C", "B", ""]);
  });

  it("conditions in an email's front matter are dimensions", async () => {
    const t = await load('---\nsubject: {{if eq .plan "pro"}}Pro{{else}}Hello{{end}}\n---\n<mjml><mj-body><mj-section><mj-column><mj-text>Hi</mj-text></mj-column></mj-section></mj-body></mjml>', "front.mjml");
    const plan = deriveVariants(t.checked, {});
    expect(labels(plan)).toEqual([[".plan", ['.plan = "pro"', '.plan = "other"']]]);
    expect(plan.variants.map((v) => (t.render(v.data) as { subject: string }).subject)).toEqual(["Pro", "Hello"]);
  });
});

describe("declared types", () => {
  const filename = "test/fixtures/variants/member.tmpl";
  const source = [
    "---",
    "data: member.ts#Member",
    "---",
    '{{if eq .tier "pro"}}pro{{end}}|{{if gt .seats 5}}team{{end}}{{with .seats}}{{.}}{{else}}none{{end}}|{{with .nickname}}{{.}}{{end}}{{with .region}}{{.}}{{end}}',
    '|{{if eq .team.name "core"}}core{{end}}|{{range .invoices}}{{if eq .status "due"}}!{{end}}{{.amount}};{{end}}{{if hasTag "vip"}}|vip{{end}}',
  ].join("\n");
  const base = { id: "m1", tier: "free", seats: 3, nickname: "Ace", region: "EU", invoices: [{ amount: 10, status: "paid" }] };

  it("a literal union gets its values, numbers their thresholds, a missing parent object is made from the type", async () => {
    const t = await load(source, filename);
    const plan = deriveVariants(t.checked, base);
    expect(labels(plan)).toEqual([
      [".tier", ['.tier = "free"', '.tier = "pro"', '.tier = "team"']],
      [".seats", [".seats = 0", ".seats = 5", ".seats > 5"]], // 0: {{with .seats}} of a required field
      [".team.name", ['.team.name = "core"', '.team.name = "other"']],
      [".invoices", [".invoices: 0 items", ".invoices: 1 item", ".invoices: 3 items"]],
      ["tag vip", ["no tag vip", "tag vip"]],
    ]);
    expect(plan.variants[0].data.team).toEqual({ name: "core", size: 1, lead: "Sample text" });
    const three = plan.variants.find((v) => v.differs.includes(".invoices: 3 items"))!;
    // The union's values in TypeScript's order, in turn across the elements.
    expect(three.data.invoices).toEqual([{ amount: 10, status: "due" }, { amount: 10, status: "paid" }, { amount: 10, status: "due" }]);
    // Optional fields go missing by deletion, a nullable required one as null, a required number not at all.
    expect(plan.missing.map((m) => m.differs[0])).toEqual(["no .nickname", "no .region"]);
    expect(plan.missing[0].data).not.toHaveProperty("nickname");
    expect(plan.missing[1].data.region).toBeNull();
    for (const v of [...plan.variants, ...plan.missing]) expect(() => t.validate(v.data), v.differs.join(", ")).not.toThrow();
    expect(new Set(outputs(t, plan.variants)).size).toBe(plan.variants.length);
  });

  it("without a base, the data is synthesized from the type and fits it", async () => {
    const t = await load(source, filename);
    const plan = deriveVariants(t.checked, undefined);
    expect(plan.variants[0].data).toMatchObject({ id: "Sample text", tier: "free", seats: 0, nickname: "Sample text", region: "Sample text", tags: [], invoices: [], mentor: null });
    for (const v of [...plan.variants, ...plan.missing]) expect(() => t.validate(v.data), v.differs.join(", ")).not.toThrow();
  });
});

describe("enumeration", () => {
  const tags = ["a", "b", "c", "d", "e", "f", "g"];
  const source = tags.map((tag) => `{{if hasTag "${tag}"}}${tag}{{end}}`).join("") + '{{if eq .plan "x" "y"}}!{{end}}';

  it("above the limit, a pairwise cover: every pair of values of any two dimensions in some variant", async () => {
    const t = await load(source, "pairs.tmpl");
    const plan = deriveVariants(t.checked, {});
    expect(plan.combinations).toBe(2 ** 7 * 3);
    expect(plan.strategy).toBe("pairwise");
    expect(plan.variants.length).toBeLessThanOrEqual(12);
    const dims = plan.dimensions.map((d) => d.values.map((v) => v.label));
    for (let i = 0; i < dims.length; i++) {
      for (let j = i + 1; j < dims.length; j++) {
        for (const a of dims[i]) for (const b of dims[j]) expect(plan.variants.some((v) => v.differs[i] === a && v.differs[j] === b), `${a} with ${b}`).toBe(true);
      }
    }
    const full = deriveVariants(t.checked, {}, { limit: 384 });
    expect(full.strategy).toBe("all");
    expect(full.variants).toHaveLength(384);
    expect(new Set(full.variants.map((v) => v.differs.join())).size).toBe(384);
  });

  it("is deterministic and leaves the caller's base untouched", async () => {
    const t = await load(source + "{{range .items}}{{.}}{{end}}{{with .FirstName}}{{.}}{{end}}", "pure.tmpl");
    const base = deepFreeze({ FirstName: "Ada", tags: ["a", "z"], plan: "x", items: ["one"] });
    const before = JSON.stringify(base);
    const [first, second] = [deriveVariants(t.checked, base), deriveVariants(t.checked, base)];
    expect(JSON.stringify(first)).toBe(JSON.stringify(second));
    expect(first.variants.map((v) => v.differs)).toEqual(second.variants.map((v) => v.differs));
    expect(JSON.stringify(base)).toBe(before);
    expect(first.variants.every((v) => v.data !== base && v.data.items !== base.items)).toBe(true);
    expect(first.variants[0].data.tags).toEqual(["z"]); // a tag no dimension tests is kept
    expect(first.missing.map((m) => m.differs)).toEqual([["no .FirstName"]]);
  });

  it("a template that tests nothing has one variant: the base, or an empty object", async () => {
    const t = await load("Hello", "plain.tmpl");
    expect(deriveVariants(t.checked, undefined)).toEqual({ dimensions: [], variants: [{ data: {}, differs: [] }], combinations: 1, strategy: "all", missing: [] });
    expect(deriveVariants(t.checked, { a: 1 }).variants).toEqual([{ data: { a: 1 }, differs: [] }]);
  });

  it("missing: one variant per field tested only for truth (with, if, and, or, not), none for one already missing", async () => {
    const t = await load("{{with .FirstName}}Hi {{.}}{{end}}{{if and .a (not .b)}}ab{{end}}{{if or .c .d}}cd{{end}}{{with .manager}}{{with .email}}{{.}}{{end}}{{end}}", "missing.tmpl");
    const plan = deriveVariants(t.checked, { FirstName: "Ada", a: 1, b: 0, c: "x", manager: { email: "m@x" } });
    expect(plan.dimensions).toEqual([]);
    expect(plan.variants).toEqual([{ data: { FirstName: "Ada", a: 1, b: 0, c: "x", manager: { email: "m@x" } }, differs: [] }]);
    expect(plan.missing.map((m) => m.differs)).toEqual([["no .FirstName"], ["no .a"], ["no .b"], ["no .c"], ["no .manager"], ["no .manager.email"]]);
    expect(outputs(t, plan.missing)).toEqual(["abcdm@x", "Hi Adacdm@x", "Hi Adaabcdm@x", "Hi Adaabm@x", "Hi Adaabcd", "Hi Adaabcd"]);
  });
});

// deepFreeze makes an object, and everything in it, read-only: a write throws in strict mode.
function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) for (const v of Object.values(value)) deepFreeze(v);
  return Object.freeze(value);
}

// The showcase: every template compiled as `microtarget build` does, derived from its first
// audience, and every variant (and missing variant) rendered and validated.
describe("the showcase", () => {
  const templates = join(root, "templates");
  const list = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      if (e.isDirectory()) return e.name === "partials" || e.name.endsWith(".data") ? [] : list(join(dir, e.name));
      return /\.(mjml|tmpl)$/.test(e.name) ? [join(dir, e.name)] : [];
    });
  const files = list(templates).sort();

  it("every template derives in a few milliseconds, renders every variant, and every variant validates", async () => {
    const configPath = findConfig(templates)!;
    const config = await loadConfig(configPath);
    const ref = config.data!;
    const dataType = { ref, base: root, source: new SourceFile("microtarget.config.ts", ref), span: { start: 0, end: ref.length } };
    const partials = { footer: readFileSync(join(templates, "partials/footer.tmpl"), "utf8") };
    const reporter = new Reporter();
    const refs = files.flatMap((f) => dataTypeRef(new SourceFile(relative(root, f), readFileSync(f, "utf8")), f.endsWith(".mjml") ? "mjml" : "text", { dataType }, reporter) ?? []);
    const declaredTypes: Map<string, DeclaredType> = await resolveDataTypes(refs, reporter);
    for (const file of files) {
      const t = await load(readFileSync(file, "utf8"), relative(root, file), { partials, functions: new Set(Object.keys(config.functions)), functionsFrom: configPath, root: templates, dataType, declaredTypes });
      expect(t.checked.dataType, file).toBeDefined();
      const data = file.replace(/\.(mjml|tmpl)$/, ".data");
      const first = existsSync(data) ? readdirSync(data).filter((f) => f.endsWith(".json")).sort()[0] : undefined;
      const base = first && JSON.parse(readFileSync(join(data, first), "utf8"));
      const started = performance.now();
      const plan = deriveVariants(t.checked, base);
      const ms = performance.now() - started;
      expect(ms, file).toBeLessThan(50);
      for (const v of [...plan.variants, ...plan.missing]) {
        expect(() => t.validate(v.data), `${file}: ${v.differs.join(", ")}`).not.toThrow();
        const out = t.render(v.data);
        const text = typeof out === "string" ? out : Object.values(out as object).join("\n");
        for (const bad of ["undefined", "NaN", "[object Object]"]) expect(text, `${file}: ${v.differs.join(", ")}`).not.toContain(bad);
      }
      const distinct = new Set(outputs(t, plan.variants)).size;
      if (file.endsWith("dropbox-earn-space.mjml")) expect(distinct).toBe(8);
      else expect(distinct, file).toBeGreaterThan(1);
    }
  }, 120_000);
});

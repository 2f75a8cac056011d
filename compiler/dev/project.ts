/**
 * DevProject is the preview's view of a templates folder: every template compiled in memory
 * (with branch counters), rendered for its sample audiences and for the variants its
 * conditions give, and kept up to date file by file: a change rebuilds only the templates
 * that depend on the changed file (its source, an mj-include, a partial it reaches, its
 * audiences, its declared data type) — or all of them when the config changes.
 */
import { readFileSync } from "node:fs";
import { relative, resolve, sep } from "node:path";
import { compileFolder, folderProblems, templateFiles, type CompiledTemplate } from "../build.js";
import { formatProblem } from "../diagnostics/format.js";
import { loadCoverageModule, renderAudiences } from "../coverage.js";
import type { CoverageBranch } from "../index.js";
import { deriveVariants } from "../variants.js";
import { affected } from "../watch.js";

/** Output is what a render gave: an email's parts, or a text template's text. */
export type Output = { kind: "email"; subject: string; preheader: string; html: string; text: string } | { kind: "text"; text: string };

/** Rendered is one distinct output of the variant gallery and the data that gave it first. */
export interface Rendered {
  data: unknown;
  differs: string[];
  output: Output;
  /** count is how many of the derived combinations give this output. */
  count: number;
}

/** TemplateView is everything a template's page shows. */
export interface TemplateView {
  path: string;
  /** file is the source's path as diagnostics show it. */
  file: string;
  source: string;
  format: "mjml" | "text";
  dataDir: string;
  /** error is the formatted diagnostics when the template does not compile. */
  error?: string;
  audiences: { name: string; data?: unknown; output?: Output; error?: string }[];
  plan: { dimensions: { label: string }[]; combinations: number; strategy: "all" | "pairwise" };
  variants: Rendered[];
  missing: Rendered[];
  coverage?: { covered: number; total: number; branches: (CoverageBranch & { hits: number })[] };
  /** dependencies are the absolute paths whose change rebuilds this template. */
  dependencies: Set<string>;
}

/** DevProject compiles, renders and tracks a templates folder. */
export class DevProject {
  readonly srcDir: string;
  private views = new Map<string, TemplateView>();

  constructor(srcDir: string) {
    this.srcDir = resolve(srcDir);
  }

  /** list returns every template's view, by path. */
  list(): TemplateView[] {
    return [...this.views.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  get(path: string): TemplateView | undefined {
    return this.views.get(path);
  }

  /**
   * refresh rebuilds what the changed files affect (everything when `changed` is undefined)
   * and returns the paths of the templates whose pages changed ("*": the list itself changed).
   */
  async refresh(changed?: string[]): Promise<string[]> {
    const which = changed
      ? affected(new Map([...this.views].map(([path, v]) => [path, v.dependencies])), changed.map((f) => resolve(f)), {
          known: [...this.views.values()].map((v) => resolve(v.file)),
          present: templateFiles(this.srcDir),
        })
      : "all";
    if (which !== "all" && which.size === 0) return [];
    const only = which === "all" ? undefined : which;
    const { templates, problems, functions } = await compileFolder({ srcDir: this.srcDir, only, coverage: true });
    // The pages keep showing the previous views until the new ones are all ready.
    const views = new Map(only ? this.views : []);
    for (const t of templates) views.set(t.path, await this.view(t, [...folderProblems(problems, templates), ...t.problems], functions));
    this.views = views;
    return only ? [...only] : ["*"];
  }

  /** dependencies are every template's, for watching. */
  dependencies(): ReadonlySet<string>[] {
    return [...this.views.values()].map((v) => v.dependencies);
  }

  private async view(t: CompiledTemplate, problems: CompiledTemplate["problems"], functions: Record<string, (...args: any[]) => unknown> | undefined): Promise<TemplateView> {
    const source = readFileSync(t.file, "utf8");
    const dataDir = t.file.replace(/\.(mjml|tmpl)$/, ".data");
    const view: TemplateView = {
      path: t.path,
      file: relative(process.cwd(), t.file),
      source,
      format: t.file.endsWith(".mjml") ? "mjml" : "text",
      dataDir: relative(process.cwd(), dataDir),
      audiences: [],
      plan: { dimensions: [], combinations: 0, strategy: "all" },
      variants: [],
      missing: [],
      dependencies: new Set(t.dependencies),
    };
    view.dependencies.add(resolve(dataDir) + sep); // its audiences, a new one included
    const errors = problems.filter((p) => p.severity === "error");
    if (errors.length || !t.module || !t.checked) {
      view.error = errors.map((p) => formatProblem(p)).join("\n\n") || "the template did not compile";
      return view;
    }
    const mod = await loadCoverageModule(t.module.ts, functions ?? {});
    const render = (data: unknown): Output => toOutput(mod.render(data));
    // The audiences, with the branches they reach (each validated first: data that does not fit the type says why).
    mod.coverage.hits.fill(0);
    for (const a of renderAudiences(mod, dataDir)) {
      view.audiences.push(a.error !== undefined ? { name: a.name, error: `${relative(process.cwd(), a.file)}: ${a.error}` } : { name: a.name, data: a.data, output: toOutput(a.output) });
    }
    const branches = mod.coverage.branches.map((b) => ({ ...b, hits: mod.coverage.hits[b.id] }));
    view.coverage = { branches, covered: branches.filter((b) => b.hits > 0).length, total: branches.length };
    // The gallery: every combination of the conditions (or a pairwise set), each distinct email once.
    const base = view.audiences.find((a) => a.data !== undefined)?.data as Record<string, unknown> | undefined;
    const plan = deriveVariants(t.checked, base);
    view.plan = { dimensions: plan.dimensions.map((d) => ({ label: d.label })), combinations: plan.combinations, strategy: plan.strategy };
    view.variants = distinct(plan.variants, render);
    // Missing fields: the base data without one field the template tests only for truth, shown where the email differs.
    const baseKey = base ? key(render(base)) : undefined;
    view.missing = distinct(plan.missing, render).filter((r) => key(r.output) !== baseKey);
    return view;
  }
}

function toOutput(out: unknown): Output {
  return typeof out === "string" ? { kind: "text", text: out } : { kind: "email", ...(out as { subject: string; preheader: string; html: string; text: string }) };
}

// distinct renders each variant and keeps the first of each different output.
function distinct(variants: { data: Record<string, unknown>; differs: string[] }[], render: (data: unknown) => Output): Rendered[] {
  const byOutput = new Map<string, Rendered>();
  for (const v of variants) {
    let output: Output;
    try {
      output = render(v.data);
    } catch (e) {
      output = { kind: "text", text: `render failed: ${(e as Error).message}` };
    }
    const k = key(output);
    const seen = byOutput.get(k);
    if (seen) seen.count++;
    else byOutput.set(k, { data: v.data, differs: v.differs, output, count: 1 });
  }
  return [...byOutput.values()];
}

const key = (o: Output) => (o.kind === "email" ? `${o.subject}\u0000${o.preheader}\u0000${o.html}` : o.text);

/**
 * measureCoverage tells which branches of a folder's templates its sample audiences reach:
 * every template is compiled as build compiles it (compileFolder), in memory and with
 * counters on each branch arm (emit/emit-coverage.ts), loaded, and rendered for each
 * audience in `<template>.data/*.json`. An arm no audience reaches is a variant of the
 * email nobody has seen before it is sent.
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { compileFolder } from "./build.js";
import { loadModule } from "./bundle/index.js";
import { toDiagnostic } from "./diagnostics/diagnostic.js";
import type { CoverageBranch } from "./emit/emit-coverage.js";

/** CoverageReport is the branch coverage of every template of a folder, and the total. */
export interface CoverageReport {
  templates: TemplateCoverage[];
  covered: number;
  total: number;
  /** percent is covered/total in percent (100 when there are no branches). */
  percent: number;
}

/** TemplateCoverage is one template's branches and how often its audiences reached each. */
export interface TemplateCoverage {
  /** path is the template's file, as diagnostics show it. */
  path: string;
  /** audiences are the sample data files rendered. */
  audiences: string[];
  branches: (CoverageBranch & { hits: number })[];
  /** covered counts the branches with hits. */
  covered: number;
  total: number;
  /** percent is covered/total in percent: 0 without audiences, 100 for a template without branches. */
  percent: number;
  /** errors are the template's compile errors and the audiences that failed to parse or render. */
  errors: CoverageError[];
}

/** CoverageError is a compile error (with its code, line and column) or a failed audience (its data file). */
export interface CoverageError {
  file: string;
  code?: string;
  line?: number;
  column?: number;
  message: string;
}

/** CoverageModule is a template module built with branch counters. */
export interface CoverageModule {
  render(data: unknown): unknown;
  validate(data: unknown): unknown;
  coverage: { branches: readonly CoverageBranch[]; hits: Uint32Array };
  functions?: Record<string, (...args: any[]) => unknown>;
}

/** measureCoverage compiles, loads and renders every template of srcDir for its audiences, keeping going after errors. */
export async function measureCoverage(srcDir: string, options: { onTemplate?(path: string, i: number, total: number): void } = {}): Promise<CoverageReport> {
  const folder = await compileFolder({ srcDir, coverage: true, onTemplate: options.onTemplate && ((t, i, total) => options.onTemplate!(t.file, i, total)) });
  const templates: TemplateCoverage[] = [];
  for (const t of folder.templates) {
    const dataDir = join(resolve(srcDir), `${t.path}.data`);
    const audiences = audienceFiles(dataDir).map((f) => relative(process.cwd(), f));
    const errors: CoverageError[] = t.problems.filter((p) => p.severity === "error").map(toDiagnostic).map((d) => ({ file: d.file, code: d.code, line: d.line, column: d.column, message: d.message }));
    let branches: TemplateCoverage["branches"] = [];
    if (t.module && !errors.length) {
      const m = await loadCoverageModule(t.module.ts, folder.functions);
      for (const a of renderAudiences(m, dataDir)) if (a.error !== undefined) errors.push({ file: relative(process.cwd(), a.file), message: a.error });
      branches = m.coverage.branches.map((b) => ({ ...b, hits: m.coverage.hits[b.id] }));
    }
    const covered = branches.filter((b) => b.hits > 0).length;
    templates.push({ path: t.file, audiences, branches, covered, total: branches.length, percent: audiences.length ? percent(covered, branches.length) : 0, errors });
  }
  const covered = templates.reduce((n, t) => n + t.covered, 0);
  const total = templates.reduce((n, t) => n + t.total, 0);
  return { templates, covered, total, percent: percent(covered, total) };
}

/** unreached says what an arm no audience reached means: "never false" for an implicit else, "never iterated" for a range body. */
export function unreached(b: Pick<CoverageBranch, "kind" | "implicit">): string {
  if (b.kind === "range else") return "never empty";
  if (b.implicit) return "never false";
  return b.kind === "range" ? "never iterated" : "never taken";
}

/** loadCoverageModule loads a module built with branch counters, with the config's functions. */
export async function loadCoverageModule(ts: string, functions: Record<string, (...args: any[]) => unknown>): Promise<CoverageModule> {
  const m = (await loadModule(ts)) as CoverageModule;
  if (m.functions) Object.assign(m.functions, functions);
  return m;
}

/** Audience is one sample data file of a template: its data and what it rendered, or why it could not. */
export interface Audience {
  name: string;
  file: string;
  data?: unknown;
  output?: unknown;
  error?: string;
}

/**
 * renderAudiences renders a module for each `<dataDir>/*.json`, as a sender would: each
 * validated against the template's data type first (data that does not fit it is an error).
 */
export function renderAudiences(m: CoverageModule, dataDir: string): Audience[] {
  return audienceFiles(dataDir).map((file) => {
    const name = basename(file, ".json");
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(file, "utf8"));
    } catch (e) {
      return { name, file, error: `not valid JSON: ${(e as Error).message}` };
    }
    try {
      return { name, file, data, output: m.render(m.validate(data)) };
    } catch (e) {
      return { name, file, error: `${(e as Error).name === "RenderError" ? "" : `${(e as Error).name}: `}${(e as Error).message}` };
    }
  });
}

function percent(covered: number, total: number): number {
  return total ? (100 * covered) / total : 100;
}

/** audienceFiles lists a template's sample data files (absolute paths), in order. */
export function audienceFiles(dataDir: string): string[] {
  try {
    return readdirSync(dataDir)
      .filter((f) => f.endsWith(".json"))
      .sort()
      .map((f) => join(dataDir, f));
  } catch {
    return [];
  }
}

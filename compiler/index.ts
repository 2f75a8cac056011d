/**
 * microtarget's API: `compile` a template into an ES module, `renderTemplate` to compile
 * (once per source and options), load and render in one call; `build` a folder, and
 * `measureCoverage`: which branches of a folder's templates its sample audiences reach.
 */
import { loadModule } from "./bundle/index.js";
import { CompileError } from "./errors.js";
import { pascalCase } from "./names.js";
import { runtimePath } from "./runtime-path.js";
import { compileTemplate, type Format } from "./pipeline.js";
import { SourceFile } from "./source.js";
import type { Diagnostic } from "./diagnostics/diagnostic.js";

export { CompileError } from "./errors.js";
export type { Diagnostic, Note, Severity } from "./diagnostics/diagnostic.js";
export type { Format } from "./pipeline.js";
export { build, type BuildOptions, type BuildResult } from "./build.js";
export { deriveVariants, type Dimension, type DimensionValue, type Variant, type VariantOptions, type VariantPlan } from "./variants.js";
export { measureCoverage, type CoverageError, type CoverageReport, type TemplateCoverage } from "./coverage.js";
export type { CoverageBranch } from "./emit/emit-coverage.js";

/** UserFunction is a function a template may call (Go's FuncMap). */
export type UserFunction = (...args: any[]) => unknown;

/** CompileOptions are the options of compile and renderTemplate. */
export interface CompileOptions {
  /** filename names the template in diagnostics; its extension picks the format. */
  filename?: string;
  /** format defaults from the filename: ".mjml" → "mjml", anything else → "text". */
  format?: Format;
  /** partials maps a template name to a source: its body is that template, its defines are shared. */
  partials?: Record<string, string>;
  /** functions are user functions the template may call. */
  functions?: Record<string, UserFunction>;
  /** dataType is the data type (`path#Type`, the path relative to the working directory) when the template's front matter names none. */
  dataType?: string;
}

/** CompileResult is a compiled template. */
export interface CompileResult {
  /** code is the ES module (JavaScript); it imports "microtarget/runtime". */
  code: string;
  /** ts is the same module in TypeScript. */
  ts: string;
  /** dts declares the module's exports. */
  dts: string;
  /** diagnostics are the warnings (errors throw a CompileError). */
  diagnostics: Diagnostic[];
}

function formatOf(options: CompileOptions): Format {
  return options.format ?? (options.filename?.endsWith(".mjml") ? "mjml" : "text");
}

async function pipeline(source: string, options: CompileOptions, runtime: string) {
  const filename = options.filename ?? (options.format === "mjml" ? "template.mjml" : "template.tmpl");
  const result = await compileTemplate(source, {
    filename,
    format: formatOf(options),
    partials: options.partials ?? {},
    functions: new Set(Object.keys(options.functions ?? {})),
    runtime,
    typeName: `${pascalCase(filename)}Data`,
    dataType: options.dataType ? { ref: options.dataType, base: process.cwd(), source: new SourceFile("the dataType option", options.dataType), span: { start: 0, end: options.dataType.length } } : undefined,
  });
  if (!result.module) throw new CompileError(result.problems, result.diagnostics);
  return { module: result.module, diagnostics: result.diagnostics };
}

/** compile compiles a template into an ES module; it throws a CompileError listing every error. */
export async function compile(source: string, options: CompileOptions = {}): Promise<CompileResult> {
  const { module, diagnostics } = await pipeline(source, options, "microtarget/runtime");
  return { code: module.js, ts: module.ts, dts: module.dts, diagnostics };
}

/** RenderedEmail is what an MJML template renders: the parts of an email. */
export interface RenderedEmail {
  subject: string;
  preheader: string;
  html: string;
  text: string;
}

interface LoadedModule {
  render(data: unknown): string | RenderedEmail;
  functions?: Record<string, UserFunction>;
}

const loaded = new Map<string, Promise<LoadedModule>>();

/**
 * renderTemplate compiles a template (once per source and options: later calls reuse the
 * module), loads it and renders it for `data`. Compile errors throw a CompileError, render
 * errors a RenderError with the template's file:line:col.
 */
export async function renderTemplate(source: string, data: unknown, options: CompileOptions & ({ format: "mjml" } | { format?: undefined; filename: `${string}.mjml` })): Promise<RenderedEmail>;
export async function renderTemplate(source: string, data: unknown, options?: CompileOptions): Promise<string>;
export async function renderTemplate(source: string, data: unknown, options: CompileOptions = {}): Promise<string | RenderedEmail> {
  const key = JSON.stringify([source, options.filename, formatOf(options), options.partials ?? {}, Object.keys(options.functions ?? {}).sort(), options.dataType]);
  let module = loaded.get(key);
  if (!module) {
    module = load(source, options);
    loaded.set(key, module);
    module.catch(() => loaded.delete(key));
  }
  const m = await module;
  if (m.functions && options.functions) Object.assign(m.functions, options.functions);
  return m.render(data);
}

async function load(source: string, options: CompileOptions): Promise<LoadedModule> {
  const { module } = await pipeline(source, options, runtimePath());
  return (await loadModule(module.js, "js")) as LoadedModule;
}

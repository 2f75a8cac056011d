/**
 * build compiles every template of a folder into dist/: the templates are the `.mjml` and
 * `.tmpl` files below it, except those in its `partials/` folder: there, `.tmpl` files are
 * partials visible to every template (`partials/footer.tmpl` is `{{template "footer" .}}`)
 * and `.mjml` files are pieces for `<mj-include>`. User functions
 * come from the nearest microtarget.config.* file; when it is TypeScript, every call is
 * checked against the function's signature.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { writeDist, type DistModule } from "./bundle/write-dist.js";
import { findConfig, loadConfig } from "./config.js";
import { checkSignatures } from "./check/signatures.js";
import { callGraph, reachable, type CheckedTemplate, type UserCall } from "./check/index.js";
import { Reporter, type Problem } from "./diagnostics/diagnostic.js";
import { camelCase, pascalCase } from "./names.js";
import { refKey, resolveDataTypes } from "./check/declared.js";
import { compileTemplate, dataTypeRef, importSpecifier, type DefaultDataType } from "./pipeline.js";
import type { EmittedModule } from "./emit/index.js";
import { SourceFile } from "./source.js";
import { runtimePath } from "./runtime-path.js";
import { affected, typeFolders, watchFolder, type Watcher } from "./watch.js";

/** BuildOptions says what to build and where. */
export interface BuildOptions {
  srcDir: string;
  outDir: string;
  /** write is false for `check`: compile everything, write nothing. */
  write?: boolean;
  /** strict makes MJML's validation messages errors. */
  strict?: boolean;
  /** onTemplate is called after each template compiles (for progress). */
  onTemplate?: (path: string, index: number, total: number) => void;
}

/** BuildResult lists the templates, every problem, and whether dist/ was written. */
export interface BuildResult {
  templates: string[];
  problems: Problem[];
  written: boolean;
  bytes: number;
}

const TEMPLATE = /\.(tmpl|mjml)$/;

/** build compiles a folder of templates; it writes dist/ only when no template has an error. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const srcDir = resolve(options.srcDir);
  const folder = await compileFolder({
    srcDir,
    strict: options.strict,
    outDir: resolve(options.outDir),
    onTemplate: options.onTemplate && ((t, i, total) => options.onTemplate!(t.path, i, total)),
  });
  const { problems } = folder;
  const templates = folder.templates.map((t) => relative(srcDir, resolve(t.file)));
  const ok = !problems.some((p) => p.severity === "error");
  if (!ok || options.write === false) return { templates, problems, written: false, bytes: 0 };
  const bytes = await writeDist(distModules(folder.templates), resolve(options.outDir), runtimePath());
  return { templates, problems, written: true, bytes };
}

/** CompileFolderOptions says which folder to compile, and for what. */
export interface CompileFolderOptions {
  srcDir: string;
  strict?: boolean;
  /**
   * outDir is where the modules will be written (by writeDist): they import the runtime,
   * the config's functions and the declared types from there. Without it, the modules are
   * for loading in memory: they import the runtime from its file and export `functions`,
   * to be given the config's.
   */
  outDir?: string;
  /** coverage makes every module count its branch arms (see emit/emit-coverage.ts). */
  coverage?: boolean;
  /** only, when given, lists the template paths to compile ("trial/day-01"): a rebuild after a change. */
  only?: ReadonlySet<string>;
  /** onTemplate is called after each template compiles (for progress). */
  onTemplate?: (template: CompiledTemplate, index: number, total: number) => void;
}

/** CompiledTemplate is one template of a folder, compiled. */
export interface CompiledTemplate {
  /** path is the template's path below the folder, without its extension: "trial/day-01". */
  path: string;
  /** file is the template's path as diagnostics show it. */
  file: string;
  /** module is the generated module, absent when the template has errors. */
  module?: EmittedModule;
  /** problems are the template's own (its partials' included, and its calls' signature errors). */
  problems: Problem[];
  /** checked is the checked template, for tools (absent when it did not parse). */
  checked?: CheckedTemplate;
  /** dependencies are the files whose change changes this template (absolute): its own, what it includes, the partials it reaches, its data type's files, the config. */
  dependencies: string[];
}

/** CompiledFolder is every template of a folder compiled, with the folder's config. */
export interface CompiledFolder {
  templates: CompiledTemplate[];
  /** problems are every problem once (a partial's are found with every template that uses it). */
  problems: Problem[];
  /** functions are the config's user functions. */
  functions: Record<string, (...args: any[]) => unknown>;
}

/**
 * watchBuild builds, then rebuilds on every change what depends on the changed files and
 * writes dist/ again when no template has an error (a failed rebuild leaves dist/ as it
 * was). `report` hears of each build: the first, then each rebuild.
 */
export async function watchBuild(options: BuildOptions, report: (result: BuildResult & { rebuilt: string[] | "all" }) => void, onError: (error: unknown) => void): Promise<Watcher> {
  const srcDir = resolve(options.srcDir);
  const outDir = resolve(options.outDir);
  const compiled = new Map<string, CompiledTemplate>();
  const rebuild = async (only: Set<string> | undefined) => {
    const folder = await compileFolder({ srcDir, strict: options.strict, outDir, only });
    if (!only) compiled.clear();
    for (const t of folder.templates) compiled.set(t.path, t);
    const problems = onceEach([...folderProblems(folder.problems, folder.templates), ...[...compiled.values()].flatMap((t) => t.problems)]);
    const templates = [...compiled.values()].map((t) => relative(srcDir, resolve(t.file)));
    const ok = !problems.some((p) => p.severity === "error");
    const bytes = ok ? await writeDist(distModules([...compiled.values()]), outDir, runtimePath()) : 0;
    report({ templates, problems, written: ok, bytes, rebuilt: only ? [...only] : "all" });
  };
  await rebuild(undefined);
  const dependencies = () => new Map([...compiled].map(([path, t]) => [path, new Set(t.dependencies)]));
  return watchFolder(srcDir, () => typeFolders(dependencies().values()), async (files) => {
    const which = affected(dependencies(), files, { known: [...compiled.values()].map((t) => resolve(t.file)), present: templateFiles(srcDir) });
    if (which === "all") await rebuild(undefined);
    else if (which.size) await rebuild(which);
  }, onError);
}

/** folderProblems are a folder's own problems (its config's, its data types' files'), which belong to no one template. */
export function folderProblems(problems: Problem[], templates: CompiledTemplate[]): Problem[] {
  return problems.filter((p) => !templates.some((t) => t.problems.includes(p)));
}

// distModules are the modules of the templates that compiled, as dist/ holds them.
function distModules(templates: CompiledTemplate[]): DistModule[] {
  return templates.flatMap((t) => (t.module ? [{ path: t.path, exportName: camelCase(t.path), ...t.module }] : []));
}

// onceEach keeps one of each problem (the first): a partial's are found with every template that uses it.
function onceEach(problems: Problem[]): Problem[] {
  return firstOfEach(problems, (p) => `${p.source.path}:${p.span.start}:${p.span.end}:${p.code}`);
}

// firstOfEach keeps the first item of each key.
function firstOfEach<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(key(item)) && !!seen.add(key(item)));
}

/**
 * compileFolder compiles every template of a folder, as build does (and coverage, in memory):
 * the config's functions and default data type, the partials, every declared data type read
 * in one TypeScript session, and the user functions' calls checked against their signatures.
 */
export async function compileFolder(options: CompileFolderOptions): Promise<CompiledFolder> {
  const srcDir = resolve(options.srcDir);
  const partialsDir = join(srcDir, "partials");
  const configPath = findConfig(srcDir);
  const pathOf = (file: string) => relative(srcDir, file).split(sep).join("/").replace(TEMPLATE, "");
  const files = templateFiles(srcDir).filter((f) => !options.only || options.only.has(pathOf(f)));
  let config: Awaited<ReturnType<typeof loadConfig>> | undefined;
  try {
    config = configPath ? await loadConfig(configPath) : undefined;
  } catch (e) {
    // A config that does not load is every template's problem, until it is fixed.
    const reporter = new Reporter();
    const source = new SourceFile(relative(process.cwd(), configPath!), readFileSync(configPath!, "utf8"));
    // esbuild says where in the file (line 1-based, column 0-based); other errors are about the whole file.
    const first = (e as { errors?: { text: string; location?: { line: number; column: number; file: string } }[] }).errors?.[0];
    const at = first?.location && resolve(first.location.file) === resolve(configPath!) ? source.offset(first.location.line, first.location.column + 1) : 0;
    reporter.error("config_error", source, { start: at, end: at }, first?.text ?? (e as Error).message);
    const templates = files.map((f) => ({ path: pathOf(f), file: relative(process.cwd(), f), problems: reporter.problems, dependencies: [f, configPath!] }));
    return { templates, problems: reporter.problems, functions: {} };
  }
  const functions = new Set(Object.keys(config?.functions ?? {}));
  const partials: Record<string, string> = {};
  const partialPaths: Record<string, string> = {};
  for (const file of listFiles(partialsDir).filter((f) => f.endsWith(".tmpl"))) {
    const name = relative(partialsDir, file).split(sep).join("/").replace(TEMPLATE, "");
    partials[name] = readFileSync(file, "utf8");
    partialPaths[name] = relative(process.cwd(), file);
  }
  const texts = files.map((f) => readFileSync(f, "utf8"));
  const format = (file: string) => (file.endsWith(".mjml") ? "mjml" : "text");
  // Declared data types: every template's is read in one TypeScript session, before any template is checked.
  const dataType = config?.data !== undefined ? defaultDataType(config.path, config.data) : undefined;
  const typeReporter = new Reporter();
  const refs = files.flatMap((f, i) => dataTypeRef(new SourceFile(relative(process.cwd(), f), texts[i]), format(f), { dataType }, typeReporter) ?? []);
  // One reference per type: a missing type is reported once, at its first reference.
  const declaredTypes = await resolveDataTypes(firstOfEach(refs, refKey), typeReporter);
  const templates: CompiledTemplate[] = [];
  const userCalls = new Map<CompiledTemplate, UserCall[]>();
  const outDir = options.outDir;
  for (const [i, file] of files.entries()) {
    const path = pathOf(file);
    const filename = relative(process.cwd(), file);
    const result = await compileTemplate(texts[i], {
      filename,
      format: format(file),
      strict: options.strict,
      root: srcDir,
      sourceMap: true,
      partials,
      partialPath: (name) => partialPaths[name] ?? name,
      functions,
      runtime: outDir ? "__MICROTARGET_RUNTIME__" : runtimePath(),
      functionsFrom: outDir ? configPath : undefined,
      typeName: `${pascalCase(path)}Data`,
      dataType,
      declaredTypes,
      dataTypeImport: outDir ? (typeFile) => importSpecifier(dirname(join(outDir, path)), typeFile) : undefined,
      coverage: options.coverage,
    });
    const reached = result.checked ? [...reachable(callGraph(result.checked), result.checked.main)].map((u) => resolve(u.source.path)) : [];
    const dependencies = [file, ...result.dependencies, ...reached, ...(result.checked?.dataType?.files ?? []), ...(configPath ? [configPath] : [])];
    const template: CompiledTemplate = { path, file: filename, module: result.module, problems: result.problems, checked: result.checked, dependencies: [...new Set(dependencies)] };
    templates.push(template);
    userCalls.set(template, result.userCalls);
    options.onTemplate?.(template, i, files.length);
  }
  const problems = onceEach([...typeReporter.problems, ...templates.flatMap((t) => t.problems)]);
  // User functions typed in a TypeScript config: check every call against its signature.
  if (configPath && /\.m?ts$/.test(configPath) && !problems.some((p) => p.severity === "error")) {
    const reporter = new Reporter();
    await checkSignatures([...userCalls.values()].flat(), configPath, reporter);
    problems.push(...reporter.problems);
    // A problem is at a call in the template's file or in its own copy of a partial.
    for (const [t, calls] of userCalls) t.problems.push(...reporter.problems.filter((p) => calls.some((c) => c.source === p.source)));
  }
  return { templates, problems, functions: config?.functions ?? {} };
}

// defaultDataType is the config's `data`, with its place in the config file for messages.
function defaultDataType(configPath: string, ref: string): DefaultDataType {
  const source = new SourceFile(relative(process.cwd(), configPath), readFileSync(configPath, "utf8"));
  const at = Math.max(0, source.text.indexOf(ref));
  return { ref, base: dirname(configPath), source, span: { start: at, end: at + ref.length } };
}

/** templateFiles lists the templates of a folder (absolute paths): its .mjml and .tmpl files but its partials. */
export function templateFiles(srcDir: string): string[] {
  const partialsDir = join(resolve(srcDir), "partials");
  return listFiles(resolve(srcDir)).filter((f) => TEMPLATE.test(f) && !f.startsWith(partialsDir + sep));
}

function listFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.sort().flatMap((name) => {
    const path = join(dir, name);
    try {
      return statSync(path).isDirectory() ? listFiles(path) : [path];
    } catch {
      return []; // gone since readdir (an editor's temporary file)
    }
  });
}

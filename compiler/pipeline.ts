/**
 * compileTemplate runs the whole pipeline on one source: lex → parse → check → weave (MJML
 * sources) → emit.
 * Reading this function is reading the table of contents of the compiler.
 */
import { check, type CheckedTemplate, type SourceTree, type UserCall } from "./check/index.js";
import { parseDataRef, refKey, resolveDataTypes, typeSpecifier, type DataTypeRef, type DeclaredType } from "./check/declared.js";
import { frontMatter } from "./front-matter.js";
import { details } from "./diagnostics/messages.js";
import { Reporter, sortProblems, toDiagnostic, type Diagnostic, type Problem } from "./diagnostics/diagnostic.js";
import { emit, type EmittedModule } from "./emit/index.js";
import { parse } from "./parse/index.js";
import { weave } from "./weave/index.js";
import { mapSpan, resolveIncludes, type Included } from "./weave/include.js";
import { dirname, relative, resolve as resolvePath, sep } from "node:path";
import { SourceFile, type Span } from "./source.js";

/** Format is a source's kind: plain text (`.tmpl`, anything else) or MJML. */
export type Format = "text" | "mjml";

/** PipelineOptions are compileTemplate's inputs besides the source. */
export interface PipelineOptions {
  filename: string;
  format: Format;
  /** partials maps a template name to its source. */
  partials: Record<string, string>;
  /** functions lists the names of the user functions. */
  functions: ReadonlySet<string>;
  /** runtime is the import specifier of the runtime in the generated module. */
  runtime: string;
  /** functionsFrom is the module that exports `functions` (a build's config file). */
  functionsFrom?: string;
  /** typeName is the data interface's name. */
  typeName: string;
  /** sourceMap adds an inline source map from the generated module to the template. */
  sourceMap?: boolean;
  /** root is the templates folder: mj-include paths must stay inside it (default: the working directory). */
  root?: string;
  /** strict makes MJML's validation messages errors (warnings by default). */
  strict?: boolean;
  /** partialPath turns a partial's name into the path shown in diagnostics. */
  partialPath?: (name: string) => string;
  /** dataType is the default data type (`path#Type`, the path relative to `base`) for templates whose front matter names none. */
  dataType?: DefaultDataType;
  /** dataTypeImport turns a declared type's file into the specifier the generated module imports it from (default: relative to the template). */
  dataTypeImport?: (file: string) => string;
  /** declaredTypes are data types already read (a build reads all of them in one TypeScript session). */
  declaredTypes?: Map<string, DeclaredType>;
  /** coverage makes the module count the runs of every branch arm and export them as `coverage`. */
  coverage?: boolean;
}

/** DefaultDataType is a project's default data type and where it is written. */
export interface DefaultDataType {
  ref: string;
  base: string;
  source: SourceFile;
  span: Span;
}

/** PipelineResult is the emitted module (absent when there are errors) and every problem. */
export interface PipelineResult {
  module?: EmittedModule;
  /** userCalls are the template's calls of user functions, to check against their TypeScript types. */
  userCalls: UserCall[];
  /** checked is the checked template (absent when it did not parse): its AST and types, for tools (variants, coverage). */
  checked?: CheckedTemplate;
  /** dependencies are the files the template includes (absolute paths), for watch. */
  dependencies: string[];
  problems: Problem[];
  diagnostics: Diagnostic[];
}

/** compileTemplate compiles one template with its partials. */
export async function compileTemplate(text: string, options: PipelineOptions): Promise<PipelineResult> {
  const reporter = new Reporter();
  const file = new SourceFile(options.filename, text);
  // MJML: mj-includes are expanded first; `source` is then the combined text.
  const included = options.format === "mjml" ? resolveIncludes(file, { root: options.root ?? process.cwd(), path: resolvePath(options.filename) }, reporter) : undefined;
  const source = included && included.dependencies.length ? new SourceFile(options.filename, included.text) : file;
  const main: SourceTree = { name: options.filename, source, tree: parse(source, reporter) };
  if (options.format === "text") stripFrontMatter(main, reporter);
  const ref = dataTypeRef(source, options.format, options, reporter);
  let declared: DeclaredType | undefined;
  if (ref) {
    declared = (options.declaredTypes ?? (await resolveDataTypes([ref], reporter))).get(refKey(ref));
    if (!declared) return done(reporter, undefined, undefined, included?.dependencies ?? []);
  }
  const partials: SourceTree[] = Object.entries(options.partials).map(([name, partialText]) => {
    const partialSource = new SourceFile(options.partialPath?.(name) ?? name, partialText);
    return { name, source: partialSource, tree: parse(partialSource, reporter) };
  });
  const checked = check(main, partials, { functions: options.functions, declared }, reporter);
  const plan = options.format === "mjml" && !reporter.hasErrors() ? await weave(main.tree.body, source, reporter, { strict: options.strict ?? false }) : undefined;
  if (included && source !== file) for (const p of reporter.problems) toIncludedFile(p, source, included);
  const dependencies = included?.dependencies ?? [];
  if (reporter.hasErrors()) return done(reporter, undefined, checked, dependencies);
  const module = emit(checked, {
    runtime: options.runtime,
    functionsFrom: options.functionsFrom,
    typeName: options.typeName,
    source: options.filename,
    plan,
    coverage: options.coverage,
    included: source !== file ? included : undefined,
    sourceMap: options.sourceMap ? { path: resolvePath(options.filename), file: source } : undefined,
    declared: declared && { type: declared, from: (options.dataTypeImport ?? ((f) => importSpecifier(dirname(resolvePath(options.filename)), f)))(declared.file) },
  });
  return done(reporter, module, checked, dependencies);
}

/** importSpecifier is how a module in `fromDir` imports a TypeScript file: relatively, by its JavaScript name (`./types/contact.js`). */
export function importSpecifier(fromDir: string, file: string): string {
  const path = typeSpecifier(relative(fromDir, file).split(sep).join("/"));
  return path.startsWith(".") ? path : `./${path}`;
}

function done(reporter: Reporter, module: EmittedModule | undefined, checked: CheckedTemplate | undefined, dependencies: string[]): PipelineResult {
  const problems = sortProblems(reporter.problems);
  return { module, problems, diagnostics: problems.map(toDiagnostic), userCalls: checked?.userCalls ?? [], dependencies, checked };
}

/**
 * dataTypeRef is the data type a template declares: its front matter's `data:` (relative to
 * the template), else the project's default; undefined when inferred (`data: inferred`).
 */
export function dataTypeRef(source: SourceFile, format: Format, options: Pick<PipelineOptions, "dataType">, reporter: Reporter): DataTypeRef | undefined {
  const span = frontMatter(source.text, format)?.data;
  if (span) {
    const text = source.text.slice(span.start, span.end);
    if (text === "inferred") return undefined;
    const ref = parseDataRef(text, dirname(resolvePath(source.path)));
    if (!ref) reporter.error("type_mismatch", source, span, details.dataRef(text));
    return ref && { ...ref, source, span };
  }
  const d = options.dataType;
  if (!d) return undefined;
  const ref = parseDataRef(d.ref, d.base);
  if (!ref) reporter.error("type_mismatch", d.source, d.span, details.dataRef(d.ref));
  return ref && { ...ref, source: d.source, span: d.span };
}

// stripFrontMatter drops a text template's front matter from its body: it holds no markup.
function stripFrontMatter(main: SourceTree, reporter: Reporter): void {
  const front = frontMatter(main.source.text, "text");
  if (!front) return;
  const body = main.tree.body;
  const first = body[0];
  if (first?.kind !== "Text" || first.span.end < front.end) {
    const inside = body.find((n) => n.kind !== "Text" && n.span.start < front.end);
    if (inside) reporter.error("syntax_error", main.source, inside.span, details.markupInTextFrontMatter());
    return;
  }
  const cut = front.end - first.span.start;
  body[0] = { ...first, value: first.value.slice(cut), span: { start: front.end, end: first.span.end } };
}

// toIncludedFile points a problem (and its notes) found in the combined text at the file it came from.
function toIncludedFile(p: Problem, combined: SourceFile, included: Included): void {
  if (p.source === combined) {
    const m = mapSpan(included, p.span);
    if (m) [p.source, p.span] = [m.file, m.span];
  }
  for (const n of p.notes) {
    if (!n.span || (n.source ?? combined) !== combined) continue;
    const m = mapSpan(included, n.span);
    if (m) [n.source, n.span] = [m.file, m.span];
  }
}

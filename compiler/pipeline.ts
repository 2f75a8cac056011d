/**
 * compileTemplate runs the whole pipeline on one source: lex → parse → check → weave (MJML
 * sources) → emit.
 * Reading this function is reading the table of contents of the compiler.
 */
import { check, type SourceTree, type UserCall } from "./check/index.js";
import { Reporter, sortProblems, toDiagnostic, type Diagnostic, type Problem } from "./diagnostics/diagnostic.js";
import { emit, type EmittedModule } from "./emit/index.js";
import { parse } from "./parse/index.js";
import { weave } from "./weave/index.js";
import { mapSpan, resolveIncludes, type Included } from "./weave/include.js";
import { resolve as resolvePath } from "node:path";
import { SourceFile } from "./source.js";

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
}

/** PipelineResult is the emitted module (absent when there are errors) and every problem. */
export interface PipelineResult {
  module?: EmittedModule;
  /** userCalls are the template's calls of user functions, to check against their TypeScript types. */
  userCalls: UserCall[];
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
  const partials: SourceTree[] = Object.entries(options.partials).map(([name, partialText]) => {
    const partialSource = new SourceFile(options.partialPath?.(name) ?? name, partialText);
    return { name, source: partialSource, tree: parse(partialSource, reporter) };
  });
  const checked = check(main, partials, { functions: options.functions }, reporter);
  const plan = options.format === "mjml" && !reporter.hasErrors() ? await weave(main.tree.body, source, reporter, { strict: options.strict ?? false }) : undefined;
  if (included && source !== file) for (const p of reporter.problems) toIncludedFile(p, source, included);
  const problems = sortProblems(reporter.problems);
  const diagnostics = problems.map(toDiagnostic);
  const dependencies = included?.dependencies ?? [];
  if (reporter.hasErrors()) return { problems, diagnostics, userCalls: checked.userCalls, dependencies };
  const module = emit(checked, {
    runtime: options.runtime,
    functionsFrom: options.functionsFrom,
    typeName: options.typeName,
    source: options.filename,
    plan,
    sourceMap: options.sourceMap ? { path: resolvePath(options.filename), file: source } : undefined,
  });
  return { module, problems, diagnostics, userCalls: checked.userCalls, dependencies };
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

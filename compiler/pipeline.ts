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
  problems: Problem[];
  diagnostics: Diagnostic[];
}

/** compileTemplate compiles one template with its partials. */
export async function compileTemplate(text: string, options: PipelineOptions): Promise<PipelineResult> {
  const reporter = new Reporter();
  const source = new SourceFile(options.filename, text);
  const main: SourceTree = { name: options.filename, source, tree: parse(source, reporter) };
  const partials: SourceTree[] = Object.entries(options.partials).map(([name, partialText]) => {
    const partialSource = new SourceFile(options.partialPath?.(name) ?? name, partialText);
    return { name, source: partialSource, tree: parse(partialSource, reporter) };
  });
  const checked = check(main, partials, { functions: options.functions }, reporter);
  const plan = options.format === "mjml" && !reporter.hasErrors() ? await weave(main.tree.body, source, reporter, { strict: options.strict ?? false }) : undefined;
  const problems = sortProblems(reporter.problems);
  const diagnostics = problems.map(toDiagnostic);
  if (reporter.hasErrors()) return { problems, diagnostics, userCalls: checked.userCalls };
  const module = emit(checked, { runtime: options.runtime, functionsFrom: options.functionsFrom, typeName: options.typeName, source: options.filename, plan });
  return { module, problems, diagnostics, userCalls: checked.userCalls };
}

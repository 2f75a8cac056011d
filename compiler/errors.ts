import type { Diagnostic, Problem } from "./diagnostics/diagnostic.js";
import { formatProblem } from "./diagnostics/format.js";

/** CompileError is thrown for a template with errors; `diagnostics` lists every problem found. */
export class CompileError extends Error {
  override name = "CompileError";
  readonly diagnostics: Diagnostic[];
  /** problems keep the source text, for code frames. */
  readonly problems: Problem[];

  constructor(problems: Problem[], diagnostics: Diagnostic[]) {
    const errors = problems.filter((p) => p.severity === "error");
    super(errors.map((p) => formatProblem(p)).join("\n\n"));
    this.diagnostics = diagnostics;
    this.problems = problems;
  }
}

import type { Reporter } from "../diagnostics/diagnostic.js";
import { lex } from "../lex/index.js";
import type { SourceFile } from "../source.js";
import type { ParsedTemplate } from "./ast.js";
import { structure } from "./structure.js";

/** parse lexes and parses one source into a tree; problems go to the reporter. */
export function parse(source: SourceFile, reporter: Reporter): ParsedTemplate {
  return structure(lex(source.text), source, reporter);
}
export type * from "./ast.js";

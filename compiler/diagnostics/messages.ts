/**
 * Every user-facing message of the compiler, one function per diagnostic code.
 * Codes are stable snake_case ids: tools match on them, so never rename one.
 * Adding a code? Add its message here; `Code` picks it up everywhere else.
 */
export const messages = {
  syntax_error: (detail: string) => detail,
  unclosed_action: () => "this action is never closed with }}",
  unclosed_block: (keyword: string) => `{{${keyword}}} is never closed with {{end}}`,
  unexpected_end: () => "{{end}} does not close anything",
  else_without_if: (what: string) => `{{${what}}} is outside any {{if}}, {{with}} or {{range}}`,
  misplaced_else: (what: string, block: string) => `{{${what}}} cannot appear in {{${block}}}`,
  else_after_else: () => "{{else}} after the final {{else}} of this block",
  foreign_syntax: (what: string) => `${what} is not Go template syntax`,
  undefined_variable: (name: string) => `${name} is not defined`,
  unknown_function: (name: string) => `function "${name}" is not defined`,
  wrong_arity: (name: string, expected: string, got: number) =>
    `${name} takes ${expected}, but is given ${got}`,
  not_a_function: (what: string) => `${what} is not a function, so it cannot take arguments`,
  type_mismatch: (detail: string) => detail,
  not_printable: (type: string) => `cannot print ${type}: use range, join or index to print its elements`,
  undefined_template: (name: string) => `template "${name}" is not defined`,
  duplicate_define: (name: string) => `template "${name}" is defined twice`,
  assign_to_dollar: () => "cannot assign to $",
  nesting_too_deep: (limit: number) => `blocks are nested more than ${limit} deep`,
  unsupported: (what: string) => `${what} is not supported`,
  printf_format: (detail: string) => detail,
  fallback_piped: () =>
    'the piped value becomes fallback\'s LAST argument, so it is used as the default: write {{fallback .Value "default"}}',
  unused_variable: (name: string) => `${name} is declared and never used`,
  trailing_pipe: () => "nothing follows this |: Go ignores it, but it is probably a mistake",
  mjml_error: (detail: string) => detail,
  mjml_dropped_markup: (detail: string) => detail,
  include_error: (detail: string) => detail,
  unsafe_js_context: () => "a value inside a JavaScript comment, regular expression or template literal cannot be escaped: put it in a string",
  hole_in_tag: () => "a value cannot make up a tag or attribute name: there is no safe way to escape it",
  unsafe_html_context: () => "safeHTML inserts trusted HTML as it is, so it may only stand in element content",
  block_in_merged_element: (element: string) =>
    `a block cannot wrap the children of ${element}: MJML merges them (or renders them by kind), so it would not follow the recipient; put the condition inside a value instead`,
  markup_in_tag: () => "markup inside a tag must be inside an attribute value: write attr=\"{{…}}\"",
  markup_crosses_element: (where: string) => `this block starts inside ${where} and ends outside it (or the reverse): open and close it within`,
  column_variant_width: (element: string) =>
    `MJML computes column widths from the columns it sees at build time: recipients who do not get this ${element} see a gap where it was`,
  unknown_field: (name: string, owner: string) => `${owner} has no field ${name}`,
  unknown_tag: (tag: string, typeName: string) => `${JSON.stringify(tag)} is not a tag of ${typeName}`,
  config_error: (detail: string) => `the config does not load: ${detail}`,
  internal_error: (detail: string) => `internal compiler error: ${detail}`,
} as const;

/** notes are the secondary labels and hints attached to diagnostics. */
export const notes = {
  openedHere: (keyword: string) => `{{${keyword}}} opened here`,
  definedHere: () => "first defined here",
  otherUse: (what: string) => `${what} here`,
  declareHint: (name: string, field: string | undefined) =>
    `variables are declared with {{ ${name} := … }}` + (field ? `; did you mean ${field}?` : ""),
  didYouMean: (name: string) => `did you mean ${name}?`,
  tagsDeclared: () => "the tag names are declared here",
  goSyntax: (hint: string) => `in Go templates: ${hint}`,
  functionsHint: () => "pass your own functions with the `functions` option or export them from microtarget.config.ts",
} as const;

/** details are the parts of messages that a stage composes (type_mismatch, printf_format). */
export const details = {
  conflict: (label: string, here: string, there: string) => `${label} is used as ${here} here, but as ${there} elsewhere`,
  declaredConflict: (label: string, here: string, declared: string) => `${label} is used as ${here} here, but is declared as ${declared}`,
  neverEqual: (label: string, constant: string, declared: string) => `${label} is never ${constant}: it is declared as ${declared}`,
  rangeOverDeclaredNumber: (label: string, typeName: string) =>
    `cannot range over ${label}: ${typeName} declares it a number, which need not be whole; range over a list, or an integer constant`,
  typesFileMissing: (path: string) => `the data type's file ${path} does not exist`,
  typesFileError: (tsMessage: string) => `in the data type's file: ${tsMessage}`,
  typeNotExported: (name: string, path: string, types: string[]) =>
    `${path} does not export a type named ${name}` + (types.length ? ` (it exports ${types.join(", ")})` : ""),
  markupInTextFrontMatter: () => "a text template's front matter holds only its data type: markup cannot stand in it",
  dataRef: (text: string) => `the data type must be written path#Type, like ../types/contact.ts#Contact, not ${JSON.stringify(text)}`,
  cannotSlice: (label: string, kind: string) => `cannot slice ${label}, which is ${kind}`,
  sliceStringThree: () => "a string cannot be sliced with three indexes (only a list can)",
  decimals: (n: number) => `the number of decimals must be a whole number from 0 to 20, not ${n}`,
  locale: (locale: string) => `${JSON.stringify(locale)} is not a valid locale (BCP 47, like "en-US" or "de-DE")`,
  dateStyle: (style: string) => `date style must be "short", "medium", "long" or "full", not ${JSON.stringify(style)}`,
  rangeOverIntPair: () => "range over an integer gives one variable, not two",
  printfArgs: (needs: number) => `${needs} argument${needs === 1 ? "" : "s"} after its format`,
  printfVerb: (verb: string, kind: string) => (verb === "*" ? `a * width or precision must be a number, not ${kind}` : `%${verb} cannot format ${kind}`),
  pipedToNonFunction: (what: string) => `cannot pipe a value into ${what}: only a function takes arguments`,
  nilCommand: () => "nil is not a command",
  signature: (name: string, tsMessage: string) => `${name}: ${tsMessage}`,
  argument: (n: number, name: string, tsMessage: string) => `argument ${n} of ${name}: ${tsMessage}`,
  unclosed_comment: () => "this comment is never closed with */}}",
  sentinelCharacters: () => "the characters U+FDD0 and U+FDD1 are reserved (microtarget uses them to mark actions for MJML)",
  templateInMjml: (action: "template" | "block") => `{{${action}}} in an MJML source`,
  templateInMjmlHelp: () => "put the shared MJML in a file of its own and <mj-include> it; {{template}} and {{block}} work in text templates",
  crossesFrontMatter: () => "this block crosses the end of the front matter: open and close it within the subject line",
  mjmlFailed: (message: string) => `MJML failed on this template: ${message}`,
  includeNoPath: () => "mj-include needs a path attribute",
  includeOutside: (path: string) => `mj-include path "${path}" leaves the templates folder: includes must stay inside it`,
  includeCycle: (path: string) => `mj-include "${path}" includes itself (directly or through other files)`,
  includeMissing: (path: string) => `mj-include "${path}": no such file`,
  mjmlMovedMarkup: () => "MJML moved the markup here out of its place: it would render in the wrong place, so keep it within one element",
  mjmlDroppedMarkup: (where?: string) =>
    where
      ? `MJML dropped the markup in ${where}: MJML reads that value itself, so it cannot come from the data`
      : "MJML dropped the markup here: put it inside an element MJML keeps (mj-text, mj-raw, an attribute value)",
  textLostMarkup: () => "internal error: the plain-text part lost the markup here",
  comment_not_alone: () => "a comment must be the whole action: {{/* … */}}",
  outsideRange: (keyword: string) => `{{${keyword}}} is only allowed inside {{range}}`,
  rangeOverFraction: (n: string) => `cannot range over ${n}: not an integer`,
} as const;

/** Code is a diagnostic code: a key of `messages`. */
export type Code = keyof typeof messages;

/**
 * The microtarget runtime: the few functions generated render code calls where a value's
 * type is not known at compile time. No dependencies, no eval; bundlers keep only what a
 * template uses. REVISION changes whenever generated code needs a new runtime.
 */
export const REVISION = 5;

/** requireRevision is called by generated modules with the runtime revision they were compiled for. */
export function requireRevision(needed: number): void {
  if (needed !== REVISION) {
    throw new Error(`this template was compiled for microtarget runtime revision ${needed}, but the runtime is revision ${REVISION}: rebuild the templates with the installed microtarget`);
  }
}
export { truth, len } from "./truth.js";
export { eq, lt, le, gt, ge } from "./compare.js";
export { own, at, charAt, index, slice, entries, byCodePoint } from "./collections.js";
export { upper, lower, trim, title, join, formatNumber, formatNumberDefault, formatDate, call } from "./funcs.js";
export { sprint, sprintf, sprintln, formatValue, printfArg, printfFixed, printfPoint, printfFloat, printfInt, printfString, printfQuote } from "./printf.js";
export { htmlEscaper, jsEscaper, urlQueryEscaper } from "./go-escape.js";
export { RenderError, ValidationError } from "./render-error.js";
export { validateData } from "./validate.js";
export {
  escapeHtml,
  escapeHtmlUnquoted,
  escapeUrl,
  escapeSrcset,
  normalizeUrl,
  escapeUrlComponent,
  safeUrl,
  escapeCss,
  escapeCssUrl,
  escapeJsString,
  escapeJsValue,
  escapeComment,
  oneLine,
} from "./escape.js";
export { mjmlHead, type HeadTable } from "./mjml-head.js";
export { ByteWriter } from "./bytes.js";
export { TextPart } from "./text.js";

/**
 * The generated module is written once, in TypeScript, with its type-only parts (annotations,
 * `import type`, type aliases, `as const`, type arguments) marked by `typeOnly`. `splitTypes`
 * then gives both forms without a transform: the TypeScript (the marks dropped) and the
 * JavaScript (the marked parts dropped). Why not esbuild's transform: it was a quarter of
 * `compile()`'s time, for a module whose every type the emitter itself wrote.
 *
 * The marks are two control characters. JSON.stringify escapes every control character, so
 * no literal the emitter writes holds one; the only raw text in a module is the header's
 * file name, which `commentText` cleans. test/emit.test.ts checks, for every fixture and
 * showcase template, that the JavaScript is esbuild's transform of the TypeScript.
 *
 * Writing a type into generated code? Write it through typeOnly, or the JavaScript breaks.
 */

const OPEN = "\u0001";
const CLOSE = "\u0002";

/** typeOnly marks TypeScript that the JavaScript form leaves out: a whole line (with its newline), or a part of one. */
export function typeOnly(text: string): string {
  return OPEN + text + CLOSE;
}

/** commentText is text safe to write in a generated comment: without line breaks or the marks. */
export function commentText(text: string): string {
  return text.replace(/[\u0000-\u001f\u2028\u2029]/g, " ");
}

/** splitTypes returns a marked module as TypeScript and as JavaScript; a line that is all type is left out of the JavaScript whole. */
export function splitTypes(code: string): { ts: string; js: string } {
  return {
    ts: code.replace(/[\u0001\u0002]/g, ""),
    js: code.replace(/^\u0001[^\u0002]*\u0002\n/gm, "").replace(/\u0001[^\u0002]*\u0002/g, ""),
  };
}

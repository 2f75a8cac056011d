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

/**
 * splitTypes returns a marked module, given as its lines (a line may hold line breaks), as
 * TypeScript and as JavaScript; a line that is all type is left out of the JavaScript with
 * its line break. The lines are joined once and cut at the few marks: most of a module is
 * the template's text, which has none.
 */
export function splitTypes(lines: string[]): { ts: string; js: string } {
  const code = lines.join("\n");
  const ts: string[] = [];
  const js: string[] = [];
  let from = 0;
  for (let open = code.indexOf(OPEN); open >= 0; open = code.indexOf(OPEN, from)) {
    const close = code.indexOf(CLOSE, open);
    const before = code.slice(from, open);
    ts.push(before, code.slice(open + 1, close));
    js.push(before);
    from = close + 1;
    const wholeLine = (open === 0 || code.charCodeAt(open - 1) === 10) && code.charCodeAt(from) === 10; /* "\n" */
    if (wholeLine) (ts.push("\n"), from++);
  }
  ts.push(code.slice(from));
  js.push(code.slice(from));
  return { ts: ts.join(""), js: js.join("") };
}

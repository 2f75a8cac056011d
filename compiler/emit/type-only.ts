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
 * TypeScript and as JavaScript; a line that is all type is left out of the JavaScript. Lines
 * without marks, among them the long ones that hold the template's text, are shared by both:
 * each is copied once per form.
 */
export function splitTypes(lines: string[]): { ts: string; js: string } {
  const ts: string[] = [];
  const js: string[] = [];
  for (const line of lines) {
    if (!line.includes(OPEN)) {
      ts.push(line);
      js.push(line);
      continue;
    }
    const types = line.split(OPEN).map((part) => part.split(CLOSE)); // [code] first, then [type, code] pairs
    ts.push(types.map((p) => p.join("")).join(""));
    const code = types.map((p) => p[p.length - 1]).join("");
    if (code !== "") js.push(code);
  }
  return { ts: ts.join("\n"), js: js.join("\n") };
}

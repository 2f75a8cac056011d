/**
 * sourceMap writes a version-3 source map from generated lines to template positions, so
 * that dist/ modules and stack traces point at the template's lines, not at generated code.
 * One segment per mapped line (column 0 → the template position); esbuild composes it
 * with its own when it bundles.
 */
import type { SourceFile } from "../source.js";

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// vlq encodes one signed number in base64 VLQ.
function vlq(n: number): string {
  let v = n < 0 ? (-n << 1) | 1 : n << 1;
  let out = "";
  do {
    let digit = v & 31;
    v >>>= 5;
    if (v > 0) digit |= 32;
    out += BASE64[digit];
  } while (v > 0);
  return out;
}

/** sourceMap returns the JSON of a map whose line i maps to `positions[i]` (a template offset) when set. */
export function sourceMap(positions: readonly (number | undefined)[], source: SourceFile, sourcePath: string): string {
  let prevLine = 0;
  let prevColumn = 0;
  const lines = positions.map((offset) => {
    if (offset === undefined) return "";
    const { line, column } = source.locate(offset);
    const segment = vlq(0) + vlq(0) + vlq(line - 1 - prevLine) + vlq(column - 1 - prevColumn);
    prevLine = line - 1;
    prevColumn = column - 1;
    return segment;
  });
  return JSON.stringify({ version: 3, sources: [sourcePath], sourcesContent: [source.text], names: [], mappings: lines.join(";") });
}

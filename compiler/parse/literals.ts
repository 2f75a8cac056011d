/**
 * Go's constant syntax: strings (with Go escapes), raw strings, char constants and numbers.
 * Each function returns the value or an error message; builders turn errors into diagnostics.
 */

/** unquote decodes a Go string literal ("…" or `…`) as text, or returns an error message. */
export function unquote(raw: string): { value: string } | { error: string } {
  if (raw.startsWith("`")) return { value: raw.slice(1, -1).replaceAll("\r", "") };
  return decodeEscapes(raw.slice(1, -1), '"');
}

/** charValue returns a Go char constant's code point ('a' is 97), or an error message. */
export function charValue(raw: string): { value: number } | { error: string } {
  const r = decodeEscapes(raw.slice(1, -1), "'");
  if ("error" in r) return r;
  const cps = [...r.value];
  if (cps.length !== 1) return { error: `malformed character constant: ${raw}` };
  return { value: cps[0].codePointAt(0)! };
}

const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, "\\": 92 };

// decodeEscapes handles \a \b \f \n \r \t \v \\ \" or \' (per quote), \xhh, \ooo, \uhhhh, \Uhhhhhhhh.
// \x and octal escapes are bytes, as in Go: the bytes are decoded as UTF-8 at the end.
function decodeEscapes(body: string, quote: string): { value: string } | { error: string } {
  if (!body.includes("\\")) return { value: body };
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  const pushText = (s: string) => bytes.push(...encoder.encode(s));
  for (let i = 0; i < body.length; ) {
    const c = body[i];
    if (c !== "\\") {
      const cp = body.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      pushText(ch);
      i += ch.length;
      continue;
    }
    const e = body[i + 1];
    if (e in simple) {
      bytes.push(simple[e]);
      i += 2;
    } else if (e === quote) {
      bytes.push(e.charCodeAt(0));
      i += 2;
    } else if (e === "x" || e === "u" || e === "U") {
      const n = e === "x" ? 2 : e === "u" ? 4 : 8;
      const hex = body.slice(i + 2, i + 2 + n);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n) return { error: `invalid escape \\${e}${hex} in string` };
      const v = parseInt(hex, 16);
      if (e === "x") bytes.push(v);
      else if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) return { error: `escape \\${e}${hex} is not a valid Unicode code point` };
      else pushText(String.fromCodePoint(v));
      i += 2 + n;
    } else if (e >= "0" && e <= "7") {
      const oct = body.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255) return { error: `invalid octal escape \\${oct}` };
      bytes.push(parseInt(oct, 8));
      i += 4;
    } else {
      return { error: `unknown escape sequence \\${e ?? ""}` };
    }
  }
  return { value: new TextDecoder().decode(new Uint8Array(bytes)) };
}

/** numberValue parses a Go numeric constant; isInt is Go's "this constant is an integer". */
export function numberValue(raw: string): { value: number; isInt: boolean } | { error: string } {
  if (raw.endsWith("i")) return { error: "imaginary numbers" };
  let text = raw.replaceAll("_", "");
  let sign = 1;
  if (text[0] === "+" || text[0] === "-") {
    if (text[0] === "-") sign = -1;
    text = text.slice(1);
  }
  const lower = text.toLowerCase();
  // Go: an underscore separates digits (or follows a base prefix); a leading 0 means octal.
  if (/__|_$|_\.|\._|_[ep]|[ep][+-]?_/.test(raw.toLowerCase()) || /^0[0-9]*[89][0-9]*$/.test(lower)) return { error: `bad number syntax: ${raw}` };
  let value: number;
  let isInt = true;
  if (/^0x[0-9a-f]+$/.test(lower)) value = Number(lower);
  else if (/^0b[01]+$/.test(lower) || /^0o[0-7]+$/.test(lower)) value = Number(lower);
  else if (/^0[0-7]+$/.test(lower)) value = parseInt(lower, 8);
  else if (/^0x[0-9a-f]*(\.[0-9a-f]*)?p[+-]?\d+$/.test(lower)) {
    const [, mant, exp] = /^0x([0-9a-f.]*)p([+-]?\d+)$/.exec(lower)!;
    const [whole, frac = ""] = mant.split(".");
    if (!whole && !frac) return { error: `bad number syntax: ${raw}` };
    value = parseInt(whole + frac || "0", 16) * 2 ** (Number(exp) - 4 * frac.length);
    isInt = Number.isInteger(value);
  } else if (/^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(lower)) {
    value = Number(lower);
    // Go: a float constant with an integer value is also an int, but is typed float when it
    // is written with '.', 'e' (its text says float).
    isInt = !/[.e]/.test(lower);
  } else return { error: `bad number syntax: ${raw}` };
  if (!Number.isFinite(value)) return { error: `number out of range: ${raw}` };
  if (isInt && !Number.isSafeInteger(value)) return { error: `integer out of range: ${raw}` };
  return { value: sign * value, isInt };
}

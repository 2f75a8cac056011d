// Go's fmt.Sprintf, Sprint and Sprintln for JSON-like values, without
// dependencies. It follows Go's src/fmt (print.go, format.go) and
// src/strconv (ftoa.go, quote.go) rule by rule, with the differences that
// microtarget makes on purpose (see LANGUAGE.md):
//
// - One number type. A number with no fractional part is a Go `int` for
//   %d %b %o %O %x %X %c %q %U, and every number is a float64 for
//   %e %E %f %F %g %G. A fractional number (or NaN, ±Infinity) under an
//   integer verb, %x %X %b included, is Go's bad-verb form with `float64=`.
// - %v of a number prints it as JavaScript does (`String(n)`: 1234567.5,
//   1e+21), not with Go's %g; flags and width still apply, and an explicit
//   precision (%.3v) gives Go's %d or %g with that precision.
// - undefined and null ("missing") print as nothing under every verb; a
//   width pads that nothing with spaces (never zeros: "00000" would look like
//   data). Inside a list or an object they print as Go prints nil: <nil>.
// - %#v is %v (no Go syntax), %p is a bad verb, %T prints the Go type name.
// - Error forms (%!d(string=hi), %!(EXTRA …)) print the value with our %v.

/** Flags, width and precision of one verb (Go's fmt.fmtFlags, wid, prec). */
interface Fmt {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  widP: boolean;
  precP: boolean;
  wid: number;
  prec: number;
}

/** fmtFor is the Fmt of a precision (-1: none), a width (0: none) and flags among "+-# 0". */
function fmtFor(prec: number, wid: number, flags: string): Fmt {
  return {
    plus: flags.includes("+"),
    minus: flags.includes("-"),
    sharp: flags.includes("#"),
    space: flags.includes(" "),
    zero: flags.includes("0"),
    widP: wid > 0,
    precP: prec >= 0,
    wid,
    prec: prec < 0 ? 0 : prec,
  };
}

// Character codes of the verbs.
const V = 118; // v
const T = 84; // T

const LOWER = "0123456789abcdef";
const UPPER = "0123456789ABCDEF";

/** Go's strconv.IsPrint: categories L, M, N, P, S and the ASCII space. */
const PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u;

function isPrint(r: number): boolean {
  if (r < 0x100) return (r >= 0x20 && r < 0x7f) || (r >= 0xa1 && r !== 0xad);
  return PRINTABLE.test(String.fromCodePoint(r));
}

/** The code point at s[i]; a lone surrogate reads as U+FFFD, as Go reads JSON. */
function cpAt(s: string, i: number): number {
  const c = s.codePointAt(i)!;
  return c >= 0xd800 && c < 0xe000 ? 0xfffd : c;
}

const cpLen = (c: number): number => (c > 0xffff ? 2 : 1);

/** Code points in s (Go's utf8.RuneCountInString). */
function runeCount(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) n--, i++;
  }
  return n;
}

function utf8(s: string): number[] {
  const b: number[] = [];
  for (let i = 0; i < s.length; ) {
    const c = cpAt(s, i);
    i += cpLen(c);
    if (c < 0x80) b.push(c);
    else if (c < 0x800) b.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) b.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else b.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return b;
}

// ---------------------------------------------------------------------------
// Padding and strings (format.go)

function padding(f: Fmt, n: number, zeroOK: boolean): string {
  return n > 0 ? (zeroOK && f.zero && !f.minus ? "0" : " ").repeat(n) : "";
}

/** What a missing value prints: nothing, or spaces to the width. */
function blank(f: Fmt): string {
  return f.widP ? " ".repeat(f.wid) : "";
}

/** Go's pad/padString: width counts code points; zeroOK=false is Go's f.zero=false. */
function pad(f: Fmt, s: string, zeroOK = true): string {
  if (!f.widP || f.wid === 0) return s;
  const p = padding(f, f.wid - runeCount(s), zeroOK);
  return f.minus ? s + p : p + s;
}

/** Go's truncateString: the first f.prec code points. */
function truncate(f: Fmt, s: string): string {
  if (f.precP) {
    let n = f.prec;
    for (let i = 0; i < s.length; ) {
      if (n-- === 0) return s.slice(0, i);
      i += cpLen(s.codePointAt(i)!);
    }
  }
  return s;
}

/** Go's strconv.Quote (q = '"') and QuoteRune (q = "'"); ascii: QuoteToASCII. */
function quote(s: string, q: string, ascii: boolean): string {
  let out = q;
  for (let i = 0; i < s.length; ) {
    const r = cpAt(s, i);
    const ch = String.fromCodePoint(r);
    i += cpLen(s.codePointAt(i)!);
    if (ch === q || r === 92) out += "\\" + ch;
    else if (ascii ? r < 0x80 && isPrint(r) : isPrint(r)) out += ch;
    else {
      const k = "\x07\b\f\n\r\t\v".indexOf(ch);
      if (k >= 0) out += "\\" + "abfnrtv"[k];
      else if (r < 0x20 || r === 0x7f) out += "\\x" + hex(r, 2);
      else if (r < 0x10000) out += "\\u" + hex(r, 4);
      else out += "\\U" + hex(r, 8);
    }
  }
  return out + q;
}

const hex = (r: number, n: number): string => r.toString(16).padStart(n, "0");

/** Go's strconv.CanBackquote. */
function canBackquote(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 9) || c === 0x60 || c === 0x7f || c === 0xfeff) return false;
  }
  return true;
}

function fmtString(f: Fmt, s: string, verb: number, a: unknown): string {
  switch (verb) {
    case V:
    case 115: // s
      return pad(f, truncate(f, s));
    case 113: // q
      return fmtQ(f, s);
    case 120: // x
    case 88: // X
      return fmtSx(f, s, verb === 88);
  }
  return badVerb(f, a, verb);
}

/** Go's fmtQ: %q of a string, in backquotes with # where it can be. */
function fmtQ(f: Fmt, s: string): string {
  s = truncate(f, s);
  return pad(f, f.sharp && canBackquote(s) ? "`" + s + "`" : quote(s, '"', f.plus));
}

/** Go's fmtSbx: the UTF-8 bytes of s in hexadecimal; precision counts bytes. */
function fmtSx(f: Fmt, s: string, upper: boolean): string {
  const b = utf8(s);
  const len = f.precP && f.prec < b.length ? f.prec : b.length;
  if (len <= 0) return f.widP ? padding(f, f.wid, true) : "";
  let width = 2 * len;
  if (f.space) width = (f.sharp ? 2 * width : width) + len - 1;
  else if (f.sharp) width += 2;
  const digits = upper ? UPPER : LOWER;
  const x = upper ? "0X" : "0x";
  let out = f.sharp ? x : "";
  for (let i = 0; i < len; i++) {
    if (f.space && i > 0) out += f.sharp ? " " + x : " ";
    out += digits[b[i] >> 4] + digits[b[i] & 15];
  }
  if (!f.widP || f.wid <= width) return out;
  const p = padding(f, f.wid - width, true);
  return f.minus ? out + p : p + out;
}

// ---------------------------------------------------------------------------
// Integers (format.go fmtInteger, fmtC, fmtQc, fmtUnicode)

function fmtInteger(f: Fmt, n: number | bigint, base: number, verb: number): string {
  const neg = n < 0;
  let digits =
    typeof n === "number" && Math.abs(n) <= Number.MAX_SAFE_INTEGER
      ? Math.abs(n).toString(base)
      : (neg ? -BigInt(n) : BigInt(n)).toString(base);
  if (verb === 88) digits = digits.toUpperCase();
  let prec = 0;
  if (f.precP) {
    prec = f.prec;
    // Precision 0 and value 0 print nothing but the padding.
    if (prec === 0 && digits === "0") return blank(f);
  } else if (f.zero && !f.minus && f.widP) {
    prec = f.wid - (neg || f.plus || f.space ? 1 : 0);
  }
  if (digits.length < prec) digits = "0".repeat(prec - digits.length) + digits;
  if (f.sharp) {
    if (base === 2) digits = "0b" + digits;
    else if (base === 8 && digits[0] !== "0") digits = "0" + digits;
    else if (base === 16) digits = (verb === 88 ? "0X" : "0x") + digits;
  }
  if (verb === 79) digits = "0o" + digits; // O
  return pad(f, (neg ? "-" : f.plus ? "+" : f.space ? " " : "") + digits, false);
}

/** A rune from an integer: anything that is not a valid code point is U+FFFD. */
function rune(n: number | bigint): number {
  const r = Number(n);
  return r < 0 || r > 0x10ffff || (r >= 0xd800 && r < 0xe000) ? 0xfffd : r;
}

function fmtUnicode(f: Fmt, n: number | bigint): string {
  // Go formats the uint64 bits of the int: -1 is U+FFFFFFFFFFFFFFFF.
  const u = n >= 0 && n <= Number.MAX_SAFE_INTEGER ? Number(n) : BigInt.asUintN(64, BigInt(n));
  let s = "U+" + u.toString(16).toUpperCase().padStart(f.precP && f.prec > 4 ? f.prec : 4, "0");
  if (f.sharp && typeof u === "number" && u <= 0x10ffff && isPrint(u)) s += " '" + String.fromCodePoint(u) + "'";
  return pad(f, s, false);
}

// ---------------------------------------------------------------------------
// Floats (strconv.FormatFloat with exact decimal rounding, ties to even)

/** The exact decimal expansion of a > 0: digits without leading or trailing zeros, and the decimal point position. */
function exactDecimal(a: number): [string, number] {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, a);
  const hi = dv.getUint32(0);
  let e = hi >>> 20;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(dv.getUint32(4));
  if (e) m |= 1n << 52n;
  else e = 1;
  e -= 1075; // a = m * 2^e
  const d = (e >= 0 ? m << BigInt(e) : m * 5n ** BigInt(-e)).toString();
  return [trimZeros(d), d.length + Math.min(e, 0)];
}

/** Keeps the first n digits of d (decimal point at dp), rounding the exact value half to even. */
function roundDigits(d: string, dp: number, n: number): [string, number] {
  if (n >= d.length) return [d, dp];
  if (n < 0) return ["", dp];
  const c = d.charCodeAt(n);
  // d has no trailing zeros, so a '5' that is its last digit is an exact tie.
  const up = c > 53 || (c === 53 && (n + 1 < d.length || (n > 0 && d.charCodeAt(n - 1) & 1) === 1));
  let r = d.slice(0, n);
  if (up) {
    let k = n - 1;
    while (k >= 0 && r[k] === "9") k--;
    if (k < 0) return ["1", dp + 1];
    r = r.slice(0, k) + String.fromCharCode(r.charCodeAt(k) + 1);
  }
  return [trimZeros(r), dp];
}

/**
 * Whether a > 0 is exactly halfway between two multiples of 10^-q. toFixed and
 * toExponential round those ties away from zero; Go rounds them to even.
 */
function isTie(a: number, q: number): boolean {
  return q < 0 ? isIntTie(a, -q) : isFractionTie(a, q);
}

/** isTie for q >= 0: a = odd / 2^(q+1) exactly. Multiplying by powers of two is exact. */
function isFractionTie(a: number, q: number): boolean {
  const t = q < 1074 ? a * 2 ** Math.min(q + 1, 1000) * 2 ** Math.max(q - 999, 0) : 0.5;
  return t <= 2 ** 53 && Math.floor(t) === t && Math.floor(t / 2) * 2 !== t;
}

/** Whether the integer a is exactly halfway between two multiples of 10^k. */
function isIntTie(a: number, k: number): boolean {
  if (!Number.isInteger(a) || k > 400) return false;
  const p = 10n ** BigInt(k);
  const b = BigInt(a) * 2n;
  return b % p === 0n && (b / p) % 2n === 1n;
}

function trimZeros(d: string): string {
  let n = d.length;
  while (n > 0 && d.charCodeAt(n - 1) === 48) n--;
  return d.slice(0, n);
}

/** The last digit of s made one smaller (it is odd, so nothing borrows). */
const down = (s: string): string => s.slice(0, -1) + String.fromCharCode(s.charCodeAt(s.length - 1) - 1);

/** a > 0 rounded to n >= 1 significant digits: digits without trailing zeros, decimal point. */
function sigDigits(a: number, n: number): [string, number] {
  if (n > 101) {
    const [d, dp] = exactDecimal(a);
    return roundDigits(d, dp, n);
  }
  const s = a.toExponential(n - 1);
  const e = s.indexOf("e");
  const exp = +s.slice(e + 1);
  let d = s.slice(0, e).replace(".", "");
  if (d.charCodeAt(d.length - 1) & 1 && isTie(a, n - 1 - exp)) d = down(d);
  return [trimZeros(d), exp + 1];
}

/** Go's fmtF: d (decimal point at dp) with prec fraction digits. */
function fmtF(d: string, dp: number, prec: number): string {
  const int = dp > 0 ? d.slice(0, dp).padEnd(dp, "0") : "0";
  if (prec <= 0) return int;
  return int + "." + (dp >= 0 ? d.slice(dp) : "0".repeat(-dp) + d).slice(0, prec).padEnd(prec, "0");
}

/** Go's fmtE: d.ddde±XX with prec digits after the point. */
function fmtE(d: string, dp: number, prec: number, e: string): string {
  let s = d ? d[0] : "0";
  if (prec > 0) s += "." + d.slice(1, prec + 1).padEnd(prec, "0");
  const exp = d ? dp - 1 : 0;
  const x = Math.abs(exp);
  return s + e + (exp < 0 ? "-" : "+") + (x < 10 ? "0" : "") + x;
}

/** Go's strconv.FormatFloat(a, 'f', prec, 64) for a finite a >= 0. */
function fixed(a: number, prec: number): string {
  if (prec <= 100 || a >= 1e21) return fixedShort(a, prec);
  const [d, dp] = a ? exactDecimal(a) : ["", 0];
  return fmtF(...roundDigits(d, dp, dp + prec), prec);
}

/** fixed for prec <= 100 (toFixed's limit) or a >= 1e21, without the exact decimal expansion. */
function fixedShort(a: number, prec: number): string {
  // From 1e21 toFixed writes an exponent; such a double is an integer, exact as a BigInt.
  if (a >= 1e21) return BigInt(a) + (prec > 0 ? "." + "0".repeat(prec) : "");
  // toFixed rounds the exact value, but its ties away from zero: Go's go to even.
  const s = a.toFixed(prec);
  return s.charCodeAt(s.length - 1) & 1 && isFractionTie(a, prec) ? down(s) : s;
}

/** Go's strconv.FormatFloat(a, fmt, prec, 64) for fmt e E f g G and a finite a >= 0. */
function ftoa(a: number, prec: number, fmt: number): string {
  if (fmt === 102) return fixed(a, prec);
  const e = fmt === 69 || fmt === 71 ? "E" : "e";
  const shortest = prec < 0;
  let d = "";
  let dp = 0;
  if (a) {
    if (shortest) {
      const t = a.toExponential();
      const i = t.indexOf("e");
      d = t.slice(0, i).replace(".", "");
      dp = +t.slice(i + 1) + 1;
    } else [d, dp] = sigDigits(a, fmt === 101 || fmt === 69 ? prec + 1 : prec || 1);
  }
  if (fmt === 101 || fmt === 69) return fmtE(d, dp, prec, e);
  // %g: %e for large and small exponents, else %f (formatDigits).
  const nd = d.length;
  if (shortest) prec = nd;
  else if (prec === 0) prec = 1;
  let eprec = prec;
  if (eprec > nd && nd >= dp) eprec = nd;
  if (shortest) eprec = 6;
  const exp = dp - 1;
  if (exp < -4 || exp >= eprec) return fmtE(d, dp, Math.min(prec, nd) - 1, e);
  return fmtF(d, dp, Math.max((prec > dp ? nd : prec) - dp, 0));
}

/** Go's fmt.fmtFloat: sign, %#, zero padding; toDigits is ftoa, or fixed alone for %f. */
function fmtFloat(f: Fmt, x: number, verb: number, prec: number, toDigits: (a: number, prec: number, fmt: number) => string): string {
  if (f.precP) prec = f.prec;
  if (x !== x) return pad(f, f.plus ? "+NaN" : f.space ? " NaN" : "NaN", false);
  const sign = x < 0 || (x === 0 && 1 / x < 0) ? "-" : f.plus ? "+" : f.space ? " " : "";
  if (x === Infinity || x === -Infinity) return pad(f, (sign || "+") + "Inf", false);
  let body = toDigits(x < 0 ? -x : x, prec, verb === 70 ? 102 : verb);
  if (f.sharp) {
    let digits = verb === 103 || verb === 71 ? (prec < 0 ? 6 : prec) : 0;
    let tail = "";
    let dot = false;
    let nonzero = false;
    for (let i = 0; i < body.length; i++) {
      const c = body[i];
      if (c === ".") dot = true;
      else if (c === "e" || c === "E") {
        tail = body.slice(i);
        body = body.slice(0, i);
      } else {
        if (c !== "0") nonzero = true;
        if (nonzero) digits--;
      }
    }
    if (!dot) {
      if (body === "0") digits--;
      body += ".";
    }
    if (digits > 0) body += "0".repeat(digits);
    body += tail;
  }
  return signed(f, sign, body);
}

/** The end of Go's fmtFloat: a sign ("" for none) goes before the zero padding. */
function signed(f: Fmt, sign: string, body: string): string {
  if (sign && f.zero && !f.minus && f.widP && f.wid > body.length + 1)
    return sign + "0".repeat(f.wid - body.length - 1) + body;
  return pad(f, sign + body);
}

/** %v of a number: as JavaScript prints it, with Go's flags and width; a precision asks for Go's %d or %g. */
function fmtNumberV(f: Fmt, n: number | bigint, int: boolean): string {
  if (f.precP) return int ? fmtInteger(f, n, 10, V) : fmtFloat(f, n as number, 103, -1, ftoa);
  return numberV(f, n, int);
}

/** %v of a number without a precision. */
function numberV(f: Fmt, n: number | bigint, int: boolean): string {
  const s = String(n);
  const neg = s[0] === "-";
  const sign = neg ? "-" : f.plus ? "+" : f.space ? " " : "";
  const body = neg ? s.slice(1) : s;
  return int || isFinite(n as number) ? signed(f, sign, body) : pad(f, sign + body, false);
}

/** The float verbs e E f F g G of a number; %e and %f default to 6 digits, %g to the shortest. */
function floatVerb(f: Fmt, n: number | bigint, verb: number): string {
  return fmtFloat(f, Number(n), verb, verb === 103 || verb === 71 ? -1 : 6, ftoa);
}

/** The base of an integer verb: b 2, o O 8, x X 16, d 10. */
const radix = (verb: number): number => (verb === 98 ? 2 : verb === 111 || verb === 79 ? 8 : verb === 120 || verb === 88 ? 16 : 10);

function fmtNumber(f: Fmt, n: number | bigint, verb: number): string {
  const int = typeof n === "bigint" || Number.isInteger(n);
  switch (verb) {
    case V:
      return fmtNumberV(f, n, int);
    case 101: // e
    case 69: // E
    case 102: // f
    case 70: // F
    case 103: // g
    case 71: // G
      return floatVerb(f, n, verb);
  }
  if (int)
    switch (verb) {
      case 100: // d
      case 98: // b
      case 111: // o
      case 79: // O
      case 120: // x
      case 88: // X
        return fmtInteger(f, n, radix(verb), verb);
      case 99: // c
        return pad(f, String.fromCodePoint(rune(n)));
      case 113: // q
        return pad(f, quote(String.fromCodePoint(rune(n)), "'", f.plus));
      case 85: // U
        return fmtUnicode(f, n);
    }
  return bad(verb, n, fmtNumberV(f, n, int));
}

// ---------------------------------------------------------------------------
// Values (print.go printArg, printValue)

/** The Go type a JSON-like value would have, as error forms and %T name it. */
function typeName(a: unknown): string {
  switch (typeof a) {
    case "number":
      return Number.isInteger(a) ? "int" : "float64";
    case "bigint":
      return "int";
    case "boolean":
      return "bool";
    case "object":
      if (a) return Array.isArray(a) ? "[]interface {}" : "map[string]interface {}";
  }
  return "string";
}

/** Go's bad verb form, %!d(string=x): `printed` is the value under %v with the verb's flags. */
function bad(verb: number, a: unknown, printed: string): string {
  return "%!" + String.fromCodePoint(verb) + "(" + typeName(a) + "=" + printed + ")";
}

function badVerb(f: Fmt, a: unknown, verb: number): string {
  return bad(verb, a, printArg(f, a, V, 0));
}

/** Orders strings by code point, which is Go's order (UTF-8 bytes) for map keys. */
function byCodePoint(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800 && y >= 0xd800) {
        // Surrogates (astral code points) come after U+E000..U+FFFF.
        x = x < 0xe000 ? x + 0x2000 : x - 0x800;
        y = y < 0xe000 ? y + 0x2000 : y - 0x800;
      }
      return x - y;
    }
  }
  return a.length - b.length;
}

/** A list as Go prints a slice, [a b], or an object as a map, map[k:v] in Go's key order; each element (and key) printed by el. */
function composite(a: object, el: (x: unknown) => string): string {
  if (Array.isArray(a)) {
    let s = "[";
    for (let i = 0; i < a.length; i++) s += (i ? " " : "") + el(a[i]);
    return s + "]";
  }
  const o = a as Record<string, unknown>;
  const keys = Object.keys(o).sort(byCodePoint);
  let s = "map[";
  for (let i = 0; i < keys.length; i++) s += (i ? " " : "") + el(keys[i]) + ":" + el(o[keys[i]]);
  return s + "]";
}

function printArg(f: Fmt, a: unknown, verb: number, depth: number): string {
  if (a == null) return depth ? "<nil>" : blank(f);
  if (verb === T && !depth) return pad(f, truncate(f, typeName(a)));
  switch (typeof a) {
    case "string":
      return fmtString(f, a, verb, a);
    case "number":
    case "bigint":
      return fmtNumber(f, a, verb);
    case "boolean":
      return verb === V || verb === 116 ? pad(f, a ? "true" : "false") : badVerb(f, a, verb);
    case "object":
      if (verb === 112 && !depth) break; // %p: we have no pointers
      return composite(a, (x) => printArg(f, x, verb, depth + 1));
    default: {
      const s = String(a);
      return fmtString(f, s, verb, s);
    }
  }
  return badVerb(f, a, verb);
}

// ---------------------------------------------------------------------------
// The format scanner (print.go doPrintf), shared by sprintf and parseFormat

const END = 0;
const TEXT = 1;
const VERB = 2;
const PERCENT = 3;
const BADINDEX = 4;
const MISSING = 5;
const NOVERB = 6;

const tooLarge = (n: number): boolean => n > 1e6 || n < -1e6;

/** Scans a format one piece at a time, exactly as Go's doPrintf does. */
class Scanner {
  i = 0;
  argNum = 0;
  reordered = false;
  /** The piece: [start, end) in the format. */
  start = 0;
  end = 0;
  verb = 0;
  /** The argument of a VERB piece. */
  arg = 0;
  good = true;
  badWid = false;
  badPrec = false;
  /** Where a `*` took its argument (parseFormat only): [argument index, offset of '*'] pairs. */
  stars: number[] | null = null;
  /** Results of num, index and star. */
  private val = 0;
  private ok = false;
  readonly f = fmtFor(-1, 0, "");

  constructor(
    readonly s: string,
    readonly n: number,
    readonly args: readonly unknown[] | null,
  ) {}

  /** Go's parsenum from i: sets val and ok, returns the new i; an overflow eats the rest of the format. */
  private num(i: number, end: number): number {
    const s = this.s;
    let n = 0;
    this.ok = false;
    for (; i < end; i++) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      if (tooLarge(n)) {
        this.val = 0;
        this.ok = false;
        return end;
      }
      n = n * 10 + c;
      this.ok = true;
    }
    this.val = n;
    return i;
  }

  /** Go's argNumber: an explicit [n] index at i; sets ok when found, returns the new i. */
  private index(i: number): number {
    const s = this.s;
    if (s.charCodeAt(i) !== 91) return (this.ok = false), i; // [
    this.reordered = true;
    let ok = false;
    let width = 1;
    if (s.length - i >= 3) {
      const close = s.indexOf("]", i + 1);
      if (close > 0) {
        ok = this.num(i + 1, close) === close && this.ok;
        width = close - i + 1;
      }
    }
    if (ok && this.val > 0 && this.val <= this.n) this.argNum = this.val - 1;
    else this.good = false;
    this.ok = ok;
    return i + width;
  }

  /** Go's intFromArg, for a `*` at offset at: sets val and ok. */
  private star(at: number): void {
    const k = this.argNum;
    this.val = 0;
    this.ok = false;
    if (k >= this.n) return;
    this.argNum++;
    if (!this.args) {
      (this.stars ??= []).push(k, at);
      this.ok = true;
      return;
    }
    const v = this.args[k];
    if (typeof v === "number" && Number.isInteger(v) && !tooLarge(v)) (this.val = v), (this.ok = true);
  }

  next(): number {
    const s = this.s;
    const end = s.length;
    let i = this.i;
    if (i >= end) return END;
    this.start = i;
    if (s.charCodeAt(i) !== 37) {
      const j = s.indexOf("%", i);
      this.i = this.end = j < 0 ? end : j;
      return TEXT;
    }
    const f = this.f;
    f.plus = f.minus = f.sharp = f.space = f.zero = f.widP = f.precP = false;
    f.wid = f.prec = 0;
    this.good = true;
    this.badWid = this.badPrec = false;
    let c = 0;
    flags: for (i++; i < end; i++) {
      switch ((c = s.charCodeAt(i))) {
        case 35: // #
          f.sharp = true;
          break;
        case 48: // 0
          f.zero = !f.minus;
          break;
        case 43: // +
          f.plus = true;
          break;
        case 45: // -
          f.minus = true;
          f.zero = false;
          break;
        case 32: // space
          f.space = true;
          break;
        default:
          break flags;
      }
    }
    // Go's fast path: flags then a lowercase verb; the general path gives the same result.
    if (c < 97 || c > 122 || this.argNum >= this.n) {
      i = this.index(i);
      let after = this.ok;
      if (s.charCodeAt(i) === 42) {
        // *
        this.star(i++);
        f.wid = this.val;
        f.widP = this.ok;
        this.badWid = !this.ok;
        if (f.wid < 0) {
          f.wid = -f.wid;
          f.minus = true;
          f.zero = false;
        }
        after = false;
      } else {
        i = this.num(i, end);
        f.wid = this.val;
        f.widP = this.ok;
        if (after && f.widP) this.good = false; // %[3]2d
      }
      if (i + 1 < end && s.charCodeAt(i) === 46) {
        // .
        if (after) this.good = false; // %[3].2d
        i = this.index(i + 1);
        after = this.ok;
        if (s.charCodeAt(i) === 42) {
          this.star(i++);
          f.prec = this.val;
          f.precP = this.ok;
          if (f.prec < 0) (f.prec = 0), (f.precP = false);
          this.badPrec = !f.precP;
          after = false;
        } else {
          i = this.num(i, end);
          f.prec = this.val;
          f.precP = true; // "%.d" has precision 0
        }
      }
      if (!after) i = this.index(i);
      if (i >= end) {
        this.i = this.end = end;
        return NOVERB;
      }
    }
    const verb = (this.verb = s.codePointAt(i)!);
    this.i = this.end = i + cpLen(verb);
    if (verb === 37) return PERCENT;
    if (!this.good) return BADINDEX;
    if (this.argNum >= this.n) return MISSING;
    this.arg = this.argNum++;
    // %+v is %v (JSON has no struct fields to name); %#v is Go syntax (printVerb).
    if (verb === V) f.plus = false;
    return VERB;
  }
}

const verbChar = (c: number): string => String.fromCodePoint(c >= 0xd800 && c < 0xe000 ? 0xfffd : c);

/**
 * sprintf is Go's fmt.Sprintf(format, args...) for JSON-like values, with
 * microtarget's differences: one number type (an integral number is a Go int
 * for the integer verbs, every number a float64 for %e %f %g), %v of a number
 * prints it as JavaScript does, and undefined or null prints as nothing under
 * every verb. It never throws for JSON-like arguments.
 */
export function sprintf(format: string, args: readonly unknown[]): string {
  const sc = new Scanner(format, args.length, args);
  const f = sc.f;
  let out = "";
  for (let k: number; (k = sc.next()) !== END; ) {
    if (k === TEXT) {
      out += format.slice(sc.start, sc.end);
      continue;
    }
    if (sc.badWid) out += "%!(BADWIDTH)";
    if (sc.badPrec) out += "%!(BADPREC)";
    switch (k) {
      case VERB:
        out += printVerb(f, args[sc.arg], sc.verb);
        break;
      case PERCENT:
        out += "%";
        break;
      case NOVERB:
        out += "%!(NOVERB)";
        break;
      default:
        out += "%!" + verbChar(sc.verb) + (k === BADINDEX ? "(BADINDEX)" : "(MISSING)");
    }
  }
  if (!sc.reordered && sc.argNum < args.length) {
    // Go names each extra argument's type; a missing one prints as Go's nil.
    out += "%!(EXTRA ";
    for (let i = sc.argNum; i < args.length; i++) {
      const a = args[i];
      out += (i > sc.argNum ? ", " : "") + (a == null ? "<nil>" : typeName(a) + "=" + formatValue(a));
    }
    out += ")";
  }
  return out;
}

/** printVerb prints one argument under a verb, as sprintf does; %#v is Go syntax. */
function printVerb(f: Fmt, a: unknown, verb: number): string {
  return verb === V && f.sharp && a != null ? pad(f, goSyntax(a)) : printArg(f, a, verb, 0);
}

// ---------------------------------------------------------------------------
// The verbs of a constant format, one function each: the compiler scans a literal printf
// format once (parseFormat's pieces) and calls these where it cannot print the value inline,
// so a bundle keeps only the verbs its templates use. Each prints exactly what sprintf prints
// for that piece. A verb's flags come as parseFormat reports them (FormatSpec): the precision
// (-1: none), the width (0: none) and the flags among "+-# 0".

/** printfArg prints a value of any type under any verb, as sprintf does. */
export function printfArg(a: unknown, verb: string, prec = -1, wid = 0, flags = ""): string {
  return printVerb(fmtFor(prec, wid, flags), a, verb.charCodeAt(0));
}

/** printfFixed prints a number (or nothing, when missing) under %f, as sprintf does. */
export function printfFixed(x: number | null | undefined, prec = -1, wid = 0, flags = ""): string {
  const f = fmtFor(prec, wid, flags);
  return x == null ? blank(f) : fmtFloat(f, x, 102, 6, fixed);
}

/**
 * printfPoint is printfFixed for %f and %.Nf with no width or flags and a precision up to 100
 * (prec < 0 is %f's 6): what emails format. It prints the same, without fmt's flags, padding
 * and exact decimal expansion, so a bundle that formats only such verbs keeps a few lines.
 */
export function printfPoint(x: number | null | undefined, prec = -1): string {
  if (x == null) return "";
  if (x !== x) return "NaN";
  const sign = x < 0 || (x === 0 && 1 / x < 0) ? "-" : "";
  if (x === Infinity || x === -Infinity) return (sign || "+") + "Inf";
  return sign + fixedShort(sign ? -x : x, prec < 0 ? 6 : prec);
}

/** printfFloat prints a number (or nothing, when missing) under %e %E %g %G, as sprintf does. */
export function printfFloat(x: number | null | undefined, verb: string, prec = -1, wid = 0, flags = ""): string {
  const f = fmtFor(prec, wid, flags);
  return x == null ? blank(f) : floatVerb(f, x, verb.charCodeAt(0));
}

/**
 * printfInt prints a number under %d %b %o %O %x %X with no precision, as sprintf does: a
 * fraction is Go's bad verb form (%!d(float64=1.5)). With a precision, use printfArg.
 */
export function printfInt(x: number | null | undefined, verb: string, wid = 0, flags = ""): string {
  const f = fmtFor(-1, wid, flags);
  const v = verb.charCodeAt(0);
  if (x == null) return blank(f);
  return Number.isInteger(x) ? fmtInteger(f, x, radix(v), v) : bad(v, x, numberV(f, x, false));
}

/** printfString prints a string under %s or %v, as sprintf does. */
export function printfString(s: string | null | undefined, prec = -1, wid = 0, flags = ""): string {
  const f = fmtFor(prec, wid, flags);
  return s == null ? blank(f) : pad(f, truncate(f, s));
}

/** printfQuote prints a string under %q, as sprintf does. */
export function printfQuote(s: string | null | undefined, prec = -1, wid = 0, flags = ""): string {
  const f = fmtFor(prec, wid, flags);
  return s == null ? blank(f) : fmtQ(f, s);
}

// goSyntax is %#v: a value as Go source, for the types JSON decodes into (numbers print as
// JavaScript prints them, our rule for every %v).
function goSyntax(v: unknown): string {
  if (v == null) return "interface {}(nil)";
  if (typeof v === "string") return quote(v, '"', false);
  if (typeof v !== "object") return String(v);
  if (Array.isArray(v)) return "[]interface {}{" + v.map(goSyntax).join(", ") + "}";
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).sort(byCodePoint);
  return "map[string]interface {}{" + keys.map((k) => quote(k, '"', false) + ":" + goSyntax(o[k])).join(", ") + "}";
}

/**
 * formatValue is what `{{.}}` prints for any value, the same as %v: strings
 * as they are, numbers as JavaScript prints them, true/false, nothing for
 * undefined or null, lists as `[a b c]` and objects as `map[a:1 b:x]` with
 * sorted keys (missing or null inside those print as `<nil>`, as in Go).
 */
export function formatValue(v: unknown): string {
  return v == null ? "" : plain(v);
}

/** %v without flags, of a value that is not missing; inside a list or an object, missing is <nil>. */
function plain(v: unknown): string {
  if (v == null) return "<nil>";
  return typeof v === "object" ? composite(v, plain) : String(v);
}

/**
 * sprint is Go's fmt.Sprint: each operand printed with %v, and a space between
 * two operands when neither is a string. Our choice: undefined and null print
 * as nothing and count as strings, so a missing operand adds no stray space
 * ({{print .first .missing .last}} is "ab" when first/last are "a"/"b",
 * and "1 2" when they are 1 and 2: the missing one adds no space either).
 */
export function sprint(args: readonly unknown[]): string {
  let out = "";
  let prevString = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const isString = a == null || typeof a === "string";
    if (i > 0 && !isString && !prevString) out += " ";
    out += formatValue(a);
    prevString = isString;
  }
  return out;
}

/** sprintln is Go's fmt.Sprintln: operands printed with %v, always separated by a space, then a newline; undefined and null print as nothing. */
export function sprintln(args: readonly unknown[]): string {
  let out = "";
  for (let i = 0; i < args.length; i++) out += (i ? " " : "") + formatValue(args[i]);
  return out + "\n";
}

/** FormatVerb is one argument a format consumes, as parseFormat reports it. */
export interface FormatVerb {
  /** The verb letter ("d", "s", …), or "*" for a width or precision taken from an argument (which must be an integer). */
  verb: string;
  /** The 0-based index of the argument it consumes. */
  argIndex: number;
  /** Offsets in the format: from the '%' to after the verb (for "*", the '*' itself). */
  start: number;
  end: number;
}

/** FormatSpec is a verb of a format with its flags, in the form the printf* functions take them. */
export interface FormatSpec extends FormatVerb {
  /** The precision, or -1 for none. */
  prec: number;
  /** The width, or 0 for none. */
  wid: number;
  /** The flags that apply, among "+-# 0" (Go drops + for %v, and 0 after -). */
  flags: string;
}

/** ParsedFormat is the result of parseFormat. */
export interface ParsedFormat {
  /** Each argument use, in order: verbs and `*` widths/precisions. */
  verbs: FormatVerb[];
  /** The format in order: its text (with %% read as %) and its verbs. Complete only without errors. */
  pieces: (string | FormatSpec)[];
  /** How many arguments the format needs: one more than the highest index it consumes. */
  argsUsed: number;
  /** Problems that print one of Go's %!… error forms, each with its offset. */
  errors: string[];
  /** True when the format uses an explicit index like %[2]d: then Go does not report extra arguments. */
  reordered: boolean;
}

/** The verbs microtarget supports; %T and %p are not (LANGUAGE.md). */
const SUPPORTED = "vsqdboOxXcUeEfFgGt";

/**
 * parseFormat scans a printf format the way sprintf does, for compile-time
 * checks. Without numArgs every explicit index is taken to exist; with it,
 * missing, out-of-range and extra arguments are reported as Go would print them.
 */
export function parseFormat(format: string, numArgs?: number): ParsedFormat {
  const n = numArgs ?? Infinity;
  const sc = new Scanner(format, n, null);
  const f = sc.f;
  const verbs: FormatVerb[] = [];
  const pieces: (string | FormatSpec)[] = [];
  const errors: string[] = [];
  let argsUsed = 0;
  for (let k: number; (k = sc.next()) !== END; ) {
    if (k === TEXT || k === PERCENT) pieces.push(k === PERCENT ? "%" : format.slice(sc.start, sc.end));
    if (k === TEXT) continue;
    const at = ` at offset ${sc.start}`;
    const spec = `"${format.slice(sc.start, sc.end)}"`;
    const stars = sc.stars ?? [];
    for (let j = 0; j < stars.length; j += 2) {
      verbs.push({ verb: "*", argIndex: stars[j], start: stars[j + 1], end: stars[j + 1] + 1 });
      argsUsed = Math.max(argsUsed, stars[j] + 1);
    }
    sc.stars = null;
    if (sc.badWid) errors.push(`no argument for the * width in ${spec}${at} (Go prints %!(BADWIDTH))`);
    if (sc.badPrec) errors.push(`no argument for the * precision in ${spec}${at} (Go prints %!(BADPREC))`);
    const v = verbChar(sc.verb);
    if (k === VERB) {
      const flags = (f.plus ? "+" : "") + (f.minus ? "-" : "") + (f.sharp ? "#" : "") + (f.space ? " " : "") + (f.zero ? "0" : "");
      const piece = { verb: v, argIndex: sc.arg, start: sc.start, end: sc.end, prec: f.precP ? f.prec : -1, wid: f.widP ? f.wid : 0, flags };
      verbs.push(piece);
      pieces.push(piece);
      argsUsed = Math.max(argsUsed, sc.arg + 1);
      if (!SUPPORTED.includes(v)) errors.push(`unsupported verb %${v} in ${spec}${at}`);
    } else if (k === NOVERB) errors.push(`the format ends before a verb in ${spec}${at} (Go prints %!(NOVERB))`);
    else if (k === BADINDEX) errors.push(`bad argument index in ${spec}${at} (Go prints %!${v}(BADINDEX))`);
    else if (k === MISSING) errors.push(`no argument left for ${spec}${at} (Go prints %!${v}(MISSING))`);
  }
  if (numArgs !== undefined && !sc.reordered && sc.argNum < numArgs)
    errors.push(`${numArgs - sc.argNum} extra argument(s): the format uses ${sc.argNum} (Go prints %!(EXTRA …))`);
  return { verbs, pieces, argsUsed, errors, reordered: sc.reordered };
}

// The static chunks of a hand-written render: the base HTML MJML compiled once
// (bench/templates/<name>.base.html, written by bench/templates/make.mjs) cut at its
// markers. T[k] is the text after marker [[k]] up to the next marker; T.start the text
// before the first one. The hand-written functions join these with the escaped values.
import fs from "node:fs";
import { fileURLToPath } from "node:url";

export function chunks(name) {
  const base = fs.readFileSync(fileURLToPath(new URL(`../templates/${name}.base.html`, import.meta.url)), "utf8");
  const parts = base.split(/\[\[([AH]?\d+)\]\]/);
  const T = { start: parts[0] };
  for (let i = 1; i < parts.length; i += 2) T[parts[i]] = parts[i + 1];
  return T;
}

/** encodeAll pre-encodes every chunk (and the extra strings given) as UTF-8. */
export function encodeAll(strings) {
  const out = {};
  for (const [k, v] of Object.entries(strings)) out[k] = encoder.encode(v);
  return out;
}

// The escapers microtarget uses (runtime/escape.ts, after Go's html/template), written for
// speed: each returns its input when nothing needs escaping.
const HTML_SPECIAL = /[&<>"'+\0]/;
const HTML = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;", "+": "&#43;", "\0": "\uFFFD" };
const htmlEntity = (c) => HTML[c];
/** escHtml: element text and quoted attribute values. */
export function escHtml(s) {
  return HTML_SPECIAL.test(s) ? s.replace(/[&<>"'+\0]/g, htmlEntity) : s;
}

const QUERY_SAFE = /^[A-Za-z0-9\-_.~]*$/;
const hex = (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase();
/** escQuery: a value in a URL's query string: all but A-Z a-z 0-9 - _ . ~ percent-encoded. */
export function escQuery(s) {
  return QUERY_SAFE.test(s) ? s : encodeURIComponent(s).replace(/[!'()*]/g, hex);
}

const URL_PLAIN = /^https?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/i;
const SAFE_SCHEME = /^(?:https?|mailto|tel|sms)$/i;
const encoder = new TextEncoder();
/** escUrl: a whole URL in an attribute (then escHtml): scheme checked, what may not stand raw percent-encoded. */
export function escUrl(s) {
  if (URL_PLAIN.test(s)) return s;
  const colon = s.indexOf(":");
  if (colon >= 0 && !/[/?#]/.test(s.slice(0, colon)) && !SAFE_SCHEME.test(s.slice(0, colon).trim())) return "#ZgotmplZ";
  let out = "";
  for (const c of s) {
    if (c.charCodeAt(0) < 0x80 && /[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/.test(c)) out += c;
    else for (const b of encoder.encode(c)) out += "%" + b.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

/**
 * Writer: one reused buffer. put copies a pre-encoded chunk, str encodes a value with
 * TextEncoder.encodeInto; done returns a view of what was written (valid until the next render).
 */
export class Writer {
  buf = new Uint8Array(1 << 16);
  p = 0;
  reset() {
    this.p = 0;
  }
  grow(need) {
    let size = this.buf.length * 2;
    while (size - this.p < need) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.p));
    this.buf = next;
  }
  put(chunk) {
    if (this.buf.length - this.p < chunk.length) this.grow(chunk.length);
    this.buf.set(chunk, this.p);
    this.p += chunk.length;
  }
  str(s) {
    if (this.buf.length - this.p < s.length * 3) this.grow(s.length * 3);
    this.p += encoder.encodeInto(s, this.buf.subarray(this.p)).written;
  }
  done() {
    return this.buf.subarray(0, this.p);
  }
}

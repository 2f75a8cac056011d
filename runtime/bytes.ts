/**
 * ByteWriter builds an email's HTML as UTF-8 bytes: the template's static chunks are
 * encoded once, when its first bytes render makes its writer (a module that is only
 * imported, or renders strings, encodes nothing), so a render only copies them and encodes
 * the few values. Turning a finished 20 KB string into UTF-8 costs far more than building it.
 * The head of an MJML email is known only at the end (it follows what the recipient got):
 * the writer leaves room for it and moves the short prefix before it.
 */
// TextEncoder is in every runtime we target (Node, browsers, workers), not in the ES library
// types: reach it through globalThis, typed with what we use.
interface Utf8Encoder {
  encode(s: string): Uint8Array;
  encodeInto(s: string, into: Uint8Array): { read: number; written: number };
}
// Made on first use: the first TextEncoder of a process costs about 30 µs, a third of what
// this runtime's statements cost at import.
let encoder: Utf8Encoder | undefined;
const utf8 = (): Utf8Encoder => (encoder ??= new (globalThis as unknown as { TextEncoder: new () => Utf8Encoder }).TextEncoder());

/** encode returns the UTF-8 bytes of a static chunk. */
export function encode(s: string): Uint8Array {
  return utf8().encode(s);
}

// The UTF-8 of each module's chunk list, shared by its writers.
const encoded = new WeakMap<readonly string[], Uint8Array[]>();

/** ByteWriter appends a module's static chunks and values' text to one growing buffer, reused from render to render. */
export class ByteWriter {
  private buf = new Uint8Array(1 << 15);
  private pos = 0;
  private mark = -1;
  private gap = 0;
  private chunks: Uint8Array[];
  // The heads written, by text (mjmlHead returns one string per combination).
  private heads = new Map<string, Uint8Array>();

  /** ByteWriter's `chunks` are the module's static chunks, which `b` writes by index. */
  constructor(chunks: readonly string[]) {
    let c = encoded.get(chunks);
    if (!c) encoded.set(chunks, (c = chunks.map(encode)));
    this.chunks = c;
  }

  /** reset starts a render; `gap` is the room to leave for the head. */
  reset(gap: number): this {
    this.pos = 0;
    this.mark = -1;
    this.gap = gap;
    return this;
  }

  /** b appends static chunk number `i`. */
  b(i: number): void {
    const chunk = this.chunks[i];
    const n = chunk.length;
    if (this.pos + n > this.buf.length) this.grow(n);
    this.buf.set(chunk, this.pos);
    this.pos += n;
  }

  /** s appends a value's text. */
  s(value: string | number | boolean): void {
    const text = typeof value === "string" ? value : String(value);
    if (this.pos + text.length * 3 > this.buf.length) this.grow(text.length * 3);
    const buf = this.buf;
    let p = this.pos;
    // Values are short and mostly ASCII: write those bytes directly, encode the rest.
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) {
        this.pos = p + utf8().encodeInto(text.slice(i), buf.subarray(p)).written;
        return;
      }
      buf[p++] = c;
    }
    this.pos = p;
  }

  /** at returns the current length (to trim from later). */
  at(): number {
    return this.pos;
  }

  /** trimFrom trims ASCII whitespace at both ends of what was written since `start`. */
  trimFrom(start: number): void {
    const buf = this.buf;
    const space = (b: number) => b === 32 || (b >= 9 && b <= 13);
    let from = start;
    while (from < this.pos && space(buf[from])) from++;
    let to = this.pos;
    while (to > from && space(buf[to - 1])) to--;
    if (from > start) buf.copyWithin(start, from, to);
    this.pos = start + (to - from);
  }

  /** head marks where the head goes and leaves room for it. */
  head(): void {
    this.mark = this.pos;
    if (this.pos + this.gap > this.buf.length) this.grow(this.gap);
    this.pos += this.gap;
  }

  /** finish puts the head (its text from mjmlHead) in place and returns the HTML: a view of the buffer, valid until the next reset. */
  finish(text?: string): Uint8Array {
    if (text === undefined || this.mark < 0) return this.buf.subarray(0, this.pos);
    let head = this.heads.get(text);
    if (!head) this.heads.set(text, (head = encode(text)));
    const headStart = this.mark + this.gap - head.length;
    this.buf.set(head, headStart);
    this.buf.copyWithin(headStart - this.mark, 0, this.mark);
    return this.buf.subarray(headStart - this.mark, this.pos);
  }

  private grow(need: number): void {
    let size = this.buf.length * 2;
    while (size < this.pos + need) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }
}

/**
 * Sentinels: how markup travels through MJML. Each action becomes a short run of
 * characters that MJML copies like any text and no email contains: U+FDD0 (a
 * Unicode noncharacter, reserved for internal use), two private-use characters that
 * spell the marker's number, and U+FDD1. `findSentinels` reads them back.
 */

const OPEN = 0xfdd0;
const CLOSE = 0xfdd1;
const DIGIT = 0xe000; // two digits in base 4096: up to 16,777,216 markers
const BASE = 4096;

/** sentinel returns the characters that stand for marker `id`. */
export function sentinel(id: number): string {
  return String.fromCharCode(OPEN, DIGIT + Math.floor(id / BASE), DIGIT + (id % BASE), CLOSE);
}

/** SENTINEL_LENGTH is the length of every sentinel, in UTF-16 units. */
export const SENTINEL_LENGTH = 4;

/** hasSentinelCharacters reports whether a text contains the characters that delimit sentinels. */
export function hasSentinelCharacters(text: string): boolean {
  return text.includes(String.fromCharCode(OPEN)) || text.includes(String.fromCharCode(CLOSE));
}

/** SentinelAt is one sentinel found in a text: its marker id and offset. */
export interface SentinelAt {
  id: number;
  offset: number;
}

/** findSentinels lists the sentinels in a text, in order. */
export function findSentinels(text: string): SentinelAt[] {
  const found: SentinelAt[] = [];
  for (let i = text.indexOf(String.fromCharCode(OPEN)); i >= 0; i = text.indexOf(String.fromCharCode(OPEN), i + 1)) {
    if (text.charCodeAt(i + 3) !== CLOSE) continue;
    const hi = text.charCodeAt(i + 1) - DIGIT;
    const lo = text.charCodeAt(i + 2) - DIGIT;
    if (hi < 0 || hi >= BASE || lo < 0 || lo >= BASE) continue;
    found.push({ id: hi * BASE + lo, offset: i });
  }
  return found;
}

/** splitSentinels cuts a text into literal strings and sentinel ids, in order. */
export function splitSentinels(text: string): (string | number)[] {
  const parts: (string | number)[] = [];
  let at = 0;
  for (const s of findSentinels(text)) {
    if (s.offset > at) parts.push(text.slice(at, s.offset));
    parts.push(s.id);
    at = s.offset + SENTINEL_LENGTH;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}

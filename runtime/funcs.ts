/**
 * The email helpers (hasTag, SendX's other function, is inlined). Each takes what the data holds: a missing
 * value gives the empty string. Adding one? Update compiler/check/builtins.ts and
 * compiler/emit/emit-call.ts too.
 */
import { RenderError } from "./render-error.js";

/** upper upper-cases a string. */
export function upper(s: string | null | undefined): string {
  return s == null ? "" : String(s).toUpperCase();
}

/** lower lower-cases a string. */
export function lower(s: string | null | undefined): string {
  return s == null ? "" : String(s).toLowerCase();
}

/** trim removes leading and trailing whitespace. */
export function trim(s: string | null | undefined): string {
  return s == null ? "" : String(s).trim();
}

/** title upper-cases the first letter of each whitespace-separated word. */
export function title(s: string | null | undefined): string {
  return s == null ? "" : String(s).replace(/(^|\s)(\S)/gu, (_, space: string, c: string) => space + c.toUpperCase());
}

/** join prints the elements of a list separated by sep (sprig's order: `{{.tags | join ", "}}`). */
export function join(sep: string, list: readonly unknown[] | null | undefined): string {
  if (!Array.isArray(list)) return "";
  return list.map((v) => (v == null ? "" : String(v))).join(sep ?? "");
}

const numberFormats = new Map<string, Intl.NumberFormat>();
let defaultNumberFormat: Intl.NumberFormat | undefined;

/**
 * formatNumber formats a number with Intl (en-US by default; up to 3 decimals, or exactly
 * `decimals`, 0 to 20). A locale Intl does not know (from data) falls back to en-US: a
 * recipient's render never fails on a field's value.
 */
export function formatNumber(n: number | null | undefined, decimals?: number | null, locale?: string | null): string {
  if (n == null || typeof n !== "number") return "";
  if (decimals == null && locale == null) return formatNumberDefault(n);
  const digits = decimals == null || !Number.isFinite(decimals) ? undefined : Math.min(20, Math.max(0, Math.trunc(decimals)));
  const key = `${locale}|${digits ?? ""}`;
  let f = numberFormats.get(key);
  if (!f) {
    const options = digits === undefined ? {} : { minimumFractionDigits: digits, maximumFractionDigits: digits };
    f = intl(() => new Intl.NumberFormat(locale ?? "en-US", options), () => new Intl.NumberFormat("en-US", options));
    numberFormats.set(key, f);
  }
  return f.format(n);
}

/** formatNumberDefault is formatNumber without decimals or locale (`{{formatNumber .n}}`), which the compiler calls so that a bundle keeps only this. */
export function formatNumberDefault(n: number | null | undefined): string {
  if (n == null || typeof n !== "number") return "";
  // A whole number in en-US without Intl: Intl's first use loads ICU's data (about 11 ms).
  if (Number.isSafeInteger(n) && !Object.is(n, -0)) return (n < 0 ? "-" : "") + String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, ",");
  return (defaultNumberFormat ??= new Intl.NumberFormat("en-US")).format(n);
}

// intl builds an Intl formatter, or the en-US one when the locale is not valid.
function intl<T>(build: () => T, fallback: () => T): T {
  try {
    return build();
  } catch {
    return fallback();
  }
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** formatDate formats an ISO date string or epoch milliseconds with Intl's date style (UTC); "" when invalid or missing; an unknown locale or style falls back to en-US, medium. */
export function formatDate(d: string | number | null | undefined, style?: "short" | "medium" | "long" | "full" | null, locale?: string | null): string {
  if (d == null) return "";
  const date = new Date(d);
  if (Number.isNaN(date.getTime())) return "";
  const key = `${locale}|${style}`;
  let f = dateFormats.get(key);
  if (!f) {
    const dateStyle = style === "short" || style === "long" || style === "full" ? style : "medium";
    f = intl(() => new Intl.DateTimeFormat(locale ?? "en-US", { dateStyle, timeZone: "UTC" }), () => new Intl.DateTimeFormat("en-US", { dateStyle, timeZone: "UTC" }));
    dateFormats.set(key, f);
  }
  return f.format(date);
}

/** call calls a user function; a throw becomes a RenderError at the call's template position. */
export function call(fns: Record<string, unknown>, name: string, args: unknown[], file: string, line: number, column: number): unknown {
  const fn = fns[name];
  if (typeof fn !== "function") throw new RenderError(`function "${name}" was not provided`, file, line, column);
  try {
    return fn(...args);
  } catch (e) {
    throw new RenderError(`${name}: ${e instanceof Error ? e.message : String(e)}`, file, line, column, { cause: e });
  }
}

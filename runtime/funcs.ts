/**
 * SendX's functions and the email helpers. Each takes what the data holds: a missing
 * value gives the empty string. Adding one? Update compiler/check/builtins.ts and
 * compiler/emit/emit-call.ts too.
 */
import { RenderError } from "./render-error.js";

/** hasTag reports whether the root data's `tags` list holds `name` exactly. */
export function hasTag(root: any, name: string): boolean {
  const tags = root?.tags;
  return Array.isArray(tags) && tags.includes(name);
}

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

/** formatNumber formats a number with Intl (en-US by default; up to 3 decimals, or exactly `decimals`). */
export function formatNumber(n: number | null | undefined, decimals?: number, locale = "en-US"): string {
  if (n == null || typeof n !== "number") return "";
  const key = `${locale}|${decimals ?? ""}`;
  let f = numberFormats.get(key);
  if (!f) {
    const d = decimals === undefined ? {} : { minimumFractionDigits: decimals, maximumFractionDigits: decimals };
    f = new Intl.NumberFormat(locale, d);
    numberFormats.set(key, f);
  }
  return f.format(n);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** formatDate formats an ISO date string or epoch milliseconds with Intl's date style (UTC); "" when invalid or missing. */
export function formatDate(d: string | number | null | undefined, style: "short" | "medium" | "long" | "full" = "medium", locale = "en-US"): string {
  if (d == null) return "";
  const date = new Date(d);
  if (Number.isNaN(date.getTime())) return "";
  const key = `${locale}|${style}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: "UTC" });
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

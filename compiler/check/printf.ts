/**
 * checkPrintf checks a constant printf format against its arguments at compile time:
 * the number of arguments, and each verb against its argument's type, which it narrows
 * (`printf "%.2f" .price` makes price a number). The format is scanned by the runtime's own
 * parser, so the check and the formatting can never disagree.
 */
import type { Reporter } from "../diagnostics/diagnostic.js";
import { details } from "../diagnostics/messages.js";
import { parseFormat } from "../../runtime/printf.js";
import type { SourceFile, Span } from "../source.js";
import type { Arg, CallContext } from "./builtins.js";
import { describeKind, type Kind } from "./types.js";

const verbKinds: Record<string, Kind | undefined> = {
  d: { k: "number" },
  b: { k: "number" },
  o: { k: "number" },
  O: { k: "number" },
  c: { k: "number" },
  U: { k: "number" },
  e: { k: "number" },
  E: { k: "number" },
  f: { k: "number" },
  F: { k: "number" },
  g: { k: "number" },
  G: { k: "number" },
  x: { k: "ordered" },
  X: { k: "ordered" },
  q: { k: "ordered" },
  s: { k: "string" },
  t: { k: "boolean" },
  v: undefined,
  "*": { k: "number" }, // a * width or precision
};

/** checkPrintf reports format problems at the format string's span and narrows argument types. */
export function checkPrintf(format: string, args: Arg[], at: Span, ctx: CallContext, reporter: Reporter, source: SourceFile): void {
  const parsed = parseFormat(format);
  // %T is reported below, as unsupported.
  for (const e of parsed.errors) if (!e.startsWith("unsupported verb %T")) reporter.error("printf_format", source, at, e);
  for (const v of parsed.verbs) {
    const piece: Span = { start: at.start + 1 + v.start, end: at.start + 1 + v.end }; // + 1: the opening quote
    if (v.verb === "T") {
      reporter.error("unsupported", source, piece, "%T");
      continue;
    }
    const arg = args[v.argIndex];
    const kind = verbKinds[v.verb];
    if (!arg) continue;
    const r = arg.t.find();
    if (!kind) {
      if (r.kind.k === "list" || r.kind.k === "object" || r.kind.k === "iterable") reporter.error("not_printable", source, arg.use.span, describeKind(r.kind));
      continue;
    }
    if (!ctx.types.narrow(arg.t, kind, { ...arg.use, what: `formatted with %${v.verb}` })) {
      ctx.types.conflicts.pop();
      reporter.error("type_mismatch", source, arg.use.span, details.printfVerb(v.verb, describeKind(r.kind)));
    }
  }
  // With explicit indexes (%[1]d) Go does not require every argument to be used.
  const wrongCount = parsed.reordered ? parsed.argsUsed > args.length : parsed.argsUsed !== args.length;
  if (parsed.errors.length === 0 && wrongCount) {
    reporter.error("wrong_arity", source, at, "printf", details.printfArgs(parsed.argsUsed), args.length);
  }
}

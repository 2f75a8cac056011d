/**
 * emitPrintf specialises `printf` with a constant format at compile time. The format is
 * scanned here, once, by the runtime's own scanner (parseFormat), and each verb becomes:
 * a constant where its argument is one (printed by the runtime's own code, now); the value
 * itself where its type makes that exact (`%s` of a string, `%v` with no flags, `%d` of a
 * `len`); or a call to the runtime function for that verb (printfPoint for a plain %.Nf,
 * printfFixed, printfInt, printfString, printfQuote; printfArg for any other verb or a value
 * of open type). A bundle then keeps only the verbs its templates use, not all of Go's fmt
 * (sprintf).
 *
 * sprintf stays for what is known only at run time: a format that is not a constant, and
 * `*` widths and precisions, which take an argument's value.
 */
import type { Kind } from "../check/index.js";
import { parseFormat, printfArg, type FormatSpec } from "../../runtime/printf.js";
import type { CallEmitter, ExprCode } from "./emit-call.js";

// A piece of the result: constant text, or code; `text` code is surely a string.
type Part = { constant: string } | { code: string; text: boolean };

/** emitPrintf returns the code of `printf format args…`, or undefined where sprintf must format it at run time. */
export function emitPrintf(e: CallEmitter, format: string, args: ExprCode[], kinds: Kind[]): ExprCode | undefined {
  const parsed = parseFormat(format, args.length);
  if (parsed.errors.length || parsed.verbs.some((v) => v.verb === "*")) return undefined;
  // With explicit indexes (%[2]d) an argument may be printed twice or not at all: as in Go,
  // each is evaluated once, in order, before any is printed.
  const evaluate: string[] = [];
  if (parsed.reordered) {
    args = args.map((a) => {
      if (a.pure) return a;
      const t = e.temp();
      evaluate.push(`${t} = ${a.code}`);
      return { ...a, code: t, pure: true };
    });
  }
  const parts: Part[] = [];
  for (const piece of parsed.pieces) {
    const part = typeof piece === "string" ? { constant: piece } : verbPart(e, piece, args[piece.argIndex], kinds[piece.argIndex]);
    const last = parts[parts.length - 1];
    if (!("constant" in part)) parts.push(part);
    else if (last && "constant" in last) last.constant += part.constant;
    else if (part.constant) parts.push(part);
  }
  if (parts.every((p) => "constant" in p)) {
    const text = (parts[0] as { constant: string } | undefined)?.constant ?? ""; // merged into one
    return { code: JSON.stringify(text), pure: true, literal: text, scalar: true, nonNull: true };
  }
  const codes = parts.map((p) => ("constant" in p ? JSON.stringify(p.constant) : p.code));
  // `+` adds two numbers: the sum must start with a string.
  if (!("constant" in parts[0] || parts[0].text)) codes.unshift('""');
  const sum = codes.length > 1 ? codes.join(" + ") : codes[0];
  const code = evaluate.length ? `(${[...evaluate, sum].join(", ")})` : codes.length > 1 ? `(${sum})` : sum;
  return { code, pure: false, scalar: true, nonNull: true };
}

// verbPart is one verb of the format applied to its argument, of a kind.
function verbPart(e: CallEmitter, v: FormatSpec, a: ExprCode, kind: Kind): Part {
  if (a.literal !== undefined) return { constant: printfArg(a.literal, v.verb, v.prec, v.wid, v.flags) };
  const flagless = v.prec < 0 && v.wid === 0 && v.flags === "";
  // A runtime call, its trailing arguments left out where they are the defaults (printfInt takes no precision).
  const call = (fn: string, ...head: string[]): Part => {
    const [tail, defaults] = fn === "printfInt" ? [[v.wid, v.flags], [0, ""]] : [[v.prec, v.wid, v.flags], [-1, 0, ""]];
    while (tail.length && tail[tail.length - 1] === defaults[tail.length - 1]) tail.pop();
    const list = [a.code, ...[...head, ...tail].map((x) => JSON.stringify(x))];
    return { code: `${e.rt(fn)}(${list.join(", ")})`, text: true };
  };
  // What {{.}} prints: %v with no flags of any type, %s of a string, %t of a boolean, %d of a len.
  const printed = (): Part => ({ code: e.print(a, kind), text: kind.k === "string" });
  if (v.verb === "v" && flagless) return printed();
  switch (kind.k) {
    case "string":
      if (v.verb === "s" && flagless) return printed();
      if (v.verb === "s" || (v.verb === "v" && !v.flags.includes("#"))) return call("printfString");
      if (v.verb === "q") return call("printfQuote");
      break;
    case "number":
      if (v.verb === "f" || v.verb === "F") return call(v.wid === 0 && v.flags === "" && v.prec <= 100 ? "printfPoint" : "printfFixed");
      if ("eEgG".includes(v.verb)) return call("printfFloat", v.verb);
      if (v.verb === "d" && flagless && a.integral) return printed();
      if ("dboOxX".includes(v.verb) && v.prec < 0) return call("printfInt", v.verb);
      break;
    case "boolean":
      if (v.verb === "t" && flagless) return printed();
      break;
  }
  return call("printfArg", v.verb);
}

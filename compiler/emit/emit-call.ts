/**
 * emitCall writes the code of one built-in function call. Where the argument types make
 * Go's semantics equal JavaScript's, the call is inlined (`a === "pro"`, `a || "there"`);
 * otherwise it calls the runtime. Adding a builtin? See compiler/check/builtins.ts.
 */
import { isScalar, type Kind } from "../check/index.js";
import { emitPrintf } from "./emit-printf.js";

/** ExprCode is generated code for a value; `pure` code may be repeated without changing behaviour. */
export interface ExprCode {
  code: string;
  pure: boolean;
  literal?: string | number | boolean | null;
  /** scalar is true when the value is surely a string, number, boolean or null (JS truthiness is Go's). */
  scalar?: boolean;
  /** nonNull is true when the value is never missing or null. */
  nonNull?: boolean;
  /** integral is true when the value is surely a whole number (as `len` returns). */
  integral?: boolean;
}

/** CallEmitter is what emitCall needs of the render emitter. */
export interface CallEmitter {
  rt(name: string): string;
  /** tags names the function's local holding the root data's tags (a list, empty when there are none). */
  tags(): string;
  /** hasTag names the function's local holding whether the root data has a constant tag (each tested once per function). */
  hasTag(name: string): string;
  temp(): string;
  truth(v: ExprCode, kind: Kind): string;
  /** print is the text (or the string, number or boolean) that {{.}} prints for a value. */
  print(v: ExprCode, kind: Kind): string;
}

const operators: Record<string, string> = { lt: "<", le: "<=", gt: ">", ge: ">=" };
const list = (args: ExprCode[]) => args.map((a) => a.code).join(", ");
const impure = (code: string): ExprCode => ({ code, pure: false });
// A builtin that always returns a string, number or boolean.
const value = (code: string): ExprCode => ({ code, pure: false, scalar: true, nonNull: true });

/** goTruth is Go's truth of a constant. */
export function goTruth(literal: string | number | boolean | null): boolean {
  return !!literal;
}

/** emitCall returns the code of `name args…`; kinds are the arguments' types. */
export function emitCall(e: CallEmitter, name: string, args: ExprCode[], kinds: Kind[]): ExprCode {
  switch (name) {
    case "eq":
    case "ne": {
      // Constants only: decided here (one number type, so 1 and 1.0 are equal).
      if (args.every((a) => a.literal !== undefined)) {
        const equal = args.slice(1).some((b) => (b.literal ?? null) === (args[0].literal ?? null));
        return { ...value(String(name === "eq" ? equal : !equal)), literal: name === "eq" ? equal : !equal };
      }
      return value(name === "eq" ? equality(e, args) : `!${equality(e, args)}`);
    }
    case "lt":
    case "le":
    case "gt":
    case "ge": {
      // Numbers: JavaScript's operators, with a missing operand made NaN so the answer is false.
      if (kinds.every((k) => k.k === "number")) {
        const [a, b] = args.map((x) => (x.literal !== undefined ? x.code : `(${x.code} ?? NaN)`));
        return value(`(${a} ${operators[name]} ${b})`);
      }
      return value(`${e.rt(name)}(${list(args)})`);
    }
    case "and":
    case "or": {
      [args, kinds] = decideConstants(name, args, kinds);
      if (args.length === 1) return args[0];
      const scalar = args.every((a, i) => a.scalar || isScalar(kinds[i]));
      const nonNull = args.every((a) => a.nonNull || (a.literal !== undefined && a.literal !== null));
      return { code: logical(e, name, args, kinds, scalar), pure: false, scalar, nonNull };
    }
    case "not":
      if (args[0].literal !== undefined) return value(String(!goTruth(args[0].literal)));
      return value(`!(${e.truth(args[0], kinds[0])})`);
    case "len":
      return { ...value(kinds[0].k === "list" ? `(${args[0].code}?.length ?? 0)` : `${e.rt("len")}(${args[0].code})`), integral: true };
    case "index": {
      let code = args[0].code;
      let kind = kinds[0];
      for (const key of args.slice(1)) {
        if (kind.k === "list" && typeof key.literal === "number" && Number.isInteger(key.literal) && key.literal >= 0) code = `${code}?.[${key.literal}]`;
        else if (kind.k === "string") code = `${e.rt("charAt")}(${code}, ${key.code})`;
        else code = `${e.rt("index")}(${code}, ${key.code})`;
        kind = kind.k === "list" ? kind.elem.find().kind : { k: "dynamic" };
      }
      return impure(code);
    }
    case "slice":
      return impure(`${e.rt("slice")}(${list(args)})`);
    case "print":
      return value(`${e.rt("sprint")}([${list(args)}])`);
    case "println":
      return value(`${e.rt("sprintln")}([${list(args)}])`);
    case "printf": {
      const format = args[0].literal;
      const specialised = typeof format === "string" ? emitPrintf(e, format, args.slice(1), kinds.slice(1)) : undefined;
      return specialised ?? value(`${e.rt("sprintf")}(${args[0].code}, [${list(args.slice(1))}])`);
    }
    case "html":
    case "js":
    case "urlquery": {
      // Go prints the arguments as fmt.Sprint does, then escapes the text.
      const text = args.length !== 1 ? `${e.rt("sprint")}([${list(args)}])` : kinds[0].k === "string" ? e.print(args[0], kinds[0]) : `String(${e.print(args[0], kinds[0])})`;
      return value(`${e.rt(`${name === "urlquery" ? "urlQuery" : name}Escaper`)}(${text})`);
    }
    case "fallback": {
      const [given, fallback] = args;
      if (given.literal !== undefined) return goTruth(given.literal) ? given : fallback;
      const nonNull = fallback.nonNull || (fallback.literal !== undefined && fallback.literal !== null);
      if (isScalar(kinds[0])) return { code: `(${given.code} || ${fallback.code})`, pure: false, nonNull, scalar: true };
      const t = e.temp();
      return impure(`(${e.truth({ code: `(${t} = ${given.code})`, pure: false }, kinds[0])} ? ${t} : ${fallback.code})`);
    }
    case "safeHTML":
      return impure(`(${args[0].code} ?? "")`);
    case "hasTag":
      return typeof args[0].literal === "string" ? { code: e.hasTag(args[0].literal), pure: true, scalar: true, nonNull: true } : value(`${e.tags()}.includes(${args[0].code})`);
    case "upper":
    case "lower":
    case "title":
    case "trim":
    case "join":
    case "formatNumber":
    case "formatDate":
      // With the number alone, formatNumberDefault: a bundle then keeps no locale or decimals code.
      if (name === "formatNumber" && args.length === 1) return value(`${e.rt("formatNumberDefault")}(${args[0].code})`);
      return value(`${e.rt(name)}(${list(args)})`);
  }
  throw new Error(`internal error: no code for builtin ${name}`);
}

// equality is `eq a b c…`: a equals any of the others. A constant operand compares with
// ===; nil with == null; two unknowns through the runtime (missing equals null).
function equality(e: CallEmitter, args: ExprCode[]): string {
  let [first] = args;
  let prefix = "";
  if (!first.pure && args.length > 2) {
    const t = e.temp();
    prefix = `(${t} = ${first.code}), `;
    first = { code: t, pure: true };
  }
  const tests = args.slice(1).map((b) => {
    if (b.literal === null || first.literal === null) return `${b.literal === null ? first.code : b.code} == null`;
    if (b.literal !== undefined || first.literal !== undefined) return `${first.code} === ${b.code}`;
    return `${e.rt("eq")}(${first.code}, ${b.code})`;
  });
  const body = tests.length === 1 ? tests[0] : tests.join(" || ");
  return `(${prefix}${body})`;
}

// decideConstants decides and/or's constant operands at compile time: `and` skips a true
// one and stops at a false one, `or` the reverse. The last operand always stays.
function decideConstants(name: string, args: ExprCode[], kinds: Kind[]): [ExprCode[], Kind[]] {
  const decides = (a: ExprCode) => a.literal !== undefined && goTruth(a.literal) === (name === "or");
  const kept: number[] = [];
  for (let i = 0; i < args.length; i++) {
    if (i < args.length - 1 && args[i].literal !== undefined && !decides(args[i])) continue;
    kept.push(i);
    if (decides(args[i])) break;
  }
  return [kept.map((i) => args[i]), kept.map((i) => kinds[i])];
}

// logical is Go's short-circuit and/or, returning the deciding operand.
function logical(e: CallEmitter, name: string, args: ExprCode[], kinds: Kind[], scalar: boolean): string {
  if (scalar) return `(${args.map((a) => a.code).join(name === "and" ? " && " : " || ")})`;
  const t = e.temp();
  let code = args[args.length - 1].code;
  for (let i = args.length - 2; i >= 0; i--) {
    const test = e.truth({ code: `(${t} = ${args[i].code})`, pure: false, scalar: args[i].scalar }, kinds[i]);
    code = name === "and" ? `(${test} ? ${code} : ${t})` : `(${test} ? ${t} : ${code})`;
  }
  return code;
}

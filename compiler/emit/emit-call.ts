/**
 * emitCall writes the code of one built-in function call. Where the argument types make
 * Go's semantics equal JavaScript's, the call is inlined (`a === "pro"`, `a || "there"`);
 * otherwise it calls the runtime. Adding a builtin? See compiler/check/builtins.ts.
 */
import { isScalar, type Kind } from "../check/index.js";
import type * as A from "../parse/ast.js";

/** ExprCode is generated code for a value; `pure` code may be repeated without changing behaviour. */
export interface ExprCode {
  code: string;
  pure: boolean;
  literal?: string | number | boolean | null;
}

/** CallEmitter is what emitCall needs of the render emitter. */
export interface CallEmitter {
  rt(name: string): string;
  temp(): string;
  truth(v: ExprCode, kind: Kind): string;
}

const list = (args: ExprCode[]) => args.map((a) => a.code).join(", ");
const impure = (code: string): ExprCode => ({ code, pure: false });

/** emitCall returns the code of `name args…`; kinds are the arguments' types. */
export function emitCall(e: CallEmitter, name: string, cmd: A.Command, args: ExprCode[], kinds: Kind[], _exprs: A.Expr[]): ExprCode {
  void cmd;
  switch (name) {
    case "eq":
      return impure(equality(e, args));
    case "ne":
      return impure(`!${equality(e, args)}`);
    case "lt":
    case "le":
    case "gt":
    case "ge":
      return impure(`${e.rt(name)}(${list(args)})`);
    case "and":
    case "or":
      return impure(logical(e, name, args, kinds));
    case "not":
      return impure(`!(${e.truth(args[0], kinds[0])})`);
    case "len":
      return impure(kinds[0].k === "list" || kinds[0].k === "iterable" ? `(${args[0].code}?.length ?? 0)` : `${e.rt("len")}(${args[0].code})`);
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
      return impure(`${e.rt("sprint")}([${list(args)}])`);
    case "println":
      return impure(`${e.rt("sprintln")}([${list(args)}])`);
    case "printf":
      return impure(`${e.rt("sprintf")}(${args[0].code}, [${list(args.slice(1))}])`);
    case "html":
      return impure(`${e.rt("htmlEscaper")}([${list(args)}])`);
    case "js":
      return impure(`${e.rt("jsEscaper")}([${list(args)}])`);
    case "urlquery":
      return impure(`${e.rt("urlQueryEscaper")}([${list(args)}])`);
    case "fallback": {
      const [value, fallback] = args;
      if (isScalar(kinds[0])) return impure(`(${value.code} || ${fallback.code})`);
      const t = e.temp();
      return impure(`(${e.truth({ code: `(${t} = ${value.code})`, pure: false }, kinds[0])} ? ${t} : ${fallback.code})`);
    }
    case "hasTag":
      return impure(`${e.rt("hasTag")}(_r, ${args[0].code})`);
    case "upper":
    case "lower":
    case "title":
    case "trim":
    case "join":
    case "formatNumber":
    case "formatDate":
      return impure(`${e.rt(name)}(${list(args)})`);
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

// logical is Go's short-circuit and/or, returning the deciding operand.
function logical(e: CallEmitter, name: string, args: ExprCode[], kinds: Kind[]): string {
  if (kinds.every(isScalar)) return `(${args.map((a) => a.code).join(name === "and" ? " && " : " || ")})`;
  const t = e.temp();
  let code = args[args.length - 1].code;
  for (let i = args.length - 2; i >= 0; i--) {
    const test = e.truth({ code: `(${t} = ${args[i].code})`, pure: false }, kinds[i]);
    code = name === "and" ? `(${test} ? ${code} : ${t})` : `(${test} ? ${t} : ${code})`;
  }
  return code;
}

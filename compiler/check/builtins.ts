/**
 * Signatures of the built-in functions: Go's builtins, SendX's `fallback` and `hasTag`,
 * and the email helpers. The checker reads `arity` and calls `type` to type a call;
 * emit/emit-call.ts turns each call into code. Adding a builtin? Add it here, in
 * emit/emit-call.ts, and (if it needs code at run time) in runtime/funcs.ts.
 */
import { details } from "../diagnostics/messages.js";
import { describeKind, type Kind, type TVar, type Types, type Use } from "./types.js";

/** Arg is one typed argument of a call. */
export interface Arg {
  t: TVar;
  use: Use;
  /** literal is the constant value of a literal argument (undefined otherwise; null for nil). */
  literal?: string | number | boolean | null;
  /** piped is true for the value piped in from the previous command. */
  piped: boolean;
}

/** CallContext gives a builtin's typing access to the types and the template's root data. */
export interface CallContext {
  types: Types;
  root: TVar;
  call: Use;
  error(message: string, use: Use): void;
  notPrintable(kind: Kind, use: Use): void;
  tag(name: string, use: Use): void;
}

/** Builtin is a function's arity and typing rule. */
export interface Builtin {
  arity: [min: number, max: number];
  type(ctx: CallContext, args: Arg[]): TVar;
}

const fresh = (ctx: CallContext, kind: Kind, label = "the result") => ctx.types.fresh(label, kind, ctx.call);
const narrow = (ctx: CallContext, a: Arg, kind: Kind, what: string) => ctx.types.narrow(a.t, kind, { ...a.use, what });

const comparison = (ordered: boolean): Builtin => ({
  arity: [2, ordered ? 2 : Infinity],
  type(ctx, args) {
    // All operands have one type; nil compares with anything (eq/ne only).
    const operands = args.filter((a) => a.literal !== null);
    const kind: Kind = ordered ? { k: "ordered" } : { k: "printable" };
    for (const a of operands) narrow(ctx, a, kind, ordered ? "compared with lt/le/gt/ge" : "compared with eq/ne");
    for (let i = 1; i < operands.length; i++) {
      const other = describeArg(operands[0]);
      ctx.types.unify(operands[0].t, operands[i].t, { ...operands[i].use, what: `compared with ${other}` });
    }
    // A declared union of constants (`plan: "free" | "pro"`) is never equal to another constant.
    const declared = operands.map((a) => a.t.find()).find((t) => (t.kind.k === "string" || t.kind.k === "number") && t.kind.values);
    const values = declared && (declared.kind as { values: readonly (string | number)[] }).values;
    for (const a of values ? operands : []) {
      if (typeof a.literal === declared!.kind.k && !values!.includes(a.literal as never)) ctx.error(details.neverEqual(declared!.label, JSON.stringify(a.literal), describeKind(declared!.kind)), a.use);
    }
    return fresh(ctx, { k: "boolean" });
  },
});

// oneOf is a value that is one of the arguments' (see Types.settle).
function oneOf(ctx: CallContext, args: Arg[], name: string): TVar {
  return args.slice(1).reduce((acc, a) => ctx.types.either(acc, a.t, `the result of ${name}`, ctx.call), args[0].t);
}

function describeArg(a: Arg): string {
  if (typeof a.literal === "string") return "a string";
  if (typeof a.literal === "number") return "a number";
  if (typeof a.literal === "boolean") return "a boolean";
  return a.t.find().label;
}

const stringToString: Builtin = {
  arity: [1, 1],
  type(ctx, [a]) {
    narrow(ctx, a, { k: "string" }, "passed as a string");
    return fresh(ctx, { k: "string" });
  },
};

const printing: Builtin = {
  arity: [0, Infinity],
  type(ctx, args) {
    for (const a of args) {
      const k = a.t.find().kind;
      if (k.k === "list" || k.k === "object" || k.k === "iterable") ctx.notPrintable(k, a.use);
      else narrow(ctx, a, { k: "printable" }, "printed");
    }
    return fresh(ctx, { k: "string" });
  },
};

/** builtins maps each built-in function name to its signature. */
export const builtins: Record<string, Builtin> = {
  eq: comparison(false),
  ne: { ...comparison(false), arity: [2, 2] },
  lt: comparison(true),
  le: comparison(true),
  gt: comparison(true),
  ge: comparison(true),
  // and/or return one of their arguments: the first false (true) one, or the last.
  and: { arity: [1, Infinity], type: (ctx, args) => oneOf(ctx, args, "and") },
  or: { arity: [1, Infinity], type: (ctx, args) => oneOf(ctx, args, "or") },
  not: { arity: [1, 1], type: (ctx) => fresh(ctx, { k: "boolean" }) },
  len: {
    arity: [1, 1],
    type(ctx, [a]) {
      narrow(ctx, a, { k: "lengthable" }, "measured with len");
      return fresh(ctx, { k: "number" });
    },
  },
  index: {
    arity: [1, Infinity],
    type(ctx, [target, ...keys]) {
      let t = target.t;
      for (const key of keys) {
        if (typeof key.literal === "string") {
          t = ctx.types.field(t, key.literal, { ...key.use, what: "indexed with a string" }) ?? fresh(ctx, { k: "any" });
          continue;
        }
        const r = t.find();
        if (r.kind.k === "dynamic") return fresh(ctx, { k: "dynamic" });
        const keyKind = key.t.find().kind.k;
        if (keyKind === "string" || (r.kind.k === "object" && keyKind !== "number")) {
          // A key computed at run time: the target is a map.
          narrow(ctx, key, { k: "string" }, "used as a key");
          const elem = ctx.types.fresh(`a value of ${r.label}`);
          ctx.types.narrow(t, { k: "iterable", elem }, { ...key.use, what: "indexed with a key" });
          const k = t.find().kind;
          t = k.k === "object" && k.elem ? k.elem : elem;
          continue;
        }
        if (keyKind !== "number" && typeof key.literal !== "number") {
          // A key whose type is not known here (a range key, a field used as a key): the
          // runtime tells a list index from a map key.
          ctx.types.narrow(t, { k: "lengthable" }, { ...key.use, what: "indexed" });
          return fresh(ctx, { k: "dynamic" });
        }
        narrow(ctx, key, { k: "number" }, "used as an index");
        if (r.kind.k === "string") {
          t = fresh(ctx, { k: "string" });
          continue;
        }
        if (r.kind.k === "any" || r.kind.k === "lengthable") {
          // A string or a list: the runtime tells them apart.
          ctx.types.narrow(t, { k: "lengthable" }, { ...key.use, what: "indexed with a number" });
          return fresh(ctx, { k: "dynamic" });
        }
        const elem = ctx.types.fresh(`an element of ${r.label}`);
        ctx.types.narrow(t, { k: "list", elem }, { ...key.use, what: "indexed with a number" });
        const k = t.find().kind;
        t = k.k === "list" ? k.elem : elem;
      }
      return t;
    },
  },
  slice: {
    arity: [1, 4],
    type(ctx, [target, ...bounds]) {
      for (const b of bounds) narrow(ctx, b, { k: "number" }, "used as a slice bound");
      const r = target.t.find();
      if (bounds.length === 3 && r.kind.k === "string") ctx.error(details.sliceStringThree(), target.use);
      if (r.kind.k === "any") {
        ctx.types.narrow(target.t, { k: "lengthable" }, { ...target.use, what: "sliced" });
      } else if (!["lengthable", "string", "list", "iterable", "dynamic"].includes(r.kind.k)) {
        ctx.error(details.cannotSlice(r.label, describeKind(r.kind)), target.use);
      }
      return target.t;
    },
  },
  print: printing,
  println: printing,
  printf: {
    arity: [1, Infinity],
    type(ctx, [format]) {
      narrow(ctx, format, { k: "string" }, "used as a format");
      return fresh(ctx, { k: "string" });
    },
  },
  html: printing,
  js: printing,
  urlquery: printing,
  fallback: {
    arity: [2, 2],
    // The value, or else the default: a default of another type is allowed (see Types.settle).
    type: (ctx, [value, dflt]) => ctx.types.either(value.t, dflt.t, "the result of fallback", ctx.call),
  },
  hasTag: {
    arity: [1, 1],
    type(ctx, [name]) {
      narrow(ctx, name, { k: "string" }, "used as a tag name");
      const tags = ctx.types.field(ctx.root, "tags", { ...name.use, what: "read by hasTag" });
      if (tags) ctx.types.narrow(tags, { k: "list", elem: ctx.types.fresh("a tag", { k: "string" }) }, { ...name.use, what: "read by hasTag" });
      if (typeof name.literal === "string") ctx.tag(name.literal, name.use);
      return fresh(ctx, { k: "boolean" });
    },
  },
  // safeHTML marks trusted HTML: printed as it is in element content (see weave/index.ts).
  safeHTML: stringToString,
  upper: stringToString,
  lower: stringToString,
  title: stringToString,
  trim: stringToString,
  join: {
    arity: [2, 2],
    type(ctx, [sep, list]) {
      narrow(ctx, sep, { k: "string" }, "used as a separator");
      narrow(ctx, list, { k: "list", elem: ctx.types.fresh("an element", { k: "printable" }) }, "joined");
      return fresh(ctx, { k: "string" });
    },
  },
  formatNumber: {
    arity: [1, 3],
    type(ctx, [n, digits, locale]) {
      narrow(ctx, n, { k: "number" }, "formatted as a number");
      if (digits) narrow(ctx, digits, { k: "number" }, "used as a number of decimals");
      if (typeof digits?.literal === "number" && !(Number.isInteger(digits.literal) && digits.literal >= 0 && digits.literal <= 20)) {
        ctx.error(details.decimals(digits.literal), digits.use);
      }
      checkLocale(ctx, locale);
      return fresh(ctx, { k: "string" });
    },
  },
  formatDate: {
    arity: [1, 3],
    type(ctx, [d, style, locale]) {
      narrow(ctx, d, { k: "ordered" }, "formatted as a date");
      if (style) {
        narrow(ctx, style, { k: "string" }, "used as a date style");
        if (typeof style.literal === "string" && !["short", "medium", "long", "full"].includes(style.literal)) {
          ctx.error(details.dateStyle(style.literal), style.use);
        }
      }
      checkLocale(ctx, locale);
      return fresh(ctx, { k: "string" });
    },
  },
};

// checkLocale types a locale argument and validates a constant one with Intl.
function checkLocale(ctx: CallContext, locale: Arg | undefined): void {
  if (!locale) return;
  narrow(ctx, locale, { k: "string" }, "used as a locale");
  if (typeof locale.literal !== "string") return;
  try {
    Intl.getCanonicalLocales(locale.literal);
  } catch {
    ctx.error(details.locale(locale.literal), locale.use);
  }
}


/** unsupportedFunctions are Go builtins we leave out, with the reason. */
export const unsupportedFunctions: Record<string, string> = {
  call: "call (JSON data holds no functions)",
};

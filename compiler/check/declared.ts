/**
 * Declared data types: a template names a TypeScript type for its data
 * (`data: ../types/contact.ts#Contact` in its front matter, or a project default), and this
 * module reads that type's structure with TypeScript's own checker into a Shape: plain data
 * the checker checks every use against, and the validator is generated from.
 *
 * TypeScript 7's native checker runs in its own process; its `typescript/unstable/sync` API
 * reaches it over a pipe. One session reads every type of a build (~0.2 s to start, a few
 * milliseconds per type): 6.0's in-process API would need a second TypeScript package and
 * about as long to load (see BENCHMARKS.md, "Declared types").
 */
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import type { Reporter } from "../diagnostics/diagnostic.js";
import { details } from "../diagnostics/messages.js";
import { SourceFile, type Span } from "../source.js";
import { describeKind, NAMED, type Kind, type TVar, type Types } from "./types.js";

/** DataTypeRef is a `path#Type` reference, resolved to an absolute file, and where it was written. */
export interface DataTypeRef {
  file: string;
  name: string;
  source: SourceFile;
  span: Span;
}

/** Place is where a type or a property is declared. */
export interface Place {
  source: SourceFile;
  span: Span;
}

/** Field is a property of a declared object type. */
export interface Field {
  name: string;
  shape: Shape;
  optional: boolean;
  at?: Place;
}

/**
 * Shape is the structure of a declared type, as far as JSON-like data goes. Object shapes
 * may be shared and cyclic (a recursive type): compare them by identity.
 */
export type Shape =
  | { k: "unknown" }
  | { k: "null" }
  | { k: "undefined" }
  | { k: "string"; values?: string[] }
  | { k: "number"; values?: number[] }
  | { k: "boolean"; values?: boolean[] }
  | { k: "list"; elem: Shape }
  | { k: "tuple"; elems: Shape[]; min: number }
  | { k: "object"; name: string; fields: Field[]; index?: Shape; at?: Place }
  | { k: "union"; of: Shape[] };

/** DeclaredType is a resolved reference: the type's name, its module and its shape. */
export interface DeclaredType {
  name: string;
  file: string;
  shape: Shape;
  /** files are the files the type is read from: its module and what that imports (not TypeScript's libraries). */
  files: string[];
}

/** refKey identifies a reference: the same type named twice is read once. */
export function refKey(ref: { file: string; name: string }): string {
  return `${ref.file}#${ref.name}`;
}

/** parseDataRef reads `path#Type` (the path relative to `base`), or undefined when it is not of that form. */
export function parseDataRef(text: string, base: string): { file: string; name: string } | undefined {
  const m = /^(.+)#([A-Za-z_$][A-Za-z0-9_$]*)$/.exec(text.trim());
  return m ? { file: resolve(base, m[1]), name: m[2] } : undefined;
}

/** readTypes are the types read so far in this process, with the modification times of their program's files. */
const readTypes = new Map<string, { type: DeclaredType; files: Map<string, number> }>();

function mtimeOf(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

/**
 * resolveDataTypes reads every referenced type in one TypeScript session; a type read before,
 * unchanged since, is not read again (a watch or a preview rebuilds without TypeScript). A
 * missing file or export is reported at the reference, an error in the types' files where it is.
 */
export async function resolveDataTypes(allRefs: DataTypeRef[], reporter: Reporter): Promise<Map<string, DeclaredType>> {
  const out = new Map<string, DeclaredType>();
  // A type read before, whose program's files are all as they were then, is read again from memory.
  const refs = allRefs.filter((r) => {
    const known = readTypes.get(refKey(r));
    if (known && [...known.files].every(([f, mtime]) => mtimeOf(f) === mtime)) return void out.set(refKey(r), known.type);
    return true;
  });
  if (refs.length === 0) return out;
  const started = Date.now();
  const { API, DiagnosticCategory, TypeFlags, SymbolFlags, ElementFlags } = await import("typescript/unstable/sync");
  const files = [...new Set(refs.map((r) => r.file))];
  const dir = mkdtempSync(join(tmpdir(), "microtarget-types-"));
  const config = join(dir, "tsconfig.json");
  writeFileSync(
    config,
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: "es2022", module: "esnext", moduleResolution: "bundler", allowImportingTsExtensions: true, skipLibCheck: true, types: [] },
      files,
    }),
  );
  const api = new API({ cwd: dir });
  const snapshot = api.updateSnapshot({ openProject: config });
  try {
    const project = snapshot.getProjects()[0];
    const checker = project.checker;
    const sources = new Map<string, SourceFile>();
    const sourceOf = (path: string): SourceFile => {
      let s = sources.get(path);
      if (!s) sources.set(path, (s = new SourceFile(relative(process.cwd(), path), readFileSync(path, "utf8"))));
      return s;
    };
    // The types' own errors would make every check after them doubtful: report them where they are.
    const broken = new Set<string>();
    for (const file of files) {
      if (!existsSync(file)) {
        for (const r of refs.filter((r) => r.file === file)) reporter.error("type_mismatch", r.source, r.span, details.typesFileMissing(relative(process.cwd(), file)));
        broken.add(file);
        continue;
      }
      for (const d of [...project.program.getSyntacticDiagnostics(file), ...project.program.getSemanticDiagnostics(file)]) {
        if (d.category !== DiagnosticCategory.Error) continue;
        reporter.error("type_mismatch", sourceOf(file), { start: d.pos, end: d.end }, details.typesFileError(d.text));
        broken.add(file);
      }
    }

    const shapes = new Map<number, Shape>();
    const place = (sym: { declarations: readonly { path: string; resolve(): { pos: number; end: number } | undefined }[] }): Place | undefined => {
      const d = sym.declarations[0];
      const node = d?.resolve();
      if (!node) return undefined;
      const source = sourceOf(d.path);
      // A node's range starts at the trivia before it: skip blanks and comments.
      let start = node.pos;
      const text = source.text;
      for (;;) {
        const rest = /^(?:\s+|\/\/[^\n]*|\/\*[^]*?\*\/)/.exec(text.slice(start, node.end));
        if (!rest) break;
        start += rest[0].length;
      }
      return { source, span: { start, end: node.end } };
    };

    type TsType = ReturnType<typeof checker.getAnyType>;
    const shapeOf = (t: TsType): Shape => {
      const f = t.flags;
      if (f & (TypeFlags.Any | TypeFlags.Unknown)) return { k: "unknown" };
      if (f & TypeFlags.Null) return { k: "null" };
      if (f & (TypeFlags.Undefined | TypeFlags.Void)) return { k: "undefined" };
      if (t.isUnionType()) return union(t.getTypes()!.map(shapeOf));
      const value = (t as { value?: unknown }).value;
      if (f & TypeFlags.StringLiteral) return { k: "string", values: [value as string] };
      if (f & (TypeFlags.String | TypeFlags.TemplateLiteral | TypeFlags.StringMapping)) return { k: "string" };
      if (f & TypeFlags.NumberLiteral) return { k: "number", values: [value as number] };
      if (f & TypeFlags.Number) return { k: "number" };
      if (f & TypeFlags.BooleanLiteral) return { k: "boolean", values: [value as boolean] };
      if (f & TypeFlags.Boolean) return { k: "boolean" };
      if (t.isIntersectionType()) {
        // A branded primitive (`string & { __brand: … }`) is the primitive.
        const primitive = t.getTypes()!.find((m) => m.flags & (TypeFlags.String | TypeFlags.Number | TypeFlags.Boolean | TypeFlags.StringLiteral | TypeFlags.NumberLiteral));
        if (primitive) return shapeOf(primitive);
      }
      if (checker.isArrayType(t)) return { k: "list", elem: shapeOf(checker.getTypeArguments(t as never)[0]) };
      if (checker.isTupleType(t)) {
        const elems = checker.getTypeArguments(t as never).map(shapeOf);
        const target = t.isTypeReference() ? t.getTarget() : t;
        const flags = (target as { elementFlags?: readonly number[] }).elementFlags ?? [];
        if (flags.some((x) => x & ElementFlags.Variable)) return { k: "list", elem: union(elems) };
        const min = flags.filter((x) => x & ElementFlags.Required).length;
        return { k: "tuple", elems, min };
      }
      if (f & (TypeFlags.Object | TypeFlags.Intersection)) {
        const known = shapes.get(t.id);
        if (known) return known;
        const shape: Extract<Shape, { k: "object" }> = { k: "object", name: checker.typeToString(t), fields: [] };
        shapes.set(t.id, shape);
        const sym = t.getSymbol();
        const at = sym && sym.declarations.length ? place(sym) : undefined;
        // A type is shown by its first line, not its whole body.
        if (at) shape.at = { ...at, span: { start: at.span.start, end: Math.min(at.span.end, lineEnd(at.source.text, at.span.start)) } };
        for (const p of checker.getPropertiesOfType(t)) {
          const pt = checker.getTypeOfSymbol(p);
          shape.fields.push({ name: p.name, shape: pt ? shapeOf(pt) : { k: "unknown" }, optional: (p.flags & SymbolFlags.Optional) !== 0, at: place(p) });
        }
        const index = checker.getIndexInfosOfType(t).find((i) => i.keyType.flags & (TypeFlags.String | TypeFlags.Number));
        if (index) shape.index = shapeOf(index.valueType);
        return shape;
      }
      return { k: "unknown" };
    };

    for (const ref of refs) {
      const key = refKey(ref);
      if (out.has(key) || broken.has(ref.file)) continue;
      const sf = project.program.getSourceFile(ref.file);
      const mod = sf && checker.getSymbolAtLocation(sf);
      const exports = mod ? checker.getExportsOfModule(mod) : [];
      let sym = exports.find((s) => s.name === ref.name);
      if (sym && sym.flags & SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
      if (!sym || !(sym.flags & SymbolFlags.Type)) {
        const types = exports.filter((s) => s.flags & (SymbolFlags.Type | SymbolFlags.Alias)).map((s) => s.name);
        reporter.error("type_mismatch", ref.source, ref.span, details.typeNotExported(ref.name, relative(process.cwd(), ref.file), types));
        continue;
      }
      out.set(key, { name: ref.name, file: ref.file, shape: shapeOf(checker.getDeclaredTypeOfSymbol(sym)), files: [] });
    }
    const program = new Map(
      project.program
        .getSourceFileNames()
        .filter((f) => !f.split(/[\\/]/).includes("node_modules"))
        .map((f) => [resolve(f), mtimeOf(f)]),
    );
    // A file saved while TypeScript read it may have been read before or after the save: remember nothing then.
    const steady = [...program.values()].every((mtime) => mtime < started);
    for (const ref of refs) {
      const type = out.get(refKey(ref));
      if (!type) continue;
      type.files = [...program.keys()];
      if (steady && !broken.has(ref.file)) readTypes.set(refKey(ref), { type, files: program });
    }
  } finally {
    snapshot.dispose();
    await quietly(api);
    api.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

/**
 * quietly lets TypeScript's checker process end on its own before the API closes it: killed
 * while it waits for a request, it prints "context canceled" on our standard error (which it
 * shares), now and then under load. Its input closed, it exits at once; after a second the
 * API's close kills it anyway. (The child is not in the unstable API's types.)
 */
async function quietly(api: object): Promise<void> {
  const child = (api as { client?: { channel?: { child?: ChildProcess } } }).client?.channel?.child;
  if (!child || child.exitCode !== null || !child.stdin) return;
  let timer: NodeJS.Timeout | undefined;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.stdin.end();
  // The timer also keeps the event loop alive while we wait (the API unreferences the child).
  await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 1000)))]);
  clearTimeout(timer);
}

/** typeSpecifier is how TypeScript imports a .ts file by an absolute path: by its JavaScript name. */
export function typeSpecifier(file: string): string {
  return file.replace(/\.([mc]?)tsx?$/, ".$1js");
}

function lineEnd(text: string, from: number): number {
  const i = text.indexOf("\n", from);
  return i < 0 ? text.length : i;
}

/** union flattens and simplifies a union: literals of one primitive merge, and a primitive absorbs its literals. */
export function union(members: Shape[]): Shape {
  const flat = members.flatMap((m) => (m.k === "union" ? m.of : [m]));
  const out: Shape[] = [];
  for (const m of flat) {
    if (m.k === "string" || m.k === "number" || m.k === "boolean") {
      const same = out.find((o) => o.k === m.k) as typeof m | undefined;
      if (!same) out.push({ ...m, values: m.values && [...m.values] } as Shape);
      else if (!same.values || !m.values) delete same.values;
      else for (const v of m.values as never[]) if (!(same.values as never[]).includes(v)) (same.values as never[]).push(v);
    } else if (!out.some((o) => o.k === m.k && (m.k === "null" || m.k === "undefined" || m.k === "unknown"))) out.push(m);
  }
  // true | false is boolean.
  for (const o of out) if (o.k === "boolean" && o.values?.length === 2) delete o.values;
  return out.length === 1 ? out[0] : { k: "union", of: out };
}

/**
 * declaredVar turns a declared type into the checker's type variables: fixed (uses are
 * checked against them, never narrow them), objects closed (a field the type lacks is an
 * error), each carrying its declaration's place for messages.
 */
export function declaredVar(types: Types, declared: DeclaredType): TVar {
  // Each path gets variables of its own (two Address fields are two places); only a type that
  // contains itself shares: the object being built is reused where it recurs inside itself.
  const building = new Map<Shape, Kind>();
  const go = (shape: Shape, label: string, at: Place | undefined, tsType: string): TVar => {
    const t = types.fresh(label);
    t.fixed = true;
    t.tsType = tsType;
    t.kind = kindOf(shape, label, tsType);
    // A field is shown where it is declared; an element of a list, by its type's declaration.
    const place = at ?? (shape.k === "object" ? shape.at : undefined);
    if (place) t.use = { source: place.source, span: place.span, what: at ? `declared as ${describeKind(t.kind)} in ${declared.name}` : shape.k === "object" && NAMED.test(shape.name) ? `${shape.name} declared` : "declared" };
    return t;
  };
  const member = (tsType: string, key: string) => `NonNullable<${tsType}>[${key}]`;
  const kindOf = (shape: Shape, label: string, ts: string): Kind => {
    switch (shape.k) {
      case "unknown":
        return { k: "dynamic" };
      case "null":
      case "undefined":
        return { k: "printable" };
      case "string":
        return { k: "string", values: shape.values };
      case "number":
        return { k: "number", values: shape.values };
      case "boolean":
        return { k: "boolean" };
      case "list":
        return { k: "list", elem: go(shape.elem, `${label}[]`, undefined, member(ts, "number")) };
      case "tuple":
        return { k: "list", elem: go(union(shape.elems), `${label}[]`, undefined, member(ts, "number")) };
      case "object": {
        const recurring = building.get(shape);
        if (recurring) return recurring;
        const prefix = label === "." ? "" : label;
        const kind: Extract<Kind, { k: "object" }> = { k: "object", fields: new Map(), closed: shape.name };
        building.set(shape, kind);
        for (const f of shape.fields) kind.fields.set(f.name, go(f.shape, `${prefix}.${f.name}`, f.at, member(ts, JSON.stringify(f.name))));
        if (shape.index) kind.elem = go(shape.index, `${label}[]`, undefined, member(ts, "string"));
        building.delete(shape);
        return kind;
      }
      case "union": {
        const members = shape.of.filter((m) => m.k !== "null" && m.k !== "undefined");
        if (members.length === 0) return { k: "printable" };
        if (members.length === 1) return kindOf(members[0], label, ts);
        if (members.every((m) => m.k === "string" || m.k === "number")) return { k: "ordered" };
        if (members.every((m) => m.k === "string" || m.k === "number" || m.k === "boolean")) return { k: "printable" };
        // Unions of objects, or of objects and scalars: checked when rendered, not here.
        return { k: "dynamic" };
      }
    }
  };
  return go(declared.shape, ".", undefined, `import(${JSON.stringify(typeSpecifier(declared.file))}).${declared.name}`);
}

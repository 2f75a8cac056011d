/**
 * checkSignatures checks the calls of user functions against their TypeScript signatures
 * in the project's config file. It writes one small TypeScript file in which each call is
 * restated with its arguments' inferred types (`_f.add1(_v<number | null | undefined>())`),
 * one argument per line, runs TypeScript's `tsc` on it, and maps each error back to the
 * template position of the call or the argument. TypeScript 7's native `tsc` starts in a
 * fraction of a second, so one process checks a whole build.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import type { Reporter } from "../diagnostics/diagnostic.js";
import { details } from "../diagnostics/messages.js";
import { keyType, type UserCall } from "./check.js";
import { typeText } from "./type-text.js";
import { kindOf } from "./types.js";

const run = promisify(execFile);

/** checkSignatures reports calls that do not fit the functions' TypeScript types. */
export async function checkSignatures(calls: readonly UserCall[], configPath: string, reporter: Reporter): Promise<void> {
  if (calls.length === 0) return;
  const lines = [
    `import type { functions as _F } from ${JSON.stringify(configPath)};`,
    "declare const _f: typeof _F;",
    "declare function _v<T>(): T;",
  ];
  // Each line of the file maps back to a call (argument -1: the call itself) or an argument.
  const places: ({ call: UserCall; arg: number } | undefined)[] = [undefined, undefined, undefined];
  const add = (text: string, place: { call: UserCall; arg: number }) => {
    for (const line of text.split("\n")) {
      lines.push(line);
      places.push(place);
    }
  };
  for (const call of calls) {
    add(`_f.${call.name}(`, { call, arg: -1 });
    call.args.forEach((a, i) => add(`  _v<${argType(a)}>(),`, { call, arg: i }));
    add(");", { call, arg: -1 });
  }
  const dir = mkdtempSync(join(tmpdir(), "microtarget-signatures-"));
  try {
    writeFileSync(join(dir, "calls.ts"), lines.join("\n") + "\n");
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { strict: true, noEmit: true, target: "es2022", module: "esnext", moduleResolution: "bundler", allowImportingTsExtensions: true, skipLibCheck: true, types: [] },
        files: ["calls.ts"],
      }),
    );
    const output = await tsc(dir);
    for (const error of parseTscOutput(output, "calls.ts")) {
      const place = places[error.line - 1];
      if (!place) continue;
      const { call, arg } = place;
      const arity = /Expected (\d+)(?:-(\d+))? arguments?/.exec(error.message);
      if (arity) {
        const [, min, max] = arity;
        const expected = max ? `${min} to ${max} arguments` : `${min} argument${min === "1" ? "" : "s"}`;
        reporter.error("wrong_arity", call.source, call.span, call.name, expected, call.args.length);
      } else if (arg < 0) {
        reporter.error("type_mismatch", call.source, call.span, details.signature(call.name, error.message));
      } else {
        reporter.error("type_mismatch", call.source, call.args[arg].span, details.argument(arg + 1, call.name, error.message));
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// argType is the TypeScript type of an argument: a constant's own type, `any` for what an
// untyped function returned, else the inferred type (with null and undefined where data may lack it).
function argType(a: UserCall["args"][number]): string {
  if (a.literal !== undefined) return JSON.stringify(a.literal);
  const kind = kindOf(a.t);
  // A declared type's value: its own TypeScript type (missing values are in it already).
  const declared = a.t.find().tsType;
  if (declared) return a.mayBeMissing ? declared : `NonNullable<${declared}>`;
  // Unconstrained by the template: its type comes from nowhere but the function, so accept it.
  if (kind.k === "dynamic" || kind.k === "any") return "any";
  const text = keyType(a.t) ?? typeText(a.t);
  return a.mayBeMissing && text !== "unknown" ? `${text} | null | undefined` : text;
}

async function tsc(dir: string): Promise<string> {
  // The package exports no ./bin path: find the bin beside its package.json.
  const bin = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin/tsc");
  try {
    const { stdout } = await run(process.execPath, [bin, "-p", dir, "--pretty", "false"], { maxBuffer: 64 << 20 });
    return stdout;
  } catch (e) {
    // tsc exits non-zero when it reports errors: its output is what we want.
    const out = (e as { stdout?: string }).stdout;
    if (typeof out === "string") return out;
    throw e;
  }
}

/** parseTscOutput reads `file(line,col): error TSnnnn: message` lines (with indented continuations) for one file. */
export function parseTscOutput(output: string, file: string): { line: number; column: number; code: number; message: string }[] {
  const errors: { line: number; column: number; code: number; message: string }[] = [];
  let last: { message: string } | undefined;
  for (const line of output.split(/\r?\n/)) {
    const m = /^(.*)\((\d+),(\d+)\): error TS(\d+): (.*)$/.exec(line);
    if (m) {
      last = undefined;
      if (!m[1].endsWith(file)) continue;
      const error = { line: Number(m[2]), column: Number(m[3]), code: Number(m[4]), message: m[5] };
      errors.push(error);
      last = error;
    } else if (last && /^\s+\S/.test(line)) last.message += " " + line.trim();
  }
  return errors;
}

/**
 * The project config file, `microtarget.config.ts` (or `.mts`, `.js`, `.mjs`), found in a
 * directory or its ancestors. It exports `functions` (the user functions templates may call)
 * and may export `data`: the default data type of templates (`path#Type`, the path relative
 * to the config file), checked like a template's own `data:` front matter.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { loadModuleFile } from "./bundle/index.js";

const names = ["microtarget.config.ts", "microtarget.config.mts", "microtarget.config.js", "microtarget.config.mjs"];

/** ProjectConfig is a loaded config file. */
export interface ProjectConfig {
  path: string;
  functions: Record<string, (...args: any[]) => unknown>;
  /** data is the default data type, `path#Type`. */
  data?: string;
}

/** findConfig returns the path of the nearest config file from `dir` upwards, if any. */
export function findConfig(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    for (const n of names) if (existsSync(join(d, n))) return join(d, n);
    if (dirname(d) === d) return undefined;
  }
}

/** loadConfig loads a config file (TypeScript is compiled by esbuild first). */
export async function loadConfig(path: string): Promise<ProjectConfig> {
  const mod = (await loadModuleFile(path)) as { functions?: unknown; data?: unknown; default?: { functions?: unknown; data?: unknown } };
  const functions = mod.functions ?? mod.default?.functions ?? {};
  const data = mod.data ?? mod.default?.data;
  if (data !== undefined && typeof data !== "string") throw new Error(`${path}: \`data\` must be a string, path#Type`);
  if (typeof functions !== "object" || functions === null) throw new Error(`${path}: \`functions\` must be an object of functions`);
  for (const [name, fn] of Object.entries(functions)) {
    if (typeof fn !== "function") throw new Error(`${path}: functions.${name} is not a function`);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`${path}: "${name}" is not a valid template function name`);
  }
  return { path, functions: functions as ProjectConfig["functions"], data };
}

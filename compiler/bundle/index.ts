/**
 * The only importer of esbuild: one module bundled with its runtime, and
 * (bundle/write-dist.ts) a whole build's dist/.
 */
import * as esbuild from "esbuild";
import { Script } from "node:vm";

/** bundleModule bundles a generated module (TypeScript, or JavaScript with `loader`) with the runtime it imports into one self-contained module (ES, or CommonJS for loadModule). */
export async function bundleModule(code: string, loader: "ts" | "js" = "ts", format: "esm" | "cjs" = "esm"): Promise<string> {
  const result = await esbuild.build({
    stdin: { contents: code, loader, resolveDir: process.cwd(), sourcefile: `template.${loader}` },
    bundle: true,
    write: false,
    format,
    platform: "neutral",
    target: "es2022",
    logLevel: "silent",
  });
  return result.outputFiles[0].text;
}

/**
 * loadModule bundles a generated module (TypeScript, or JavaScript with `loader`) with its
 * runtime and runs it, returning its exports. It runs as a script, not imported as an ES
 * module: Node keeps every ES module it imported until the process ends, and `microtarget
 * dev` loads a module per rebuild; a script's exports go when nothing holds them.
 */
export async function loadModule(code: string, loader: "ts" | "js" = "ts"): Promise<unknown> {
  const js = await bundleModule(code, loader, "cjs");
  const module = { exports: {} };
  const run = new Script(`(function (module, exports) {${js}\n})`, { filename: "template.js" }).runInThisContext() as (m: object, e: object) => void;
  run(module, module.exports);
  return module.exports;
}

/** loadModuleFile bundles a TypeScript or JavaScript file with what it imports, and imports it. */
export async function loadModuleFile(path: string): Promise<unknown> {
  const result = await esbuild.build({
    entryPoints: [path],
    bundle: true,
    write: false,
    format: "esm",
    platform: "node",
    target: "node20",
    logLevel: "silent",
    // Bundled CommonJS packages may call require(): give them one.
    banner: { js: `import { createRequire as __mtCreateRequire } from "node:module"; const require = __mtCreateRequire(${JSON.stringify(path)});` },
  });
  return importCode(result.outputFiles[0].text);
}

// importCode imports an ES module from its code.
function importCode(js: string): Promise<unknown> {
  return import(`data:text/javascript;base64,${Buffer.from(js).toString("base64")}`);
}

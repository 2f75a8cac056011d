/**
 * The only importer of esbuild: TypeScript to JavaScript for one module, one module
 * bundled with its runtime, and (bundle/write-dist.ts) a whole build's dist/.
 */
import * as esbuild from "esbuild";

/** transformModule strips a generated module's types, keeping its imports. */
export async function transformModule(ts: string): Promise<string> {
  const result = await esbuild.transform(ts, { loader: "ts", format: "esm", target: "es2022" });
  return result.code;
}

/** bundleModule bundles a generated module with the runtime it imports into one self-contained ES module. */
export async function bundleModule(ts: string): Promise<string> {
  const result = await esbuild.build({
    stdin: { contents: ts, loader: "ts", resolveDir: process.cwd(), sourcefile: "template.ts" },
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    logLevel: "silent",
  });
  return result.outputFiles[0].text;
}

// Builds the compiler: generates the nearley grammar, then bundles the compiler, the CLI
// and the runtime into lib/ with esbuild, and writes lib/*.d.ts with tsc.
import { execFileSync } from "node:child_process";
import { existsSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const quiet = process.argv.includes("--grammar-only");

/** buildGrammar regenerates compiler/parse/grammar.ts when grammar.ne is newer. */
export function buildGrammar() {
  const ne = join(root, "compiler/parse/grammar.ne");
  const ts = join(root, "compiler/parse/grammar.ts");
  if (existsSync(ts) && statSync(ts).mtimeMs >= statSync(ne).mtimeMs) return;
  const nearleyc = join(root, "node_modules/nearley/bin/nearleyc.js");
  const out = execFileSync(process.execPath, [nearleyc, ne], { encoding: "utf8" });
  writeFileSync(ts, "// @ts-nocheck\n" + out);
}

buildGrammar();
if (!quiet) {
  const esbuild = await import("esbuild");
  // From an empty lib/: chunks are named by their content, and a stale one would ship with the package.
  rmSync(join(root, "lib"), { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: { index: "compiler/index.ts", cli: "compiler/cli/main.ts", "runtime/index": "runtime/index.ts" },
    outdir: "lib",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    sourcemap: true,
    logLevel: "warning",
  });
  // Declarations: tsc writes lib/.types/; the entry points re-export from there.
  execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
  writeFileSync(join(root, "lib/index.d.ts"), 'export * from "./.types/compiler/index.js";\n');
  writeFileSync(join(root, "lib/runtime/index.d.ts"), 'export * from "../.types/runtime/index.js";\n');
}

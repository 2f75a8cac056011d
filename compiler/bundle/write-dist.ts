/**
 * writeDist bundles a build's generated modules into dist/ with esbuild: one ES module per
 * template, the runtime as one shared file (`runtime.js`, only the functions the templates
 * use), an index re-exporting every template. It
 * writes into a fresh sibling folder and swaps it in at the end, so a failed build leaves
 * the previous dist/ exactly as it was.
 */
import * as esbuild from "esbuild";
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** DistModule is one template's generated module. */
export interface DistModule {
  /** path is the output path without extension, relative to dist/: "welcome", "nurture/day-3". */
  path: string;
  exportName: string;
  ts: string;
  dts: string;
  /** runtimeNames are the runtime functions the module imports. */
  runtimeNames: string[];
}

/** writeDist writes every module into outDir atomically; it returns the size in bytes of the JavaScript written. */
export async function writeDist(modules: DistModule[], outDir: string, runtime: string): Promise<number> {
  const parent = dirname(outDir);
  mkdirSync(parent, { recursive: true });
  const stage = join(parent, `.${basename(outDir)}.tmp-${process.pid}-${Date.now()}`);
  const src = join(stage, ".src");
  try {
    mkdirSync(src, { recursive: true });
    const entryPoints: Record<string, string> = {};
    for (const m of modules) {
      const file = join(src, `${m.path}.ts`);
      mkdirSync(dirname(file), { recursive: true });
      const up = "../".repeat(m.path.split("/").length - 1) || "./";
      writeFileSync(file, m.ts.replaceAll("__MICROTARGET_RUNTIME__", `${up}runtime.js`));
      entryPoints[m.path] = file;
    }
    // The runtime is one shared file holding exactly the functions the templates use.
    const used = [...new Set(modules.flatMap((m) => m.runtimeNames))].sort();
    const runtimeEntry = join(src, "_runtime.ts");
    writeFileSync(runtimeEntry, `export { ${used.join(", ")} } from ${JSON.stringify(runtime)};\n`);
    // absWorkingDir: the comments esbuild writes name files relative to it, so two builds are byte-identical.
    const common = { absWorkingDir: src, outdir: stage, bundle: true, format: "esm", platform: "neutral", target: "es2022", logLevel: "silent", metafile: true, sourcemap: true } as const;
    const runtimeBuild = await esbuild.build({ ...common, entryPoints: { runtime: runtimeEntry } });
    // Each template is one module: its code, its user functions, and imports of runtime.js.
    const templateBuild = await esbuild.build({ ...common, entryPoints, external: ["*/runtime.js", "./runtime.js"] });
    rmSync(src, { recursive: true, force: true });
    const index = modules.map((m) => `export * as ${m.exportName} from "./${m.path}.js";`).join("\n") + "\n";
    writeFileSync(join(stage, "index.js"), index);
    writeFileSync(join(stage, "index.d.ts"), index);
    for (const m of modules) {
      const file = join(stage, `${m.path}.d.ts`);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, m.dts);
    }
    const bytes = [runtimeBuild, templateBuild]
      .flatMap((b) => Object.entries(b.metafile.outputs))
      .filter(([file]) => file.endsWith(".js"))
      .reduce((n, [, o]) => n + o.bytes, 0);
    const old = `${stage}-old`;
    if (existsSync(outDir)) renameSync(outDir, old);
    renameSync(stage, outDir);
    rmSync(old, { recursive: true, force: true });
    return bytes;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

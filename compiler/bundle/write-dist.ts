/**
 * writeDist bundles a build's generated modules into dist/ with esbuild: one ES module per
 * template, the runtime as one shared chunk, an index re-exporting every template. It
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
      writeFileSync(file, m.ts.replaceAll("__MICROTARGET_RUNTIME__", runtime));
      entryPoints[m.path] = file;
    }
    const index = modules.map((m) => `export * as ${m.exportName} from "./${m.path}.js";`).join("\n") + "\n";
    writeFileSync(join(src, "index.ts"), index);
    entryPoints.index = join(src, "index.ts");
    const result = await esbuild.build({
      entryPoints,
      outdir: stage,
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "neutral",
      target: "es2022",
      chunkNames: "_shared/[name]-[hash]",
      logLevel: "silent",
      metafile: true,
    });
    rmSync(src, { recursive: true, force: true });
    for (const m of modules) {
      const file = join(stage, `${m.path}.d.ts`);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, m.dts);
    }
    writeFileSync(join(stage, "index.d.ts"), index);
    const old = `${stage}-old`;
    if (existsSync(outDir)) renameSync(outDir, old);
    renameSync(stage, outDir);
    rmSync(old, { recursive: true, force: true });
    return Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

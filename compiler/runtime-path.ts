import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** runtimePath returns the runtime's entry file: beside the built compiler (lib/), or in the sources. */
export function runtimePath(): string {
  // import.meta.url is lib/<chunk>.js once built, compiler/runtime-path.ts in the sources.
  for (const candidate of ["./runtime/index.js", "../runtime/index.ts"]) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error("internal error: the microtarget runtime is missing");
}

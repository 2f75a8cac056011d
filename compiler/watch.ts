/**
 * Watching a templates folder, for `microtarget dev` and `microtarget build --watch`: file
 * events arrive in bursts (an editor writes, renames, touches), so they are gathered and
 * handled once per burst, one burst at a time; `affected` says which templates a changed
 * file rebuilds, from each template's dependencies (compileFolder records them).
 */
import { readFileSync, statSync, watch, type FSWatcher } from "node:fs";
import { dirname, resolve, sep } from "node:path";
import { findConfig } from "./config.js";

/** Watcher stops watching. */
export interface Watcher {
  close(): Promise<void>;
}

/**
 * watchFolder calls `onChange` with the files changed in a burst, below `srcDir`, beside its
 * config file, or in `extraDirs` (the folders of data types kept elsewhere, asked again after
 * each burst: a type may import a new file); what it throws goes to `onError`, and watching goes on.
 */
export function watchFolder(srcDir: string, extraDirs: () => Iterable<string>, onChange: (files: string[]) => Promise<void>, onError: (error: unknown) => void): Watcher {
  const root = resolve(srcDir);
  // An editor's save can fire several events, some after the burst: a file whose content is
  // what it was at the last burst is not a change.
  const seen = new Map<string, string>();
  const fresh = (file: string) => {
    let content: string;
    try {
      content = statSync(file).isFile() ? readFileSync(file, "latin1") : "";
    } catch {
      content = "\u0000gone";
    }
    if (seen.get(file) === content) return false;
    seen.set(file, content);
    return true;
  };
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const changed = (file: string) => {
    pending.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...pending].filter(fresh);
      pending = new Set();
      if (files.length === 0) return;
      running = running
        .then(() => onChange(files))
        .then(sync)
        .catch((e: unknown) => {
          for (const f of files) seen.delete(f); // the next save of these files is a change again
          onError(e);
        });
    }, 40);
  };
  const watchers = new Map<string, FSWatcher>();
  const add = (dir: string, recursive: boolean) => {
    if (watchers.has(dir)) return;
    try {
      watchers.set(dir, watch(dir, { recursive }, (_event, name) => name && changed(resolve(dir, name.toString()))));
    } catch {
      // a folder that is gone: its files' absence is the change already seen
    }
  };
  // sync watches the folders outside srcDir that hold the config and the data types' files.
  const sync = () => {
    const config = findConfig(root);
    for (const dir of [...extraDirs(), ...(config ? [dirname(config)] : [])]) {
      const d = resolve(dir);
      if (d !== root && !d.startsWith(root + sep)) add(d, false);
    }
  };
  add(root, true);
  sync();
  return {
    async close() {
      clearTimeout(timer);
      for (const w of watchers.values()) w.close();
      await running;
    },
  };
}

/**
 * affected returns the templates (by path) that depend on one of the changed files, or "all"
 * when the set of templates itself changed (one added or removed) or the config did.
 */
export function affected(dependencies: Map<string, ReadonlySet<string>>, changed: string[], templates: { known: Iterable<string>; present: Iterable<string> }): Set<string> | "all" {
  const known = new Set(templates.known);
  const present = new Set(templates.present);
  if ([...present].some((f) => !known.has(f)) || [...known].some((f) => !present.has(f))) return "all";
  if (changed.some((f) => /(^|[\\/])microtarget\.config\.[mc]?[jt]s$/.test(f))) return "all";
  const out = new Set<string>();
  // A dependency ending in a separator is a folder: a file added to it counts (a new audience).
  const hit = (deps: ReadonlySet<string>, f: string) => deps.has(f) || [...deps].some((d) => d.endsWith(sep) && f.startsWith(d));
  for (const [path, deps] of dependencies) if (changed.some((f) => hit(deps, f))) out.add(path);
  return out;
}

/** typeFolders lists the folders of the data-type files (and other .ts dependencies) of some templates. */
export function typeFolders(dependencies: Iterable<ReadonlySet<string>>): Set<string> {
  const out = new Set<string>();
  for (const deps of dependencies) for (const d of deps) if (/\.[mc]?tsx?$/.test(d)) out.add(dirname(d));
  return out;
}

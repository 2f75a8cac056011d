// `microtarget build --watch` in a subprocess on a copy of templates/: a change rebuilds only
// the templates that depend on the changed file and writes dist/ again; a broken template
// leaves dist/ as it was, and fixing it recovers.
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");

describe("microtarget build --watch", () => {
  const work = mkdtempSync(join(tmpdir(), "microtarget-watch-"));
  let child: ChildProcess;
  let stderr = "";

  // next waits for the next build report after `mark` (an offset into stderr) and returns it.
  const next = async (mark: number): Promise<string> => {
    for (const started = Date.now(); !/watching templates\/ for changes\n/.test(stderr.slice(mark)); ) {
      if (Date.now() - started > 20_000) throw new Error(`no build report after:\n${stderr.slice(mark)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return stderr.slice(mark, stderr.indexOf("for changes\n", mark) + 12);
  };

  beforeAll(async () => {
    cpSync(join(root, "templates"), join(work, "templates"), { recursive: true });
    cpSync(join(root, "microtarget.config.ts"), join(work, "microtarget.config.ts"));
    child = spawn(process.execPath, [join(root, "bin/microtarget.js"), "build", "templates", "--out", "dist", "--watch"], { cwd: work, stdio: ["ignore", "pipe", "pipe"] });
    child.stderr!.on("data", (d) => (stderr += d));
    expect(await next(0)).toMatch(/^built 14 templates into dist\//);
  }, 60_000);

  afterAll(() => {
    child?.kill("SIGTERM");
    rmSync(work, { recursive: true, force: true });
  });

  it("rebuilds what depends on a change, keeps dist/ on an error, and recovers", async () => {
    const file = join(work, "templates/dropbox-tags.tmpl");
    const original = readFileSync(file, "utf8");
    let mark = stderr.length;
    writeFileSync(file, original.replace("Hi {{fallback .FirstName", "Hello again {{fallback .FirstName"));
    expect(await next(mark)).toMatch(/^built dropbox-tags into dist\//);
    expect(readFileSync(join(work, "dist/dropbox-tags.js"), "utf8")).toContain("Hello again ");

    // A partial rebuilds the templates that reach it, and only those.
    mark = stderr.length;
    const footer = join(work, "templates/partials/footer.tmpl");
    writeFileSync(footer, readFileSync(footer, "utf8").replace("You receive this email", "You get this email"));
    expect(await next(mark)).toMatch(/^built dropbox-tags, trial-nurture into dist\//);

    const before = readFileSync(join(work, "dist/dropbox-tags.js"), "utf8");
    mark = stderr.length;
    writeFileSync(file, original + "{{if .x}}never closed");
    const failed = await next(mark);
    expect(failed).toContain("error[unclosed_block]");
    expect(failed).toContain("build failed: dist/ was left as it was");
    expect(readFileSync(join(work, "dist/dropbox-tags.js"), "utf8")).toBe(before);

    mark = stderr.length;
    writeFileSync(file, original);
    expect(await next(mark)).toMatch(/^built dropbox-tags into dist\//);
    expect(readFileSync(join(work, "dist/dropbox-tags.js"), "utf8")).not.toContain("Hello again ");
  }, 60_000);
});

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

  // next waits for a build report after `mark` (an offset into stderr) that has `expected`, and returns it.
  const next = async (mark: number, expected: string | RegExp): Promise<string> => {
    for (const started = Date.now(); ; ) {
      const reports = stderr.slice(mark).split(/(?<=for changes\n)/).filter((r) => r.endsWith("for changes\n"));
      const found = reports.find((r) => (typeof expected === "string" ? r.includes(expected) : expected.test(r)));
      if (found) return found;
      if (Date.now() - started > 20_000) throw new Error(`no build report with ${expected} after:\n${stderr.slice(mark)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  beforeAll(async () => {
    cpSync(join(root, "templates"), join(work, "templates"), { recursive: true });
    cpSync(join(root, "microtarget.config.ts"), join(work, "microtarget.config.ts"));
    child = spawn(process.execPath, [join(root, "bin/microtarget.js"), "build", "templates", "--out", "dist", "--watch"], { cwd: work, stdio: ["ignore", "pipe", "pipe"] });
    child.stderr!.on("data", (d) => (stderr += d));
    await next(0, /^built 14 templates into dist\//);
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
    await next(mark, /^built dropbox-tags into dist\//);
    expect(readFileSync(join(work, "dist/dropbox-tags.js"), "utf8")).toContain("Hello again ");

    // A partial rebuilds the templates that reach it, and only those.
    mark = stderr.length;
    const footer = join(work, "templates/partials/footer.tmpl");
    writeFileSync(footer, readFileSync(footer, "utf8").replace("You receive this email", "You get this email"));
    await next(mark, /^built dropbox-tags, trial-nurture into dist\//);
    expect(stderr.slice(mark)).not.toMatch(/^built .*(day-|dropbox-earn)/m); // the MJML emails do not use it

    const before = readFileSync(join(work, "dist/dropbox-tags.js"), "utf8");
    mark = stderr.length;
    writeFileSync(file, original + "{{if .x}}never closed");
    const failed = await next(mark, "build failed: dist/ was left as it was");
    expect(failed).toContain("error[unclosed_block]");
    expect(readFileSync(join(work, "dist/dropbox-tags.js"), "utf8")).toBe(before);

    mark = stderr.length;
    writeFileSync(file, original);
    await next(mark, /^built dropbox-tags into dist\//);
    expect(readFileSync(join(work, "dist/dropbox-tags.js"), "utf8")).not.toContain("Hello again ");
  }, 60_000);
});

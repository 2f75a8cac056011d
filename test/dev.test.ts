// The preview, end to end in a real browser: `microtarget dev` in a subprocess on a copy of
// templates/, Playwright (playwright-core) driving Debian's Chromium (/usr/bin/chromium;
// .ci/run installs it). A screenshot of every page goes to test/artifacts/ (gitignored).
import { spawn, type ChildProcess } from "node:child_process";
import { request } from "node:http";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
const artifacts = join(root, "test/artifacts");
const CHROMIUM = "/usr/bin/chromium";

const hasChromium = existsSync(CHROMIUM);
// Skipped only on a machine without Debian's Chromium: the browser tests drive it, and .ci/run
// installs the chromium package, so CI always runs them. Never a downloaded browser.
if (!hasChromium) it.skip("preview in a browser (needs Debian's chromium at /usr/bin/chromium: .ci/run installs it)", () => {});

describe.runIf(hasChromium)("microtarget dev in Chromium", () => {
  const work = mkdtempSync(join(tmpdir(), "microtarget-dev-"));
  let server: ChildProcess;
  let url: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    cpSync(join(root, "templates"), join(work, "templates"), { recursive: true });
    cpSync(join(root, "microtarget.config.ts"), join(work, "microtarget.config.ts"));
    mkdirSync(artifacts, { recursive: true });
    server = spawn(process.execPath, [join(root, "bin/microtarget.js"), "dev", "templates", "--port", "0"], { cwd: work, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    server.stderr!.on("data", (d) => (stderr += d));
    url = await new Promise<string>((done, fail) => {
      let out = "";
      server.stdout!.on("data", (d) => {
        out += d;
        const m = /microtarget preview: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (m) done(m[1]);
      });
      server.once("exit", (code) => fail(new Error(`microtarget dev exited (${code}): ${stderr}`)));
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.kill("SIGTERM");
    rmSync(work, { recursive: true, force: true });
  });

  it("lists every showcase template and shows each page, with a screenshot of each", async () => {
    await page.goto(url);
    const rows = await page.locator("table.index tbody tr").count();
    expect(rows).toBe(14);
    const links = await page.locator("table.index tbody a").evaluateAll((as) => as.map((a) => (a as unknown as { getAttribute(name: string): string }).getAttribute("href")));
    for (const href of links) {
      await page.goto(new URL(href, url).href, { waitUntil: "domcontentloaded" });
      await expect.poll(() => page.locator("h2").textContent()).toBe(decodeURI(href.slice(3)));
      expect(await page.locator("#error").count(), href).toBe(0);
      expect(await page.locator("section.audience").count(), href).toBeGreaterThan(0);
      expect(await page.locator("#gallery .variant").count(), href).toBeGreaterThan(0);
      await page.screenshot({ path: join(artifacts, `dev-${href.slice(3).replaceAll("/", "-")}.png`), fullPage: false });
    }
  }, 120_000);

  it("answers only pages of its own address (no DNS rebinding)", async () => {
    const status = (host: string) =>
      new Promise<number>((done, fail) => request(url, { headers: { host } }, (res) => (res.resume(), done(res.statusCode!))).on("error", fail).end());
    expect(await status(new URL(url).host)).toBe(200);
    expect(await status("attacker.example:80")).toBe(403);
  });

  it("shows the Dropbox email's 8 variants, one per combination of its 3 tags, and its coverage", async () => {
    await page.goto(new URL("t/dropbox-earn-space", url).href);
    expect(await page.locator("#gallery .variant").count()).toBe(8);
    // Each labelled by what differs: the tags it has, and (struck through) those it has not.
    const chips = await page.locator("#gallery .variant .chips").evaluateAll((els) => els.map((e) => e.innerHTML));
    expect(new Set(chips).size).toBe(8);
    expect(await page.locator("#coverage").count()).toBe(1);
    // One audience at a time: a tab shows another.
    expect(await page.locator("[data-tab]").count()).toBe(8);
    await page.locator('[data-tab="3"]').click();
    expect(await page.locator('[data-panel="3"]').isVisible()).toBe(true);
    expect(await page.locator('[data-panel="0"]').isVisible()).toBe(false);
    await page.locator("#gallery").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, "dev-dropbox-gallery.png") });
  }, 60_000);

  it("reloads the page when a template or an audience changes, shows a compile error, and recovers", async () => {
    const file = join(work, "templates/dropbox-tags.tmpl");
    const original = readFileSync(file, "utf8");
    await page.goto(new URL("t/dropbox-tags", url).href);
    await expect.poll(() => page.locator("section.audience pre.text").first().textContent()).toContain("Hi ");

    writeFileSync(file, original.replace("Hi {{fallback .FirstName", "Hello again {{fallback .FirstName"));
    await expect.poll(() => page.locator("section.audience pre.text").first().textContent(), { timeout: 15_000 }).toContain("Hello again ");

    writeFileSync(file, original + "{{if .x}}never closed");
    await expect.poll(() => page.locator("#error pre").count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator("#error pre").textContent()).toContain("error[unclosed_block]");
    await page.screenshot({ path: join(artifacts, "dev-compile-error.png") });

    writeFileSync(file, original);
    await expect.poll(() => page.locator("#error").count(), { timeout: 15_000 }).toBe(0);
    expect(await page.locator("section.audience pre.text").first().textContent()).toContain("Hi ");

    // An audience's data file: the page follows it; data that does not fit the type says why.
    const audience = join(work, "templates/dropbox-tags.data/facebook.json");
    const data = JSON.parse(readFileSync(audience, "utf8"));
    writeFileSync(audience, JSON.stringify({ ...data, FirstName: "Grace" }));
    await expect.poll(() => page.locator("section.audience pre.text").first().textContent(), { timeout: 15_000 }).toContain("Hi Grace,");
    writeFileSync(audience, JSON.stringify({ ...data, tags: ["connect_fb_with_dropboxx"] }));
    await expect.poll(() => page.locator("section.audience.error pre").first().textContent(), { timeout: 15_000 }).toContain('tags[0]: expected one of "connect_fb_with_dropbox"');
    writeFileSync(audience, JSON.stringify(data));
  }, 60_000);
});

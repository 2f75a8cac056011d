// End-to-end: the real CLI (bin/microtarget.js over the built lib/) in a subprocess, and
// the real dist/ it writes, imported.
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
const bin = join(root, "bin/microtarget.js");
const work = mkdtempSync(join(tmpdir(), "microtarget-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function cli(args: string[], options: { cwd?: string; input?: string } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = execFile(process.execPath, [bin, ...args], { cwd: options.cwd ?? root }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
    child.stdin!.end(options.input ?? "");
  });
}

describe("microtarget CLI", () => {
  it("prints its version and help", async () => {
    const version = await cli(["--version"]);
    expect(version.code).toBe(0);
    expect(version.stdout).toBe(`microtarget ${JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version}\n`);
    for (const command of ["build", "check", "render", "coverage"]) {
      const help = await cli([command, "--help"]);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: microtarget ${command}`);
    }
  });

  it("exits 2 on usage errors", async () => {
    expect((await cli([])).code).toBe(2);
    const unknown = await cli(["frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    expect((await cli(["render"])).code).toBe(2);
    expect((await cli(["render", "x.tmpl", "--bogus"])).code).toBe(2);
    expect((await cli(["build", "no-such-folder"])).code).toBe(2);
    const file = await cli(["check", "templates/dropbox-tags.tmpl"]);
    expect(file.code).toBe(2);
    expect(file.stderr).toContain('"templates/dropbox-tags.tmpl" is a file: check takes the folder of templates (one template: microtarget render templates/dropbox-tags.tmpl');
  });

  it("renders a template with a data file, from standard input, and as JSON", async () => {
    const out = await cli(["render", "templates/trial-nurture.tmpl", "--data", "templates/trial-nurture.data/automation.json"]);
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("Hi Ada,");
    expect(out.stdout).toContain("  2. Abandoned cart reminder (15 min)"); // add1 comes from microtarget.config.ts
    const piped = await cli(["render", "templates/dropbox-tags.tmpl", "--data", "-", "--json"], { input: '{"FirstName":"Bo","tags":[],"id":"1"}' });
    expect(piped.code).toBe(0);
    expect(JSON.parse(piped.stdout)).toContain("Connect Dropbox with the networks you use");
  });

  it("names the file and the JSON error of bad data", async () => {
    const bad = join(work, "bad.json");
    writeFileSync(bad, '{"FirstName": "Ada",}');
    const out = await cli(["render", "templates/trial-nurture.tmpl", "--data", bad]);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`data file ${bad} is not valid JSON`);
    const missing = await cli(["render", "templates/trial-nurture.tmpl", "--data", join(work, "nope.json")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("no such file");
  });

  it("reports every error of a broken template with a code frame, or as JSON", async () => {
    const file = join(work, "broken.tmpl");
    writeFileSync(file, 'Hi {{.name}}\n{{if eq $plan "pro"}}x\n{{ .a == 1 }}\n');
    const out = await cli(["render", file]);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("error[undefined_variable]: $plan is not defined");
    expect(out.stderr).toMatch(/broken\.tmpl:2:9\n/);
    expect(out.stderr).toContain("error[foreign_syntax]");
    expect(out.stderr).toContain("error[unclosed_block]");
    const json = await cli(["render", file, "--format", "json"]);
    const diagnostics = JSON.parse(json.stdout);
    expect(diagnostics.map((d: { code: string }) => d.code).sort()).toEqual(["foreign_syntax", "unclosed_block", "undefined_variable"]);
    expect(diagnostics.find((d: { code: string }) => d.code === "undefined_variable")).toMatchObject({ line: 2, column: 9, severity: "error" });
  });

  it("builds templates into dist/ that import and render, and keeps dist/ on a failed build", async () => {
    const src = join(work, "templates");
    cpSync(join(root, "templates"), src, { recursive: true });
    cpSync(join(root, "microtarget.config.ts"), join(work, "microtarget.config.ts"));
    const out = await cli(["build", "templates", "--out", "dist"], { cwd: work });
    expect(out.stderr).toMatch(/built \d+ templates into dist\//);
    expect(out.code).toBe(0);
    const dist = join(work, "dist");
    // Templates declare their data types (templates/types/contact.ts): the .d.ts imports them.
    expect(readFileSync(join(dist, "trial-nurture.d.ts"), "utf8")).toContain('import type { TrialContact as _Data } from "../templates/types/contact.js";\nexport type TrialNurtureData = _Data;');
    expect(readFileSync(join(dist, "dropbox-tags.d.ts"), "utf8")).toContain('export declare const tags: readonly ["connect_fb_with_dropbox", "following_twitter_dropbox_account", "dropbox_linkedin_follower"];');
    const map = JSON.parse(readFileSync(join(dist, "trial-nurture.js.map"), "utf8"));
    expect(map.sources).toContain("../templates/trial-nurture.tmpl"); // source maps lead back to the template
    const index = await import(pathToFileURL(join(dist, "index.js")).href);
    const data = JSON.parse(readFileSync(join(src, "trial-nurture.data/automation.json"), "utf8"));
    expect(index.trialNurture.render(data)).toContain("1. Welcome series (10 min)");
    expect(index.dropboxTags.render({ id: "c_1", tags: ["dropbox_linkedin_follower"] })).toContain("* LinkedIn");

    // Deterministic: the same sources give byte-identical output.
    const again = await cli(["build", "templates", "--out", "dist2"], { cwd: work });
    expect(again.code).toBe(0);
    for (const f of readdirSync(dist, { recursive: true }) as string[]) {
      if (statSync(join(dist, f)).isFile()) expect(readFileSync(join(work, "dist2", f), "utf8"), f).toBe(readFileSync(join(dist, f), "utf8"));
    }

    // The generated types check a consumer's code: right data passes tsc; a misspelled field,
    // a value of the wrong type or a tag the type does not have fails it at the consumer's line.
    const consumer = (body: string) => {
      writeFileSync(join(work, "consumer.ts"), `import { dropboxTags, trialNurture } from "./dist/index.js";\n${body}\n`);
      const options = ["--noEmit", "--strict", "--target", "es2022", "--module", "esnext", "--moduleResolution", "bundler", "--types", "", "--pretty", "false", "consumer.ts"];
      return new Promise<string>((done) => execFile(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), ...options], { cwd: work }, (_e, stdout) => done(stdout)));
    };
    expect(await consumer('dropboxTags.render({ id: "c_1", FirstName: "Ada", tags: ["connect_fb_with_dropbox"] });\ntrialNurture.render(trialNurture.validate(JSON.parse("{}")));')).toBe("");
    const wrong = await consumer('dropboxTags.render({ id: "c_1", FirstNme: "Ada" });\ndropboxTags.render({ id: 1 });\ndropboxTags.render({ id: "c_1", tags: ["connect_fb_with_dropboxx"] });');
    expect(wrong).toMatch(/^consumer\.ts\(2,\d+\): error TS2561: .*'FirstNme' does not exist in type 'Contact'\. Did you mean to write 'FirstName'\?/m);
    expect(wrong).toMatch(/^consumer\.ts\(3,\d+\): error TS2322: Type 'number' is not assignable to type 'string'/m);
    expect(wrong).toMatch(/^consumer\.ts\(4,\d+\): error TS2820: Type '"connect_fb_with_dropboxx"' is not assignable to type 'Tag'\. Did you mean '"connect_fb_with_dropbox"'\?/m);

    writeFileSync(join(src, "broken.tmpl"), "{{if .x}}never closed");
    const before = readFileSync(join(dist, "index.js"), "utf8");
    const failed = await cli(["build", "templates", "--out", "dist"], { cwd: work });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain("build failed: dist/ was left as it was");
    expect(readFileSync(join(dist, "index.js"), "utf8")).toBe(before);
    expect(existsSync(join(dist, "broken.js"))).toBe(false);

    const check = await cli(["check", "templates", "--format", "json"], { cwd: work });
    expect(check.code).toBe(1);
    expect(JSON.parse(check.stdout)[0]).toMatchObject({ code: "unclosed_block", file: join("templates", "broken.tmpl"), line: 1, column: 1 });
  });

  it("measures which branches the sample audiences reach: each template's share, the branches none reaches, a bar to pass", async () => {
    const dir = join(work, "coverage");
    cpSync(join(root, "templates"), join(dir, "templates"), { recursive: true });
    cpSync(join(root, "microtarget.config.ts"), join(dir, "microtarget.config.ts"));
    const low = await cli(["coverage", "templates", "--min", "10"], { cwd: dir });
    expect(low.stderr).toBe("");
    expect(low.code).toBe(0);
    expect(low.stdout).toMatch(/^ *\d+\/\d+ +\d+\.\d% {2}templates\/dropbox-earn-space\.mjml$/m);
    expect(low.stdout).toMatch(/\n\d+\/\d+ +\d+\.\d% {2}total\n$/);
    // dropbox-tags has one audience, with the Facebook tag only.
    expect(low.stdout).toContain('\n    templates/dropbox-tags.tmpl:10:1  if  {{- if hasTag "following_twitter_dropbox_account"}}\n');
    expect(low.stdout).toContain('\n    templates/dropbox-tags.tmpl:9:1  else  {{- if hasTag "connect_fb_with_dropbox"}} never false\n');

    const high = await cli(["coverage", "templates", "--min", "100"], { cwd: dir });
    expect(high.code).toBe(1);
    expect(high.stderr).toMatch(/^\d+ templates are below 100%\n$/);

    const json = await cli(["coverage", "templates", "--format", "json"], { cwd: dir });
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(Object.keys(report)).toEqual(["templates", "covered", "total", "percent"]);
    const tags = report.templates.find((t: { path: string }) => t.path === "templates/dropbox-tags.tmpl");
    expect(Object.keys(tags)).toEqual(["path", "audiences", "branches", "covered", "total", "percent", "errors"]);
    expect(tags).toMatchObject({ audiences: ["templates/dropbox-tags.data/facebook.json"], errors: [] });
    expect(tags.branches[0]).toEqual({
      id: 0,
      file: "templates/dropbox-tags.tmpl",
      kind: "if",
      implicit: false,
      line: 3,
      column: 1,
      endLine: 6,
      endColumn: 13,
      text: '{{if and (hasTag "connect_fb_with_dropbox") (hasTag "following_twitter_dropbox_account") (hasTag "dropbox_linkedin_follower") -}}',
      hits: 0,
    });
    expect(tags.covered).toBe(tags.branches.filter((b: { hits: number }) => b.hits > 0).length);
    expect(report.total).toBe(report.templates.reduce((n: number, t: { total: number }) => n + t.total, 0));

    // A template without audiences counts as 0%; an audience that fails is an error, and the rest is still measured.
    writeFileSync(join(dir, "templates/lonely.tmpl"), "{{if .FirstName}}Hi{{end}}");
    writeFileSync(join(dir, "templates/dropbox-tags.data/broken.json"), "{");
    const failed = await cli(["coverage", "templates", "--min", "10"], { cwd: dir });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/^ *0\/2 +0\.0% {2}templates\/lonely\.tmpl\n {4}templates\/lonely\.tmpl:1:1 {2}if {2}\{\{if \.FirstName\}\}\n.*\n {4}no audiences: add templates\/lonely\.data\/\*\.json\n/m);
    expect(failed.stdout).toContain("\n    templates/dropbox-tags.data/broken.json  error: not valid JSON: ");
    expect(failed.stdout).toMatch(/^ *\d+\/12 +[1-9]\d\.\d% {2}templates\/dropbox-tags\.tmpl$/m);
    expect(failed.stderr).toBe("coverage failed: 1 error\n1 template is below 10%\n");
  });

  it("checks calls of user functions against their TypeScript signatures", async () => {
    const dir = join(work, "typed");
    cpSync(join(root, "templates"), join(dir, "templates"), { recursive: true });
    writeFileSync(
      join(dir, "microtarget.config.ts"),
      'export const functions = {\n  add1: (i: number) => i + 1,\n  money: (amount: number | null | undefined, currency: "EUR" | "USD") => `${amount ?? 0} ${currency}`,\n};\n',
    );
    writeFileSync(join(dir, "templates/prices.tmpl"), '{{range $i, $p := .prices}}{{add1 $i}}: {{money $p "EUR"}}\n{{end}}{{money .total "GBP"}} {{add1 .count}} {{add1 1 2}}');
    const out = await cli(["check", "templates", "--format", "json"], { cwd: dir });
    expect(out.code).toBe(1);
    const found = JSON.parse(out.stdout).map((d: { code: string; line: number; column: number; message: string }) => [d.code, d.line, d.column, d.message]);
    expect(found).toEqual([
      ["type_mismatch", 2, 23, "argument 2 of money: Argument of type '\"GBP\"' is not assignable to parameter of type '\"EUR\" | \"USD\"'."],
      ["wrong_arity", 2, 49, "add1 takes 1 argument, but is given 2"],
    ]);
  });

  it("reports a config that does not load at its line, and checks nothing else", async () => {
    const dir = join(work, "broken-config");
    mkdirSync(join(dir, "templates"), { recursive: true });
    writeFileSync(join(dir, "templates/a.tmpl"), "Hi {{.x}}\n");
    writeFileSync(join(dir, "microtarget.config.ts"), "export const functions = {\n  add1: (i: number) => i + 1 ;\n};\n");
    const out = await cli(["check", "templates", "--format", "json"], { cwd: dir });
    expect(out.code).toBe(1);
    expect(JSON.parse(out.stdout)).toMatchObject([{ code: "config_error", file: "microtarget.config.ts", line: 2, column: 30, message: 'the config does not load: Expected "}" but found ";"' }]);
  });

  it("passes declared values to user functions with their declared TypeScript types", async () => {
    const dir = join(work, "declared");
    mkdirSync(join(dir, "templates"), { recursive: true });
    cpSync(join(root, "test/fixtures/types/contact.ts"), join(dir, "types.ts"));
    writeFileSync(
      join(dir, "microtarget.config.ts"),
      'import type { Address, Contact } from "./types.ts";\nexport const data = "types.ts#Contact";\nexport const functions = {\n  cityLine: (a: Address) => a.city,\n  planName: (p: Contact["plan"]) => p.toUpperCase(),\n  twice: (n: number) => 2 * n,\n};\n',
    );
    // Inside {{with .address}} the dot is an Address; .address itself may be missing.
    writeFileSync(join(dir, "templates/a.tmpl"), "{{with .address}}{{cityLine .}}{{end}} {{planName .plan}} {{twice .orders_count}}\n{{twice .FirstName}} {{cityLine .address}}\n");
    const out = await cli(["check", "templates", "--format", "json"], { cwd: dir });
    const found = JSON.parse(out.stdout).map((d: { code: string; line: number; column: number; message: string }) => [d.line, d.column, d.message.replace(/ Type 'undefined'.*/, "")]);
    expect(found).toEqual([
      [2, 9, "argument 1 of twice: Argument of type 'string | null | undefined' is not assignable to parameter of type 'number'."],
      [2, 33, "argument 1 of cityLine: Argument of type 'Address | null | undefined' is not assignable to parameter of type 'Address'."],
    ]);
  });

  it("resolves `import { renderTemplate } from \"microtarget\"`", async () => {
    const script = `import { renderTemplate } from "microtarget"; console.log(await renderTemplate("Hi {{.name}}", { name: "Ada" }));`;
    const out = await new Promise<string>((done, fail) =>
      execFile(process.execPath, ["--input-type=module", "-e", script], { cwd: root }, (e, stdout, stderr) => (e ? fail(new Error(stderr)) : done(stdout))),
    );
    expect(out).toBe("Hi Ada\n");
  });
});

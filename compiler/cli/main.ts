/**
 * The command line: `run(argv, io)` returns the exit code, so tests call it without a
 * subprocess. 0 ok, 1 compile or render error, 2 usage error.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { build, watchBuild } from "../build.js";
import { findConfig, loadConfig } from "../config.js";
import { toDiagnostic, type Problem } from "../diagnostics/diagnostic.js";
import { formatProblem } from "../diagnostics/format.js";
import { unreached } from "../coverage.js";
import { CompileError, measureCoverage, renderTemplate, type CoverageReport, type RenderedEmail } from "../index.js";
import { startDev } from "../dev/server.js";
import { help } from "./help.js";

/** IO is where the CLI reads and writes. */
export interface IO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin: () => Promise<string>;
  color: boolean;
  version: string;
}

class UsageError extends Error {}

const EXIT_OK = 0;
const EXIT_ERROR = 1;
const EXIT_USAGE = 2;

/** run runs the CLI with arguments (without node and the script) and returns the exit code. */
export async function run(argv: string[], io: IO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === "-h" || command === "--help" || command === "help") {
      io.stdout(help.main + "\n");
      return command ? EXIT_OK : EXIT_USAGE;
    }
    if (command === "-v" || command === "--version") {
      io.stdout(`microtarget ${io.version}\n`);
      return EXIT_OK;
    }
    switch (command) {
      case "build":
      case "check":
        return await buildCommand(command, rest, io);
      case "render":
        return await renderCommand(rest, io);
      case "coverage":
        return await coverageCommand(rest, io);
      case "dev":
        return await devCommand(rest, io);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`microtarget: ${e.message}\nRun "microtarget ${command && command in help ? `${command} ` : ""}--help" for usage.\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
}

function parse(args: string[], options: ParseArgsConfig["options"]): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    return parseArgs({ args, options: { help: { type: "boolean", short: "h" }, format: { type: "string" }, ...options }, allowPositionals: true, strict: true }) as never;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function outputFormat(value: unknown): "text" | "json" {
  if (value === undefined || value === "text") return "text";
  if (value === "json") return "json";
  throw new UsageError(`--format must be "text" or "json", not "${value}"`);
}

function report(problems: Problem[], format: "text" | "json", io: IO): void {
  if (format === "json") {
    io.stdout(JSON.stringify(problems.map(toDiagnostic), null, 2) + "\n");
    return;
  }
  for (const p of problems) io.stderr(formatProblem(p, { color: io.color }) + "\n\n");
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  if (problems.length) io.stderr(`${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}\n`);
}

async function buildCommand(command: "build" | "check", args: string[], io: IO): Promise<number> {
  const { values, positionals } = parse(args, { strict: { type: "boolean" }, ...(command === "build" ? { out: { type: "string" }, watch: { type: "boolean" } } : {}) });
  if (values.help) {
    io.stdout(help[command] + "\n");
    return EXIT_OK;
  }
  const srcDir = sourceFolder(command, positionals);
  const format = outputFormat(values.format);
  const outDir = (values.out as string | undefined) ?? "dist";
  if (values.watch) return watchCommand(srcDir, outDir, values.strict === true, format, io);
  const started = performance.now();
  const show = progress(io, format);
  const result = await build({ srcDir, outDir, write: command === "build", strict: values.strict === true, onTemplate: show.onTemplate });
  show.done();
  report(result.problems, format, io);
  const ms = Math.round(performance.now() - started);
  const n = `${result.templates.length} template${result.templates.length === 1 ? "" : "s"}`;
  if (result.problems.some((p) => p.severity === "error")) {
    if (format === "text") io.stderr(command === "build" ? `build failed: ${outDir}/ was left as it was\n` : `check failed (${n})\n`);
    return EXIT_ERROR;
  }
  if (format === "text") {
    io.stderr(command === "build" ? `built ${n} into ${outDir}/ (${(result.bytes / 1024).toFixed(1)} KiB of JavaScript) in ${ms} ms\n` : `checked ${n} in ${ms} ms: no errors\n`);
  }
  return EXIT_OK;
}

// sourceFolder is a command's one source folder (default: templates).
function sourceFolder(command: string, positionals: string[]): string {
  if (positionals.length > 1) throw new UsageError(`${command} takes one source folder, not ${positionals.length}`);
  const srcDir = positionals[0] ?? "templates";
  if (!existsSync(srcDir)) throw new UsageError(`source folder "${srcDir}" does not exist`);
  if (!statSync(srcDir).isDirectory()) throw new UsageError(`"${srcDir}" is a file: ${command} takes the folder of templates (one template: microtarget render ${srcDir} --data <file.json>)`);
  return srcDir;
}

// progress shows on a terminal which template is compiling; done clears the line.
function progress(io: IO, format: "text" | "json"): { onTemplate?: (path: string, i: number, total: number) => void; done(): void } {
  if (!io.color || format !== "text") return { done() {} };
  return { onTemplate: (path, i, total) => io.stderr(`\r\u001b[2K[${i + 1}/${total}] ${path}`), done: () => io.stderr("\r\u001b[2K") };
}

async function coverageCommand(args: string[], io: IO): Promise<number> {
  const { values, positionals } = parse(args, { min: { type: "string" } });
  if (values.help) {
    io.stdout(help.coverage + "\n");
    return EXIT_OK;
  }
  const srcDir = sourceFolder("coverage", positionals);
  const format = outputFormat(values.format);
  const minText = values.min as string | undefined;
  const min = minText === undefined ? undefined : /^\d+(\.\d+)?%?$/.test(minText) ? parseFloat(minText) : NaN;
  if (min !== undefined && !(min <= 100)) throw new UsageError(`--min must be a percentage from 0 to 100, not "${minText}"`);
  const show = progress(io, format);
  const report = await measureCoverage(srcDir, { onTemplate: show.onTemplate });
  show.done();
  if (format === "json") io.stdout(JSON.stringify(report, null, 2) + "\n");
  else io.stdout(formatCoverage(report));
  const errors = report.templates.reduce((n, t) => n + t.errors.length, 0);
  const below = min === undefined ? [] : report.templates.filter((t) => t.percent < min);
  if (format === "text") {
    if (errors) io.stderr(`coverage failed: ${errors} error${errors === 1 ? "" : "s"}\n`);
    if (below.length) io.stderr(`${below.length} template${below.length === 1 ? " is" : "s are"} below ${min}%\n`);
  }
  return errors || below.length ? EXIT_ERROR : EXIT_OK;
}

// formatCoverage lists each template's coverage, under it the branches no audience reaches
// and its errors, then the total.
function formatCoverage(report: CoverageReport): string {
  const ratio = (t: { covered: number; total: number }) => `${t.covered}/${t.total}`;
  const width = Math.max(...[report, ...report.templates].map((t) => ratio(t).length));
  const row = (t: { covered: number; total: number; percent: number }, name: string) => `${ratio(t).padStart(width)}  ${(Math.floor(t.percent * 10) / 10).toFixed(1).padStart(5)}%  ${name}\n`;
  let out = "";
  for (const t of report.templates) {
    out += row(t, t.path);
    for (const b of t.branches.filter((b) => b.hits === 0)) {
      const text = b.text.replace(/\s+/g, " ");
      out += `    ${b.file}:${b.line}:${b.column}  ${b.kind}  ${b.implicit ? `${text} ${unreached(b)}` : text}\n`;
    }
    for (const e of t.errors) out += `    ${e.file}${e.line ? `:${e.line}:${e.column}` : ""}  error${e.code ? `[${e.code}]` : ""}: ${e.message}\n`;
    if (!t.audiences.length) out += `    no audiences: add ${t.path.replace(/\.(tmpl|mjml)$/, ".data")}/*.json\n`;
  }
  return out + row(report, "total");
}

// watchCommand builds, then rebuilds what each change affects, until interrupted.
async function watchCommand(srcDir: string, outDir: string, strict: boolean, format: "text" | "json", io: IO): Promise<number> {
  let started = performance.now();
  const watcher = await watchBuild({ srcDir, outDir, strict }, (result) => {
    report(result.problems, format, io);
    const what = result.rebuilt === "all" ? `${result.templates.length} templates` : result.rebuilt.join(", ");
    const ms = Math.round(performance.now() - started);
    if (format === "text") io.stderr(result.written ? `built ${what} into ${outDir}/ in ${ms} ms; watching ${srcDir}/ for changes\n` : `build failed: ${outDir}/ was left as it was; watching ${srcDir}/ for changes\n`);
    started = performance.now();
  }, (e) => io.stderr(`microtarget: rebuild failed: ${(e as Error).stack ?? e}\n`));
  await interrupted();
  await watcher.close();
  return EXIT_OK;
}

// interrupted resolves on Ctrl-C (or a TERM signal).
function interrupted(): Promise<void> {
  return new Promise<void>((done) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => done());
  });
}

async function devCommand(args: string[], io: IO): Promise<number> {
  const { values, positionals } = parse(args, { port: { type: "string" } });
  if (values.help) {
    io.stdout(help.dev + "\n");
    return EXIT_OK;
  }
  const srcDir = sourceFolder("dev", positionals);
  const port = Number(values.port ?? 4300);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${values.port}"`);
  let server: Awaited<ReturnType<typeof startDev>>;
  try {
    server = await startDev({ srcDir, port, log: (line) => io.stderr(`${line}\n`) });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EADDRINUSE") throw e;
    io.stderr(`microtarget: port ${port} is in use: pick another with --port (0 picks a free one)\n`);
    return EXIT_ERROR;
  }
  io.stdout(`microtarget preview: ${server.url}\n`);
  await interrupted();
  await server.close();
  return EXIT_OK;
}

async function renderCommand(args: string[], io: IO): Promise<number> {
  const { values, positionals } = parse(args, { data: { type: "string" }, json: { type: "boolean" }, partials: { type: "string" }, part: { type: "string" }, strict: { type: "boolean" } });
  if (values.help) {
    io.stdout(help.render + "\n");
    return EXIT_OK;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length ? "render takes one template file" : "render needs a template file");
  const format = outputFormat(values.format);
  const file = positionals[0];
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch (e) {
    io.stderr(`microtarget: cannot read template ${file}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}\n`);
    return EXIT_ERROR;
  }
  const data = await readData(values.data as string | undefined, io);
  if (data instanceof Error) {
    io.stderr(`microtarget: ${data.message}\n`);
    return EXIT_ERROR;
  }
  const partials = readPartials((values.partials as string | undefined) ?? join(dirname(file), "partials"));
  const configPath = findConfig(dirname(resolve(file)));
  const config = configPath ? await loadConfig(configPath) : undefined;
  const functions = config?.functions;
  // The config's default data type is relative to the config file.
  const dataType = config?.data?.replace(/^(.*)#/, (_, path: string) => `${resolve(dirname(config.path), path)}#`);
  try {
    const filename = relative(process.cwd(), resolve(file));
    const format = file.endsWith(".mjml") ? "mjml" : "text";
    const out: string | RenderedEmail = await renderTemplate(source, data.value, { filename, format, partials, functions, dataType });
    if (typeof out === "string") {
      if (values.part !== undefined) throw new UsageError("--part is for MJML templates (subject, preheader, html, text)");
      io.stdout(values.json ? JSON.stringify(out) + "\n" : out);
      return EXIT_OK;
    }
    if (values.json) io.stdout(JSON.stringify(out, null, 2) + "\n");
    else {
      const part = (values.part as string | undefined) ?? "html";
      if (!["subject", "preheader", "html", "text"].includes(part)) throw new UsageError(`--part must be subject, preheader, html or text, not "${part}"`);
      io.stdout(out[part as keyof RenderedEmail] + (part === "html" ? "" : "\n"));
    }
    return EXIT_OK;
  } catch (e) {
    if (e instanceof CompileError) {
      report(e.problems, format, io);
      return EXIT_ERROR;
    }
    if (e instanceof Error && e.name === "RenderError") {
      io.stderr(`error[render_error]: ${e.message}\n`);
      return EXIT_ERROR;
    }
    throw e;
  }
}

async function readData(path: string | undefined, io: IO): Promise<{ value: unknown } | Error> {
  if (path === undefined) return { value: {} };
  const name = path === "-" ? "standard input" : path;
  let text: string;
  try {
    text = path === "-" ? await io.stdin() : readFileSync(path, "utf8");
  } catch (e) {
    return new Error(`cannot read data file ${name}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`);
  }
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    return new Error(`data file ${name} is not valid JSON: ${(e as Error).message}`);
  }
}

function readPartials(dir: string): Record<string, string> {
  const partials: Record<string, string> = {};
  if (!existsSync(dir)) return partials;
  for (const name of readdirSync(dir).sort()) {
    if (name.endsWith(".tmpl")) partials[basename(name, ".tmpl")] = readFileSync(join(dir, name), "utf8");
  }
  return partials;
}

// npm run bench: every benchmark, in sequence: the render benchmark (bench/render.mjs), the
// build benchmarks (bench/build.mjs, which ends with bench/run.mjs's compile-time scaling), the
// sizes and cold start (bench/sizes.mjs); then the targets against those numbers
// (bench/targets.mjs). Prints the tables (Markdown, as BENCHMARKS.md shows them) and writes
// bench/results/latest.json.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildBench, buildTables } from "./build.mjs";
import { machine, renderBench, renderTable } from "./render.mjs";
import { sizesBench, sizesTables } from "./sizes.mjs";
import { targets, targetsTable } from "./targets.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const started = performance.now();
const date = new Date().toISOString();
const render = await renderBench();
const build = await buildBench();
const sizes = await sizesBench();
const goals = targets({ render: render.results, build, sizes });
const seconds = (performance.now() - started) / 1000;
const info = machine();
const version = (pkg) => JSON.parse(fs.readFileSync(path.join(here, "..", "node_modules", pkg, "package.json"), "utf8")).version;
info.packages = Object.fromEntries(["mjml", "eta", "handlebars", "liquidjs"].map((p) => [p, version(p)]));
console.log(`\n## Render (${date.slice(0, 10)}, ${info.cpus} × ${info.cpu}, Node ${info.node})\n\n${renderTable(render.results)}`);
console.log(`## Build\n\n${buildTables(build)}`);
console.log(`## Sizes\n\n${sizesTables(sizes)}`);
console.log(`## Targets\n\n${targetsTable(goals)}`);
console.log(`all benchmarks: ${seconds.toFixed(0)} s`);
fs.mkdirSync(path.join(here, "results"), { recursive: true });
const file = path.join(here, "results", "latest.json");
fs.writeFileSync(file, JSON.stringify({ date, seconds, machine: info, render: render.results, build, sizes, targets: goals }, null, 2));
console.log(`wrote ${path.relative(process.cwd(), file)}`);

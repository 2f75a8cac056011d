// Parse time alone (lex + parse, no check or emit) at 10 KB, 100 KB and 1 MB, on the sources
// bench/run.mjs compiles. The parser is not part of the package's API: this runs the
// compiler's TypeScript sources through tsx, in its own process (bench/build.mjs starts it as
// `node --import tsx bench/parse.mjs` and prints one JSON line).
import { SIZES, template } from "./run.mjs";

const { parse } = await import("../compiler/parse/index.ts");
const { SourceFile } = await import("../compiler/source.ts");
const { Reporter } = await import("../compiler/diagnostics/diagnostic.ts");

function time(source, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const reporter = new Reporter();
    parse(new SourceFile("bench.tmpl", source), reporter);
    times.push(performance.now() - start);
    if (reporter.problems.length) throw new Error(`the benchmark source does not parse: ${reporter.problems[0].message}`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

time(template(10_000), 5); // warm up
const rows = SIZES.map(([size, bytes, runs]) => {
  const source = template(bytes);
  const ms = time(source, runs);
  return { size, bytes: source.length, medianMs: ms, usPerKB: (ms * 1000) / (source.length / 1024) };
});
console.log(JSON.stringify(rows));

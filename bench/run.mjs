// npm run bench (last part): compile-time scaling. Parse + check + emit of one template at
// 10 KB, 100 KB and 1 MB; the times should grow linearly (the per-KB column stays flat).
// `node bench/run.mjs` runs it alone; bench/all.mjs runs it after the render and build
// benchmarks (bench/parse.mjs times the parse alone, on the same sources).
import { pathToFileURL } from "node:url";
import { compile } from "../lib/index.js";

// Each copy's constants are its own (N), so most actions differ from copy to copy: the parser
// parses a repeated action once per source, and only what real templates repeat ({{end}},
// {{else}}, {{.city}}) repeats here.
export const snippet = (n) => `<p>Hi {{fallback .FirstName "there ${n}"}},</p>
{{if hasTag "connect_fb_with_dropbox"}}<p>Share folders with Facebook friends.</p>{{else if eq .plan "pro ${n}" "team ${n}"}}<p>Thanks for upgrading.</p>{{end}}
{{range $i, $item := .items}}<li>{{$i}}: {{$item.name}} — {{printf "%.2f (${n})" $item.price}}</li>{{else}}<li>No items.</li>{{end}}
{{with .address}}<p>{{.city}}, {{.country}}</p>{{end}}
`;

export const SIZES = [["10 KB", 10_000, 15], ["100 KB", 100_000, 7], ["1 MB", 1_000_000, 3]];

export function template(bytes) {
  let source = "";
  for (let n = 1; source.length < bytes; n++) source += snippet(n);
  return source;
}

async function time(source, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await compile(source, { filename: "bench.tmpl" });
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** compileScaling returns one row per size: the median compile time and the time per KB. */
export async function compileScaling() {
  await time(template(10_000), 5); // warm up
  const rows = [];
  for (const [label, bytes, runs] of SIZES) {
    const source = template(bytes);
    const ms = await time(source, runs);
    rows.push({ size: label, bytes: source.length, "median ms": ms.toFixed(1), "µs per KB": ((ms * 1000) / (source.length / 1024)).toFixed(0) });
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = await compileScaling();
  console.table(rows);
  const ratio = Number(rows[2]["median ms"]) / Number(rows[0]["median ms"]);
  console.log(`1 MB / 10 KB time ratio: ${ratio.toFixed(0)} (input ratio ${(rows[2].bytes / rows[0].bytes).toFixed(0)}; linear means about equal)`);
}

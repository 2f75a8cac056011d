// The TypeScript session that reads the showcase's declared data types, in process: what
// `microtarget check` and `build` pay for them. Prints one cold run as JSON (a process reads
// a type once while its files are unchanged: bench/build.mjs runs this several times).
//   node --import tsx bench/types-session.mjs
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseDataRef, resolveDataTypes } from "../compiler/check/declared.ts";
import { Reporter } from "../compiler/diagnostics/diagnostic.ts";
import { SourceFile } from "../compiler/source.ts";
import { listTemplates } from "./util.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const refs = new Map();
for (const file of listTemplates(path.join(root, "templates"), /\.(mjml|tmpl)$/)) {
  const m = /^data:\s*(\S+)/m.exec(fs.readFileSync(file, "utf8"));
  const ref = m && parseDataRef(m[1], path.dirname(file));
  if (ref) refs.set(`${ref.file}#${ref.name}`, { ...ref, source: new SourceFile(file, ""), span: { start: 0, end: 0 } });
}
// The config's default type (microtarget.config.ts: `export const data = "path#Type"`).
const config = /export const data = "([^"]+)"/.exec(fs.readFileSync(path.join(root, "microtarget.config.ts"), "utf8"));
const fallback = config && parseDataRef(config[1], root);
if (fallback) refs.set(`${fallback.file}#${fallback.name}`, { ...fallback, source: new SourceFile("microtarget.config.ts", ""), span: { start: 0, end: 0 } });
const start = performance.now();
const reporter = new Reporter();
const types = await resolveDataTypes([...refs.values()], reporter);
const ms = performance.now() - start;
if (reporter.hasErrors() || types.size !== refs.size) throw new Error("the showcase's declared types did not resolve");
console.log(JSON.stringify({ types: refs.size, ms }));

// Helpers shared by the benchmarks.
import fs from "node:fs";
import path from "node:path";

/** median of a list of numbers. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** listTemplates lists the template files under `dir` whose names match `pattern`, skipping partials and sample data. */
export function listTemplates(dir, pattern) {
  const out = [];
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "partials" && !entry.name.endsWith(".data")) walk(p);
      } else if (pattern.test(entry.name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

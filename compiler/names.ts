/** pascalCase turns a file's base name into an exported type name: "trial-nurture.tmpl" → "TrialNurture". */
export function pascalCase(filename: string): string {
  const base = filename.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "");
  const words = base.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const name = words.map((w) => w[0].toUpperCase() + w.slice(1)).join("");
  return /^[A-Za-z]/.test(name) ? name : `T${name}`;
}

/** camelCase turns a template path into an export name: "welcome/trial-nurture" → "welcomeTrialNurture". */
export function camelCase(path: string): string {
  const p = pascalCase(path.replace(/[\\/]/g, "-") + ".x");
  return p[0].toLowerCase() + p.slice(1);
}

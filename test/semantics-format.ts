// The format of test/semantics/*.txt: small language cases, txtar-like.
//
//   free-form comment lines (before the first case)
//   ### case-name
//   -- template --
//   Hello {{.name}}!
//   -- data --
//   {"name": "Ann"}
//   -- output --
//   Hello Ann!
//
// A case starts with `### <kebab-case-name>` (unique in its file). Each section
// starts with a line `-- <section> --` and its body is every line up to the next
// section or case line, with exactly one final newline removed: `-- output --`
// followed by `abc` means "abc", and a section followed directly by the next
// section is the empty string. Sections:
//
//   template        the main template's source (required)
//   data            JSON, default {}
//   output          our expected output            } exactly one of these two
//   error           the expected compile error code }
//   partial <name>  the source of a partial, passed as options.partials[name]
//   go-output       Go's output where it deliberately differs from ours
//   go-error        (empty) Go fails where we do not
//   difference      one line: which difference of LANGUAGE.md explains go-output/go-error
//   go              one line: the minimum Go version for the differential test (e.g. 1.23)
//   skip-go         (empty) the case uses a function the Go harness lacks
//
// Sections may not repeat (except `partial` with distinct names). Lines that
// look like `-- … --` or `### …` cannot appear inside a body.

/** SemanticsCase is one case of a semantics file. */
export interface SemanticsCase {
  file: string;
  /** 1-based line of the case's `###` line. */
  line: number;
  name: string;
  template: string;
  data: unknown;
  partials: Record<string, string>;
  /** Our expected output. */
  output?: string;
  /** The expected compile error code, e.g. "undefined_variable". */
  error?: string;
  /** Go's output when it deliberately differs from ours. */
  goOutput?: string;
  /** Go fails where we do not. */
  goError?: boolean;
  /** Which LANGUAGE.md difference explains goOutput/goError, e.g. "3 missing prints as nothing". */
  difference?: string;
  /** The minimum Go version the case needs, e.g. "1.23". */
  go?: string;
  /** The case uses a function that the Go harness lacks. */
  skipGo?: boolean;
}

const CASE_LINE = /^### (.*)$/;
const SECTION_LINE = /^-- (.+) --$/;
const CASE_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const VERSION = /^\d+\.\d+(?:\.\d+)?$/;
const SIMPLE_SECTIONS = new Set([
  "template",
  "data",
  "output",
  "error",
  "go-output",
  "go-error",
  "difference",
  "go",
  "skip-go",
]);

interface RawSection {
  name: string;
  line: number;
  lines: string[];
}

interface RawCase {
  name: string;
  line: number;
  sections: RawSection[];
}

/**
 * parseSemanticsFile returns the cases of one semantics file, in file order.
 * It throws an Error naming `file:line` for any malformed case, so a typo in
 * the corpus fails loudly instead of silently testing nothing.
 */
export function parseSemanticsFile(text: string, file: string): SemanticsCase[] {
  const lines = text.split("\n");
  // A file ending in "\n" has an empty last element that is not a line.
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();

  const fail = (line: number, message: string): never => {
    throw new Error(`${file}:${line}: ${message}`);
  };

  const raws: RawCase[] = [];
  let current: RawCase | undefined;
  let section: RawSection | undefined;
  lines.forEach((text, index) => {
    const line = index + 1;
    const caseMatch = CASE_LINE.exec(text);
    if (caseMatch) {
      current = { name: caseMatch[1], line, sections: [] };
      raws.push(current);
      section = undefined;
      return;
    }
    const sectionMatch = SECTION_LINE.exec(text);
    if (sectionMatch && current) {
      section = { name: sectionMatch[1], line, lines: [] };
      current.sections.push(section);
      return;
    }
    if (!current) return; // the file comment
    if (!section) {
      if (text.trim() !== "") fail(line, `text before the first section of case ${current.name}`);
      return;
    }
    section.lines.push(text);
  });

  const seen = new Set<string>();
  return raws.map((raw) => {
    if (!CASE_NAME.test(raw.name)) fail(raw.line, `case name ${JSON.stringify(raw.name)} is not kebab-case`);
    if (seen.has(raw.name)) fail(raw.line, `duplicate case name ${raw.name}`);
    seen.add(raw.name);

    const c: SemanticsCase = { file, line: raw.line, name: raw.name, template: "", data: {}, partials: {} };
    const present = new Set<string>();
    for (const s of raw.sections) {
      // Every line of a body ended with "\n"; exactly one final newline is not part of it.
      const body = s.lines.map((l) => l + "\n").join("").replace(/\n$/, "");
      const where = `${raw.name}, section ${s.name}`;
      if (s.name.startsWith("partial ")) {
        const partialName = s.name.slice("partial ".length).trim();
        if (partialName === "") fail(s.line, `${where}: a partial needs a name`);
        if (Object.hasOwn(c.partials, partialName)) fail(s.line, `${where}: duplicate partial`);
        c.partials[partialName] = body;
        continue;
      }
      if (!SIMPLE_SECTIONS.has(s.name)) fail(s.line, `${raw.name}: unknown section ${JSON.stringify(s.name)}`);
      if (present.has(s.name)) fail(s.line, `${where}: duplicate section`);
      present.add(s.name);
      switch (s.name) {
        case "template":
          c.template = body;
          break;
        case "data":
          try {
            c.data = body.trim() === "" ? {} : JSON.parse(body);
          } catch (e) {
            fail(s.line, `${where}: invalid JSON: ${(e as Error).message}`);
          }
          break;
        case "output":
          c.output = body;
          break;
        case "error":
          c.error = body.trim();
          if (!/^[a-z][a-z0-9_]*$/.test(c.error)) fail(s.line, `${where}: an error code is one snake_case word`);
          break;
        case "go-output":
          c.goOutput = body;
          break;
        case "go-error":
          if (body.trim() !== "") fail(s.line, `${where}: the go-error section has no body`);
          c.goError = true;
          break;
        case "difference":
          c.difference = body.trim();
          if (c.difference === "" || c.difference.includes("\n")) fail(s.line, `${where}: one line expected`);
          break;
        case "go":
          c.go = body.trim();
          if (!VERSION.test(c.go)) fail(s.line, `${where}: a Go version like 1.23 expected`);
          break;
        case "skip-go":
          if (body.trim() !== "") fail(s.line, `${where}: the skip-go section has no body`);
          c.skipGo = true;
          break;
      }
    }
    if (!present.has("template")) fail(raw.line, `${raw.name}: no template section`);
    if (present.has("output") === present.has("error")) fail(raw.line, `${raw.name}: exactly one of output and error expected`);
    if (c.goOutput !== undefined && c.goError) fail(raw.line, `${raw.name}: go-output and go-error exclude each other`);
    if ((c.goOutput !== undefined || c.goError) && c.difference === undefined) {
      fail(raw.line, `${raw.name}: go-output or go-error needs a difference line`);
    }
    if (c.difference !== undefined && c.goOutput === undefined && !c.goError) {
      fail(raw.line, `${raw.name}: a difference line goes with go-output or go-error`);
    }
    return c;
  });
}

/** compareGoVersions returns <0, 0 or >0 as version a is older than, equal to or newer than b ("1.19.8" vs "1.23"). */
export function compareGoVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

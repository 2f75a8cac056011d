/** help holds the text of `microtarget --help` and of each command's `--help`. */
export const help = {
  main: `microtarget: compile micro-targeted email templates into typed render functions

Usage:
  microtarget <command> [options]

Commands:
  build [srcDir]     compile every template of srcDir (default: templates) into dist/
  check [srcDir]     report every diagnostic of every template; write nothing
  render <file>      render one template with JSON data and print the result
  coverage [srcDir]  which branches of each template its sample audiences reach

Options:
  -h, --help         show help (also after a command: microtarget build --help)
  -v, --version      print the version

Exit status: 0 ok, 1 compile or render error (or coverage below --min), 2 usage error.`,
  build: `Usage: microtarget build [srcDir] [--out dist] [--format text|json]

Compiles every .mjml and .tmpl file below srcDir (default: templates) into one ES module per
template in --out (default: dist), with a .d.ts each, an index.js re-exporting them
all, and the runtime as one shared chunk. Files in srcDir/partials/ are partials: not
built on their own, visible to every template by name (partials/footer.tmpl is
{{template "footer" .}}). User functions come from microtarget.config.ts (or .mts,
.js, .mjs), found from srcDir upwards, which exports \`functions\`.

A build with any error writes nothing: the previous dist/ stays as it was.

Options:
  --out <dir>          output folder (default: dist)
  --strict             MJML's own validation messages are errors, not warnings
  --format json        print diagnostics as JSON on stdout instead of text on stderr
  -h, --help           show this help`,
  check: `Usage: microtarget check [srcDir] [--format text|json]

Compiles every template of srcDir (default: templates) like build, reports every
error and warning, and writes nothing. Exits 1 if there is any error.

Options:
  --strict             MJML's own validation messages are errors, not warnings
  --format json        print diagnostics as JSON on stdout
  -h, --help           show this help`,
  coverage: `Usage: microtarget coverage [srcDir] [--min P] [--format text|json]

Compiles every template of srcDir (default: templates) like build, with a counter on
each branch, and renders it for each of its sample audiences, the JSON files in
<template>.data/ beside it (templates/welcome.data/*.json for templates/welcome.mjml).
Prints per template how many branches its audiences reach (covered/total, percent)
and, under it, each branch none reaches: file:line:col, its kind (if, else if, else,
with, range, range else) and the action that opens it. A block without {{else}} has
an implicit else: "{{if hasTag "x"}} never false" says every audience has the tag
("never empty": every audience's list had items). Writes nothing.

Exits 1 on a compile error, on an audience that does not parse or render, and, with
--min, when a template reaches less than P percent of its branches (a template
without audiences counts as 0%).

Options:
  --min <P>            the percent of its branches each template must reach
  --format json        print the report as JSON on stdout
  -h, --help           show this help`,
  render: `Usage: microtarget render <file> [--data <file.json> | --data -] [--json] [--part html|text|subject|preheader] [--partials <dir>]

Compiles one template and prints it rendered for the data (default: {}). An .mjml
template renders an email: its HTML is printed, or the --part asked for.

Options:
  --data <file>        JSON data file; "-" reads standard input
  --json               print the result as JSON (a JSON string for text templates;
                       subject, preheader, html and text for MJML)
  --part <name>        MJML: print this part: html (default), text, subject, preheader
  --partials <dir>     folder of partials (default: partials/ beside the template, if any)
  --format json        print diagnostics as JSON on stdout
  -h, --help           show this help`,
} as const;

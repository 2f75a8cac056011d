/** help holds the text of `microtarget --help` and of each command's `--help`. */
export const help = {
  main: `microtarget: compile micro-targeted email templates into typed render functions

Usage:
  microtarget <command> [options]

Commands:
  build [srcDir]     compile every template of srcDir (default: templates) into dist/
  check [srcDir]     report every diagnostic of every template; write nothing
  render <file>      render one template with JSON data and print the result
  dev [srcDir]       preview every template in the browser: audiences, variants, coverage
  coverage [srcDir]  which branches of each template its sample audiences reach

Options:
  -h, --help         show help (also after a command: microtarget build --help)
  -v, --version      print the version

Exit status: 0 ok, 1 compile or render error (or coverage below --min), 2 usage error.`,
  build: `Usage: microtarget build [srcDir] [--out dist] [--watch] [--format text|json]

Compiles every .mjml and .tmpl file below srcDir (default: templates) into one ES module per
template in --out (default: dist), with a .d.ts each, an index.js re-exporting them
all, and the runtime as one shared chunk. Files in srcDir/partials/ are partials: not
built on their own, visible to every template by name (partials/footer.tmpl is
{{template "footer" .}}). User functions come from microtarget.config.ts (or .mts,
.js, .mjs), found from srcDir upwards, which exports \`functions\`.

A build with any error writes nothing: the previous dist/ stays as it was.

With --watch, it keeps running: saving a template, an included file, a partial or a
data type rebuilds the templates that depend on it (the config: all of them) and
writes dist/ again; a rebuild with an error leaves dist/ as it was. Stop with Ctrl-C.

Options:
  --out <dir>          output folder (default: dist)
  --watch              rebuild on every change
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
  dev: `Usage: microtarget dev [srcDir] [--port 4300]

Serves a preview of every template of srcDir (default: templates) on 127.0.0.1: per
template, the email for each sample audience (srcDir/<name>.data/*.json) at desktop and
mobile widths with its subject, preheader and text part; a gallery of every variant the
template's conditions give (all combinations of the tags it tests and of the values it
compares with, up to 64, then a pairwise set), each distinct email once with the data
that gives it; and the branches no audience reaches, marked in the source.

Saving a template, an included file, a partial, a data file or a data type rebuilds what
depends on it and reloads the open pages. A compile error shows in the page; fixing it
recovers. Stop with Ctrl-C.

Options:
  --port <n>           port (default: 4300; 0 picks a free one)
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

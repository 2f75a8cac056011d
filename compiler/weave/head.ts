/**
 * analyzeHead makes the head of an MJML email follow the recipient, as MJML itself would
 * write it for their variant: MJML writes a web font only if the content uses it, a media
 * query only for the column widths present, and the mj-image head style only if there is
 * an image. From MJML's output with every branch present, it lists those candidates and,
 * for each region of the template, the candidates it brings; the render sets their bits
 * and runtime/mjml-head.ts writes the head. The table is checked against MJML's own output
 * for all candidates; when the head is of another shape (a conditional inside mj-head,
 * inline styles, a carousel), the head stays static: every candidate, always.
 */
import { mjmlHead, type HeadTable } from "../../runtime/mjml-head.js";
import { findSentinels } from "./markers.js";

/** HeadAnalysis is the table of candidates, the head text with all of them, and a function giving a region's bits. */
export interface HeadAnalysis {
  table: HeadTable;
  /** all is the variable head with every candidate: the text to cut out of MJML's output. */
  all: string;
  /** mask gives the candidates a region brings, from its HTML (without the head) and its MJML. */
  mask(html: string, mjml: string): number;
}

// MJML's default web fonts (mjml-core), in its order; mj-font adds to them.
const DEFAULT_FONTS: [string, string][] = [
  ["Open Sans", "https://fonts.googleapis.com/css?family=Open+Sans:300,400,500,700"],
  ["Droid Sans", "https://fonts.googleapis.com/css?family=Droid+Sans:300,400,500,700"],
  ["Lato", "https://fonts.googleapis.com/css?family=Lato:300,400,500,700"],
  ["Roboto", "https://fonts.googleapis.com/css?family=Roboto:300,400,500,700"],
  ["Ubuntu", "https://fonts.googleapis.com/css?family=Ubuntu:300,400,500,700"],
];

const ANCHOR = "      .mj-outlook-group-fix { width:100% !important; }\n    </style>\n    <![endif]-->\n    ";

/** analyzeHead reads the variable head of an MJML output, or returns undefined to keep it static. */
export function analyzeHead(html: string, mjmlSource: string): HeadAnalysis | undefined {
  if (/<mj-style[^>]*inline/.test(mjmlSource) || /<mj-carousel\b/.test(mjmlSource)) return undefined;
  const anchor = html.indexOf(ANCHOR);
  const headEnd = html.indexOf("</head>");
  if (anchor < 0 || headEnd < anchor) return undefined;
  const head = html.slice(anchor + ANCHOR.length, headEnd);
  if (findSentinels(head).length) return undefined;

  const breakpoint = /@media only screen and \(min-width:([^)]+)\) \{/.exec(head)?.[1] ?? "480px";
  const fonts = [...head.matchAll(/<link href="([^"]*)" rel="stylesheet" type="text\/css">/g)].map((m) => m[1]);
  const mq = /@media only screen and \(min-width:[^)]+\) \{\n {8}([^]*?)\n {6}\}/.exec(head);
  const queries: [string, string][] = [];
  for (const line of mq ? mq[1].split("\n") : []) {
    const brace = line.indexOf(" {");
    for (const selector of line.slice(0, brace).split(", ")) queries.push([selector.replace(/^\./, ""), line.slice(brace + 1)]);
  }
  const components = /\n {4}<style type="text\/css">\n([^]*?)\n {4}<\/style>/.exec(head.slice(mq ? head.indexOf("</style>", head.indexOf("moz-text-html")) : 0));
  const styles = components && components[1].includes("mj-full-width-mobile") ? [components[1]] : [];
  const table: HeadTable = { breakpoint, fonts, queries, styles };
  const count = fonts.length + queries.length + styles.length;
  if (count > 30) return undefined;
  const all = mjmlHead(table, 2 ** count - 1);
  if (!head.startsWith(all)) return undefined;

  const names = new Map<string, string>(DEFAULT_FONTS.map(([name, url]) => [url, name]));
  for (const m of mjmlSource.matchAll(/<mj-font\b[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(m[0])?.[1];
    const href = /href="([^"]*)"/.exec(m[0])?.[1];
    if (name && href) names.set(href, name);
  }
  const fontTests = fonts.map((url) => {
    const name = names.get(url);
    // MJML's own test: the font's name in a font-family of a double-quoted style.
    return name ? new RegExp(`"[^"]*font-family:[^"]*${escapeRegExp(name)}[^"]*"`, "i") : /(?:)/;
  });
  const queryTests = queries.map(([className]) => new RegExp(`(?<![\\w-])${escapeRegExp(className)}(?![\\w-])`));
  const mask = (regionHtml: string, regionMjml: string) => {
    let m = 0;
    let bit = 0;
    for (const test of [...fontTests, ...queryTests]) if (test.test(regionHtml)) m |= 1 << bit++;
    else bit++;
    for (const _ of styles) if (/<mj-image\b/.test(regionMjml)) m |= 1 << bit++;
    else bit++;
    return m;
  };
  return { table, all, mask };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

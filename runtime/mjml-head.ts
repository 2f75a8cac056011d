/**
 * mjmlHead writes the parts of an MJML email's <head> that depend on what a recipient gets:
 * the web fonts their content uses, the media queries of the column widths they get, and
 * the head styles of the components they get — exactly as MJML writes them. The compiler
 * lists the candidates (from MJML's output with every branch present) and the generated
 * render sets one bit per candidate its rendered regions use.
 */

/** HeadTable lists the candidates in MJML's order; their bits are numbered fonts first, then queries, then styles. */
export interface HeadTable {
  breakpoint: string;
  /** fonts are the web-font URLs. */
  fonts: readonly string[];
  /** queries are [class name, rule] pairs of the column media queries. */
  queries: readonly (readonly [string, string])[];
  /** styles are the components' head styles. */
  styles: readonly string[];
}

const cache = new WeakMap<HeadTable, Map<number, string>>();

/** mjmlHead returns the variable head of an MJML email for the candidates whose bits are set in `on` (each combination is written once, then remembered). */
export function mjmlHead(t: HeadTable, on: number): string {
  let heads = cache.get(t);
  if (!heads) cache.set(t, (heads = new Map()));
  let head = heads.get(on);
  if (head === undefined) heads.set(on, (head = writeHead(t, on)));
  return head;
}

function writeHead(t: HeadTable, on: number): string {
  let bit = 0;
  const fonts = t.fonts.filter(() => on & (1 << bit++));
  const queries = t.queries.filter(() => on & (1 << bit++));
  const styles = t.styles.filter(() => on & (1 << bit++));
  let head = "";
  if (fonts.length) {
    head += `\n      <!--[if !mso]><!-->\n        ${fonts.map((url) => `<link href="${url}" rel="stylesheet" type="text/css">`).join("\n")}\n        <style type="text/css">\n          ${fonts.map((url) => `@import url(${url});`).join("\n")}\n        </style>\n      <!--<![endif]-->\n\n    `;
  }
  head += "\n    ";
  if (queries.length) {
    // MJML groups the classes that share a rule.
    const groups = new Map<string, string[]>();
    const moz = new Map<string, string[]>();
    for (const [name, rule] of queries) {
      (groups.get(rule) ?? groups.set(rule, []).get(rule)!).push(`.${name}`);
      (moz.get(rule) ?? moz.set(rule, []).get(rule)!).push(`.moz-text-html .${name}`);
    }
    const lines = (g: Map<string, string[]>) => [...g].map(([rule, selectors]) => `${selectors.join(", ")} ${rule}`).join("\n");
    head += `\n    <style type="text/css">\n      @media only screen and (min-width:${t.breakpoint}) {\n        ${lines(groups)}\n      }\n    </style>\n    <style media="screen and (min-width:${t.breakpoint})">\n      ${lines(moz)}\n    </style>\n    \n    \n  `;
  }
  head += "\n    ";
  if (styles.length) head += `\n    <style type="text/css">${styles.map((s) => `\n${s}`).join("")}\n    </style>`;
  return head;
}

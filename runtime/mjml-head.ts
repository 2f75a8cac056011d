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

/**
 * mjmlHead writes the variable head of an MJML email for the candidates whose bits are set in
 * `on` (a module remembers each combination it wrote). Plain loops and concatenation: it runs
 * once per combination, so what it costs is mostly its first call, V8 compiling it cold.
 */
export function mjmlHead(t: HeadTable, on: number): string {
  let bit = 0;
  let links = "";
  let imports = "";
  for (const url of t.fonts) {
    if (!(on & (1 << bit++))) continue;
    links += `${links ? "\n" : ""}<link href="${url}" rel="stylesheet" type="text/css">`;
    imports += `${imports ? "\n" : ""}@import url(${url});`;
  }
  // MJML groups the classes that share a rule, in the order the rules first appear.
  const rules: string[] = [];
  const classes: string[] = [];
  const moz: string[] = [];
  for (const [name, rule] of t.queries) {
    if (!(on & (1 << bit++))) continue;
    const k = rules.indexOf(rule);
    if (k < 0) {
      rules.push(rule);
      classes.push(`.${name}`);
      moz.push(`.moz-text-html .${name}`);
    } else {
      classes[k] += `, .${name}`;
      moz[k] += `, .moz-text-html .${name}`;
    }
  }
  let styles = "";
  for (const style of t.styles) if (on & (1 << bit++)) styles += `\n${style}`;
  let head = "";
  if (links) {
    head += `\n      <!--[if !mso]><!-->\n        ${links}\n        <style type="text/css">\n          ${imports}\n        </style>\n      <!--<![endif]-->\n\n    `;
  }
  head += "\n    ";
  if (rules.length) {
    let lines = "";
    let mozLines = "";
    for (let k = 0; k < rules.length; k++) {
      lines += `${k ? "\n" : ""}${classes[k]} ${rules[k]}`;
      mozLines += `${k ? "\n" : ""}${moz[k]} ${rules[k]}`;
    }
    head += `\n    <style type="text/css">\n      @media only screen and (min-width:${t.breakpoint}) {\n        ${lines}\n      }\n    </style>\n    <style media="screen and (min-width:${t.breakpoint})">\n      ${mozLines}\n    </style>\n    \n    \n  `;
  }
  head += "\n    ";
  if (styles) head += `\n    <style type="text/css">${styles}\n    </style>`;
  return head;
}

/**
 * TextPart writes an email's plain-text part tidied as it goes: no spaces beside a line
 * break, at most one blank line in a row, no white space at either end. The compiler tidies
 * each constant and cuts it into its white space at each end and the text between (`c`);
 * only values (`v`) are looked at when a recipient's email is written, so the text part is
 * never scanned as a whole.
 */
export class TextPart {
  private out = "";
  /** gap is the white space not written yet: spaces, or one or two line breaks. */
  private gap = "";

  /** c writes a constant: `lead` and `trail` are its white space ("", spaces, "\n" or "\n\n"), `core` the rest, tidied. */
  c(lead: string, core: string, trail: string): void {
    if (lead) this.space(lead);
    if (core) this.put(core);
    if (trail) this.space(trail);
  }

  /** v writes a value. */
  v(value: unknown): void {
    const s = `${value}`;
    const end = s.length - 1;
    // Most values are one word or a few with single spaces between.
    if (end < 0) return;
    if (!s.includes("\n") && s.charCodeAt(0) !== 32 && s.charCodeAt(end) !== 32) return this.put(s);
    let at = 0;
    for (const white of s.matchAll(/[ \n]+/g)) {
      if (white.index > at) this.put(s.slice(at, white.index));
      this.space(run(white[0]));
      at = white.index + white[0].length;
    }
    if (at <= end) this.put(s.slice(at));
  }

  /** text is the finished text part. */
  text(): string {
    return this.out.trim();
  }

  private space(run: string): void {
    if (run.charCodeAt(0) === 10) this.gap = run.length > 1 || this.gap.charCodeAt(0) === 10 ? "\n\n" : "\n";
    else if (this.gap.charCodeAt(0) !== 10) this.gap += run;
  }

  private put(s: string): void {
    // White space before the first text is trimmed away.
    if (this.out) this.out += this.gap + s;
    else this.out = s;
    this.gap = "";
  }
}

/**
 * splitText is how the compiler cuts a constant of the text part for TextPart.c: its white
 * space at each end (one run of spaces or line breaks, made what it will print as) and the
 * text between, tidied.
 */
export function splitText(s: string): [lead: string, core: string, trail: string] {
  const lead = /^[ \n]*/.exec(s)![0];
  if (lead.length === s.length) return [run(s), "", ""];
  const trail = /[ \n]*$/.exec(s)![0];
  const core = s.slice(lead.length, s.length - trail.length).replace(/ *\n(?: *\n)+ *| +\n *|\n +/g, run);
  return [run(lead), core, run(trail)];
}

// run is what a run of spaces and line breaks prints as: its spaces when it has no break, else one break or two.
function run(white: string): string {
  const breaks = white.split("\n").length - 1;
  return breaks ? (breaks > 1 ? "\n\n" : "\n") : white;
}

/**
 * The only importer of mjml: compiles marked MJML to HTML once per template, and
 * returns MJML's validation messages with their line in its input.
 */
import mjml2html from "mjml";

/** MjmlMessage is one of MJML's validation messages. */
export interface MjmlMessage {
  line: number;
  message: string;
  tagName: string;
}

/** MjmlResult is MJML's HTML and its messages. */
export interface MjmlResult {
  html: string;
  messages: MjmlMessage[];
}

/** runMjml compiles an MJML document; MJML's validation never stops it (we report its messages ourselves). */
export async function runMjml(source: string): Promise<MjmlResult> {
  const result = await mjml2html(source, { validationLevel: "soft", keepComments: true, ignoreIncludes: true } as Parameters<typeof mjml2html>[1]);
  const messages = (result.errors ?? []).map((e: { line: number; message: string; tagName: string }) => ({ line: e.line, message: e.message, tagName: e.tagName }));
  return { html: result.html, messages };
}

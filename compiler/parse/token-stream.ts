/**
 * tokenStream adapts an array of already-lexed tokens to nearley's lexer interface:
 * the lexer ran once over the whole source (lex/), so the grammar consumes its tokens
 * instead of lexing again. Call `load(tokens)` before `parser.feed("")`.
 */
import type { Token } from "../lex/tokens.js";

let tokens: readonly Token[] = [];
let index = 0;

export const tokenStream = {
  /** load sets the tokens of the next parse. */
  load(next: readonly Token[]): void {
    tokens = next;
    index = 0;
  },
  reset(): void {
    index = 0;
  },
  next(): (Token & { value: string }) | undefined {
    const t = tokens[index++];
    // A literal of one shape, not a spread: this runs for every token of every parse.
    return t && { type: t.type, text: t.text, span: t.span, spaced: t.spaced, value: t.text };
  },
  save(): object {
    return {};
  },
  formatError(token: Token): string {
    return `unexpected ${token.text}`;
  },
  has(): boolean {
    return true;
  },
};

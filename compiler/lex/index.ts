export { lex } from "./lexer.js";
export type { ActionItem, CommentItem, LexedTemplate, TextItem, Token, TokenType } from "./tokens.js";

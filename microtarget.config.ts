/**
 * The project's template functions: templates call them like builtins ({{add1 $i}}),
 * and the generated modules import them from here.
 */
export const functions = {
  /** add1 turns a 0-based index into a 1-based position. */
  add1: (i: number) => i + 1,
};

/** data is the templates' default data type; a template's front matter may name another. */
export const data = "templates/types/contact.ts#Contact";

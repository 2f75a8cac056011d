/**
 * The project's template functions: templates call them like builtins ({{add1 $i}}),
 * and the generated modules import them from here.
 */
export const functions = {
  /** add1 turns a 0-based index into a 1-based position. */
  add1: (i: number) => i + 1,
};

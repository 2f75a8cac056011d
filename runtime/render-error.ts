/** RenderError is thrown when a render fails; `file`, `line` and `column` point into the template. */
export class RenderError extends Error {
  override name = "RenderError";
  constructor(
    message: string,
    readonly file: string,
    readonly line: number,
    readonly column: number,
    options?: { cause?: unknown },
  ) {
    super(`${file}:${line}:${column}: ${message}`, options);
  }
}

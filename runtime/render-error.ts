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

/** ValidationError is thrown by a template's validate() for data that does not fit its type. */
export class ValidationError extends Error {
  override name = "ValidationError";
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}


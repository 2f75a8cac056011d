/**
 * The RenderPlan: an MJML template after weaving. Its shape is the template's own (if,
 * with, range, statements), but every stretch of text between two actions has become a
 * Region: the HTML that MJML made of it, and the plain text made of that HTML, each a
 * list of constant strings and holes. A hole is one value (`{{.FirstName}}`) or a
 * Fragment: a piece of template rendered to one string (an attribute value with markup,
 * the title), because MJML may copy those.
 */
import type * as A from "../parse/ast.js";
import type { HeadTable } from "../../runtime/mjml-head.js";
import type { Span } from "../source.js";

/** HoleContext is where a hole lands in the HTML, which decides how its value is escaped (see weave/html-context.ts). */
export interface HoleContext {
  kind: "text" | "attr" | "url" | "url-part" | "url-query" | "srcset" | "css" | "css-url" | "js" | "js-string" | "comment";
  /** attribute is true when the place is inside an attribute value (HTML-escaped last). */
  attribute: boolean;
  /** unquoted is true for an unquoted attribute value (whitespace, = and ` escaped too). */
  unquoted?: boolean;
}

/** Fragment is a piece of template rendered to one string wherever MJML put it. */
export interface Fragment {
  kind: "Fragment";
  id: number;
  nodes: A.Node[];
  span: Span;
  /** where says what the fragment is, for messages: "the href attribute of mj-button". */
  where: string;
  /** trim is true for the content of mj-title and mj-preview, which MJML trims. */
  trim: boolean;
}

/** Hole is a value printed into the HTML. */
export type Hole = { kind: "Value"; output: A.Output } | Fragment;

/** PlanItem is a constant string, a hole with the context it lands in, or the place of the variable head. */
export type PlanItem = string | { hole: Hole; context: HoleContext } | { head: HeadTable };

/** Region is the output of a stretch of template between two actions. */
export interface Region {
  kind: "Region";
  html: PlanItem[];
  text: PlanItem[];
  /** features are the bits of the head candidates this region brings (see weave/head.ts). */
  features: number;
}

/** PlanNode is a node of the woven template. */
export type PlanNode =
  | Region
  | { kind: "If"; node: A.If; then: PlanNode[]; else?: PlanNode[] }
  | { kind: "With"; node: A.With; then: PlanNode[]; else?: PlanNode[] }
  | { kind: "Range"; node: A.Range; body: PlanNode[]; else?: PlanNode[] }
  | { kind: "Statement"; node: A.Output | A.Break | A.Continue }
  /** Trim: MJML trims an element's content; where it starts or ends with a value, the render trims it too. */
  | { kind: "Trim"; side: "start" | "end"; pair: number };

/** RenderPlan is everything the emitter needs to write an MJML template's render. */
export interface RenderPlan {
  body: PlanNode[];
  /** subject is the front matter's subject, or the mj-title. */
  subject?: Fragment;
  /** preheader is the mj-preview. */
  preheader?: Fragment;
  /** head is set when the head follows the recipient: a { head } item in the first region marks its place. */
  head?: HeadTable;
}

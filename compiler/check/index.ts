export { callGraph, check, children, reachable } from "./check.js";
export type { Binding, Call, CheckedTemplate, CheckOptions, SourceTree, TemplateUnit, UserCall } from "./check.js";
export { kindOf, isScalar } from "./types.js";
export type { Kind, TVar } from "./types.js";
export { inferredShape, typeText } from "./type-text.js";
export type { DeclaredType, Shape } from "./declared.js";

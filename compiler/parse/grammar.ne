# The grammar of ONE action's interior: the tokens between `{{` and `}}`.
#
# Conventions:
# - Terminals are token types from lex/tokens.ts (`%field`, `%kwIf`, …). Whitespace never
#   reaches the grammar: the lexer drops it and turns an adjacent field into `%chain`.
# - Block structure (which {{end}} closes which {{if}}) is not here: parse/structure.ts nests
#   actions with a stack, so an unclosed block is reported at its opening action.
# - Every input must have exactly one parse; parse-action.ts treats two as an internal error.
#   Left recursion is fine for nearley; optional-everything rules are not (ambiguity).
# - Postprocessors only call builders from build.ts, which make typed AST nodes.
@preprocessor typescript
@{%
// Generated from grammar.ne by scripts/build-compiler.mjs: do not edit.
import { tokenStream as lexer } from "./token-stream.js";
import * as b from "./build.js";
%}
@lexer lexer

# Action: a control keyword with its arguments, or a pipeline to print.
Action -> Pipeline                             {% b.outputAction %}
  | %kwIf Pipeline                             {% b.ifAction %}
  | %kwElse                                    {% b.elseAction %}
  | %kwElse %kwIf Pipeline                     {% b.elseChainAction %}
  | %kwElse %kwWith Pipeline                   {% b.elseChainAction %}
  | %kwEnd                                     {% b.endAction %}
  | %kwRange RangePipeline                     {% b.rangeAction %}
  | %kwWith Pipeline                           {% b.withAction %}
  | %kwDefine Str                              {% b.defineAction %}
  | %kwTemplate Str                            {% b.templateAction %}
  | %kwTemplate Str Pipeline                   {% b.templateAction %}
  | %kwBlock Str Pipeline                      {% b.blockAction %}
  | %kwBreak                                   {% b.breakAction %}
  | %kwContinue                                {% b.continueAction %}

# Str: a template name.
Str -> %string {% b.stringLit %} | %rawString {% b.stringLit %}

# Pipeline: declaration? command ('|' command)*
Pipeline -> Commands                           {% b.pipeline %}
  | %variable %declare Commands                {% b.declaredPipeline %}
  | %variable %assign Commands                 {% b.declaredPipeline %}

# RangePipeline: a pipeline, or `$i, $e := pipeline` (also with `=`).
RangePipeline -> Pipeline                      {% b.id %}
  | %variable %comma %variable %declare Commands {% b.pairPipeline %}
  | %variable %comma %variable %assign Commands  {% b.pairPipeline %}

# Commands: command ('|' command)*
Commands -> Command                            {% b.first %}
  | Commands %pipe Command                     {% b.appendCommand %}

# Command: operand+
Command -> Operand                             {% b.command %}
  | Command Operand                            {% b.appendOperand %}

# Operand: term chain*
Operand -> Term                                {% b.id %}
  | Operand %chain                             {% b.chain %}

# Term: a field, a variable, dot, a function name, a constant, or ( pipeline ).
Term -> %field                                 {% b.field %}
  | %variable                                  {% b.variable %}
  | %dot                                       {% b.dot %}
  | %ident                                     {% b.identifier %}
  | %string                                    {% b.stringLit %}
  | %rawString                                 {% b.stringLit %}
  | %char                                      {% b.charLit %}
  | %number                                    {% b.numberLit %}
  | %bool                                      {% b.boolLit %}
  | %nil                                       {% b.nil %}
  | %lparen Pipeline %rparen                   {% b.paren %}

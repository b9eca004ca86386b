/**
 * Every answer format is checked here before it reaches an engine: in the model host for every
 * call, and at the edges (the OpenAI endpoint) so a bad one is a 400 before it waits in the queue.
 */
import type { OutputConstraint } from '../engine';
import { checkGrammar } from './check-grammar';
import { checkJsonSchema } from './check-json-schema';
import { invalidConstraint } from './invalid-constraint';

/** Returns the constraint as engines should get it (a schema self-contained), or throws `invalid-request`. */
export function checkConstraint(constraint: OutputConstraint | undefined): OutputConstraint | undefined {
  if (constraint === undefined) return undefined;
  if (constraint.type === 'json-schema') return { type: 'json-schema', schema: checkJsonSchema(constraint.schema) };
  if (constraint.type === 'grammar') return { type: 'grammar', grammar: checkGrammar(constraint.grammar) };
  throw invalidConstraint('grammar', 'the constraint must be a JSON schema or a GBNF grammar');
}

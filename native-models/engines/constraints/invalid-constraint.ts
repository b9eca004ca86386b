import { ModelError } from '../../errors';

/** An answer format Folio will not hand to the engine: a 400 for this request only. */
export function invalidConstraint(kind: 'JSON schema' | 'grammar', reason: string, detail?: string): ModelError {
  return new ModelError('invalid-request', `The answer format (${kind}) cannot be used: ${reason}.`, detail);
}

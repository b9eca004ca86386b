/**
 * JSON-schema constraints, made the same on every engine. llama.cpp's and node-llama-cpp's
 * schema-to-grammar converters ignore some keywords (node-llama-cpp drops integer bounds), so
 * small integer ranges are rewritten as enums before conversion, and every answer is checked
 * against the original schema after generation.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { ModelError } from '../errors';

type Schema = Record<string, unknown>;

// Ranges up to this many values become an enum: enough for paragraph indices and letter choices.
const MAX_ENUM_RANGE = 512;

export function prepareSchema(schema: Schema): Schema {
  return rewrite(schema) as Schema;
}

function rewrite(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewrite);
  if (!node || typeof node !== 'object') return node;
  const schema = node as Schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) out[key] = rewrite(value);
  const { minimum, maximum } = schema;
  if (
    schema.type === 'integer' &&
    typeof minimum === 'number' &&
    typeof maximum === 'number' &&
    maximum - minimum < MAX_ENUM_RANGE &&
    !schema.enum
  ) {
    const values: number[] = [];
    for (let value = Math.ceil(minimum); value <= maximum; value++) values.push(value);
    delete out.minimum;
    delete out.maximum;
    delete out.type;
    out.enum = values;
  }
  return out;
}

/**
 * Throws a typed error when the answer is not JSON matching the schema. Each schema is compiled
 * by its own Ajv (about 0.2 ms): one shared instance kept every schema, so a second request
 * with the same `$id` failed until the host restarted, and memory grew with every request.
 */
export function checkAgainstSchema(text: string, schema: Schema): unknown {
  const ajv = new Ajv({ allErrors: false, strict: false, meta: false, validateSchema: false, addUsedSchema: false });
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(schema);
  } catch (error) {
    throw new ModelError('invalid-request', 'The answer format (JSON schema) cannot be used.', String(error));
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ModelError(
      'engine-failed',
      'The model did not answer in the required format.',
      `not JSON: ${String(error)}: ${text.slice(0, 200)}`,
    );
  }
  if (!validate(value)) {
    throw new ModelError(
      'engine-failed',
      'The model did not answer in the required format.',
      `schema: ${ajv.errorsText(validate.errors)}: ${text.slice(0, 200)}`,
    );
  }
  return value;
}

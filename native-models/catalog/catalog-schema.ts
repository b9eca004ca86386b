/**
 * JSON schema of model-catalog.json (and of catalogs given with `--catalog`). A verified entry
 * must carry exact sizes and checksums for both files, since that is what "verified" promises.
 */
const positiveInteger = { type: 'integer', minimum: 1 } as const;

const fileSchema = (shape: object) =>
  ({
    type: 'object',
    additionalProperties: false,
    required: ['url', 'quantization', 'approxBytes', 'shape'],
    properties: {
      url: { type: 'string', pattern: '^https?://[^\\s]+\\.gguf$' },
      quantization: { type: 'string', minLength: 1 },
      approxBytes: positiveInteger,
      bytes: positiveInteger,
      sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      shape,
    },
  }) as const;

const decoderShape = {
  type: 'object',
  additionalProperties: false,
  required: ['blockCount', 'embeddingLength', 'headCount', 'headCountKv', 'headDim', 'feedForwardLength', 'vocabSize'],
  properties: {
    blockCount: positiveInteger,
    embeddingLength: positiveInteger,
    headCount: positiveInteger,
    headCountKv: positiveInteger,
    headDim: positiveInteger,
    feedForwardLength: positiveInteger,
    vocabSize: positiveInteger,
  },
} as const;

const projectorShape = {
  type: 'object',
  additionalProperties: false,
  required: ['imageSize', 'patchSize', 'embeddingLength', 'headCount'],
  properties: { imageSize: positiveInteger, patchSize: positiveInteger, embeddingLength: positiveInteger, headCount: positiveInteger },
} as const;

const confirmedFile = { type: 'object', required: ['bytes', 'sha256'] } as const;

const licenseSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: { name: { type: 'string', minLength: 1 }, url: { type: 'string', pattern: '^https://' } },
} as const;

export const CATALOG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'notes', 'entries'],
  properties: {
    version: { const: 1 },
    notes: { type: 'array', items: { type: 'string' } },
    entries: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: [
          'id',
          'name',
          'family',
          'rank',
          'goodAt',
          'license',
          'contextLength',
          'decoder',
          'projector',
          'notes',
          'verified',
          'verification',
        ],
        properties: {
          id: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]*$', maxLength: 64 },
          name: { type: 'string', minLength: 1 },
          family: { type: 'string', minLength: 1 },
          rank: { type: 'integer', minimum: 0 },
          goodAt: { type: 'string', minLength: 1 },
          license: licenseSchema,
          contextLength: positiveInteger,
          decoder: fileSchema(decoderShape),
          projector: fileSchema(projectorShape),
          notes: { type: 'array', items: { type: 'string', minLength: 1 } },
          verified: { type: 'boolean' },
          verification: { type: 'string', minLength: 1 },
        },
        if: { properties: { verified: { const: true } } },
        then: { properties: { decoder: confirmedFile, projector: confirmedFile } },
      },
    },
    embeddingModels: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: [
          'id',
          'name',
          'goodAt',
          'license',
          'files',
          'description',
          'approxMemoryBytes',
          'recall',
          'notes',
          'verified',
          'verification',
        ],
        properties: {
          id: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]*$', maxLength: 64 },
          name: { type: 'string', minLength: 1 },
          goodAt: { type: 'string', minLength: 1 },
          license: licenseSchema,
          files: {
            type: 'array',
            minItems: 4,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['url', 'approxBytes'],
              properties: {
                url: { type: 'string', pattern: '^https?://[^\\s]+\\.(onnx|json)$' },
                approxBytes: positiveInteger,
                bytes: positiveInteger,
                sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
              },
            },
          },
          description: {
            type: 'object',
            additionalProperties: false,
            required: ['imageSize', 'imageMean', 'imageStd', 'dimensions', 'contextLength', 'matchFloor'],
            properties: {
              imageSize: positiveInteger,
              imageMean: { type: 'array', items: { type: 'number' }, minItems: 3, maxItems: 3 },
              imageStd: { type: 'array', items: { type: 'number', exclusiveMinimum: 0 }, minItems: 3, maxItems: 3 },
              dimensions: positiveInteger,
              contextLength: positiveInteger,
              matchFloor: { type: ['number', 'null'], minimum: -1, maximum: 1 },
            },
          },
          approxMemoryBytes: positiveInteger,
          recall: { type: 'array', items: { type: 'string', minLength: 1 } },
          notes: { type: 'array', items: { type: 'string', minLength: 1 } },
          verified: { type: 'boolean' },
          verification: { type: 'string', minLength: 1 },
        },
      },
    },
    conversions: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name', 'family', 'checkpoint', 'pageUrl', 'goodAt', 'license', 'approxCheckpointBytes', 'notes'],
        properties: {
          id: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]*$', maxLength: 64 },
          name: { type: 'string', minLength: 1 },
          family: { type: 'string', minLength: 1 },
          checkpoint: { type: 'string', pattern: '^[\\w.-]+/[\\w.-]+$' },
          pageUrl: { type: 'string', pattern: '^https://' },
          goodAt: { type: 'string', minLength: 1 },
          license: licenseSchema,
          approxCheckpointBytes: positiveInteger,
          notes: { type: 'array', items: { type: 'string', minLength: 1 } },
        },
      },
    },
  },
} as const;

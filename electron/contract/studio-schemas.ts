/**
 * Runtime validators of the Studio API: a JSON Schema for each method's params. Main and the
 * headless server check every request against these before anything touches disk or the
 * model (the document itself gets the project validator's deeper check as well).
 */
import type { StudioMethodName } from './studio-api';
import { EXPORT_FORMATS } from './export-formats';
import { ASSET_ID_PATTERN } from './asset-id';

type Schema = Record<string, unknown>;

const string = (maxLength = 4096): Schema => ({ type: 'string', maxLength });
const nonEmpty = (maxLength = 4096): Schema => ({ type: 'string', minLength: 1, maxLength });
const integer = (minimum: number, maximum: number): Schema => ({ type: 'integer', minimum, maximum });
const object = (properties: Record<string, Schema>, required: string[] = Object.keys(properties)): Schema => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});
const NONE: Schema = { anyOf: [{ type: 'null' }, object({}, [])] };
const jobId = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' };
const assetId = { type: 'string', pattern: ASSET_ID_PATTERN.source };
const path = nonEmpty(4096);
const seed = integer(0, 2 ** 31 - 1);
const pickPurpose = {
  enum: [
    'decoder',
    'projector',
    'library-folder',
    'open-project',
    'save-project',
    'export',
    'benchmark',
    'checkpoint-folder',
    'import-article',
  ],
};
const exportFormat = { enum: [...EXPORT_FORMATS] };
/** Shape only; the project validator checks the nodes. */
const document = object({ type: { const: 'doc' }, attrs: { type: 'object' }, content: { type: 'array', maxItems: 100_000 } }, [
  'type',
  'content',
]);

export const STUDIO_PARAM_SCHEMAS: Record<StudioMethodName, Schema> = {
  capabilities: NONE,
  modelSetup: NONE,
  modelStatus: NONE,
  checkModelFiles: object({ decoder: path, projector: { anyOf: [{ type: 'null' }, path] } }),
  loadModel: object(
    {
      source: {
        oneOf: [
          object({ kind: { const: 'files' }, decoder: path, projector: { anyOf: [{ type: 'null' }, path] } }),
          object({ kind: { const: 'catalog' }, id: nonEmpty(200) }),
          object({ kind: { const: 'demo' } }),
        ],
      },
      fullPrecision: { type: 'boolean' },
    },
    ['source'],
  ),
  cancelModelLoad: NONE,
  downloadModel: object({ jobId, id: nonEmpty(200) }),
  openWorkspace: NONE,
  saveDocument: object({ document, mode: { enum: ['autosave', 'save'] } }),
  newProject: object({ title: nonEmpty(200), jobId }, ['title']),
  openProject: object({ dir: path, jobId }, ['dir']),
  saveProjectAs: object({ document, dir: path, jobId }, ['document', 'dir']),
  importArticle: object({ path, jobId }, ['path']),
  // 40 MB pictures are the limit; base64 makes them a third larger.
  readMarkdown: object({ markdown: { type: 'string', minLength: 1, maxLength: 2_000_000 } }),
  importImage: object({ fileName: string(1000), dataBase64: { type: 'string', minLength: 1, maxLength: 56_000_000 } }),
  exportArticle: object({ jobId, document, format: exportFormat, path }),
  compose: object(
    {
      jobId,
      outline: nonEmpty(100_000),
      referenceAssetIds: { type: 'array', items: assetId, maxItems: 10 },
      figures: { anyOf: [{ type: 'null' }, integer(1, 15)] },
      useLibrary: { type: 'boolean' },
      seed,
    },
    ['jobId', 'outline', 'referenceAssetIds', 'figures', 'useLibrary'],
  ),
  editParagraph: object(
    {
      jobId,
      document,
      paragraphIndex: integer(0, 100_000),
      action: { enum: ['rewrite', 'expand', 'shorten', 'insert-before', 'insert-after'] },
      material: string(20_000),
      seed,
    },
    ['jobId', 'document', 'paragraphIndex', 'action'],
  ),
  figureAction: object(
    {
      jobId,
      document,
      figureIndex: integer(0, 1000),
      action: {
        oneOf: [
          object({ kind: { const: 'swap' }, candidate: integer(0, 100) }),
          object({ kind: { const: 'replace' }, libraryImageId: integer(1, Number.MAX_SAFE_INTEGER) }),
          object({ kind: { const: 'retitle' } }),
          object({ kind: { const: 'rechoose' } }),
          object({ kind: { const: 'recaption' } }),
        ],
      },
      seed,
    },
    ['jobId', 'document', 'figureIndex', 'action'],
  ),
  ask: object({ jobId, question: nonEmpty(20_000), imageAssetId: assetId, document, seed }, ['jobId', 'question']),
  libraryState: NONE,
  indexLibrary: object({ jobId, folder: path }),
  searchLibrary: object({ query: string(1000), limit: integer(1, 200) }),
  removeLibraryFolder: object({ folder: path }),
  setBackgroundCaptions: object({ on: { type: 'boolean' } }),
  convertModel: object({ jobId, checkpointDir: path, type: { enum: ['f16', 'q8_0', 'q4_k_m'] } }),
  evaluateModel: object(
    {
      jobId,
      benchmarkPath: path,
      circular: { type: ['boolean', 'null'] },
      limit: integer(1, 10_000_000),
      sample: integer(1, 10_000_000),
      seed,
    },
    ['jobId', 'benchmarkPath', 'circular'],
  ),
  cancelJob: object({ jobId }),
  pickPath: object({ purpose: pickPurpose, defaultPath: string() }, ['purpose']),
  createFolder: object({ path, name: nonEmpty(255) }),
  listFolder: object({ path, purpose: pickPurpose, format: exportFormat, showHidden: { type: 'boolean' } }, ['purpose']),
};

/**
 * Studio API requests for the fuzz test: each method's valid params, then mutated (wrong types,
 * missing and unknown fields, huge strings, deep nesting, odd documents), and unknown methods.
 * Every envelope is well formed, so each request must get its own reply. Methods that start
 * long work (the model, an index, an export, a download) go out broken but for a few, so the
 * run stays bounded; paths stay inside the sandbox (the fuzzed server runs as whoever runs the tests).
 */
import type { ArticleDocument } from '../../electron/contract/studio-api';
import { STUDIO_PARAM_SCHEMAS } from '../../electron/contract/studio-schemas';
import type { Random } from './seeded-random';

export interface FuzzTarget {
  sandbox: string;
  /** A picture already in the project. */
  assetId: string;
  document: ArticleDocument;
}

type Params = Record<string, unknown>;

/** Work that would keep the server busy for seconds: never sent valid. */
const LONG_RUNNING = new Set([
  'loadModel',
  'downloadModel',
  'exportArticle',
  'compose',
  'editParagraph',
  'figureAction',
  'ask',
  'indexLibrary',
]);

/** Valid params per method; a method added to the API later is fuzzed too, from null, and always broken. */
function templates(target: FuzzTarget, random: Random): Record<string, Params | null> {
  const place = `${target.sandbox}/places/${safeName(random)}`;
  return {
    capabilities: null,
    modelSetup: null,
    modelStatus: null,
    libraryState: null,
    openWorkspace: null,
    cancelModelLoad: null,
    checkModelFiles: { decoder: `${place}.gguf`, projector: null },
    loadModel: { source: { kind: 'files', decoder: `${place}.gguf`, projector: null } },
    downloadModel: { jobId: 'fuzz-download', id: 'no-such-model' },
    saveDocument: { document: target.document, mode: 'autosave' },
    newProject: { title: 'Fuzzed' },
    openProject: { dir: place },
    saveProjectAs: { document: target.document, dir: place },
    importArticle: { path: `${place}.md` },
    importImage: { fileName: 'a.png', dataBase64: 'iVBORw0KGgo=' },
    readMarkdown: { markdown: '# Pasted\n\n- a **list**\n\n![x](https://example.com/x.png)' },
    exportArticle: { jobId: 'fuzz-export', document: target.document, format: 'md', path: `${place}.md` },
    compose: { jobId: 'fuzz-compose', outline: '# A\n## B', referenceAssetIds: [target.assetId], figures: 1, useLibrary: false, seed: 1 },
    editParagraph: { jobId: 'fuzz-edit', document: target.document, paragraphIndex: 0, action: 'rewrite', seed: 1 },
    figureAction: { jobId: 'fuzz-figure', document: target.document, figureIndex: 0, action: { kind: 'swap', candidate: 0 } },
    ask: { jobId: 'fuzz-ask', question: 'What is this?', imageAssetId: target.assetId, seed: 1 },
    indexLibrary: { jobId: 'fuzz-index', folder: place },
    searchLibrary: { query: 'boats', limit: 5 },
    cancelJob: { jobId: 'fuzz-compose' },
    pickPath: { purpose: 'export' },
    listFolder: { purpose: 'library-folder' },
    // Outside the picker's folders, so refused: a fuzz run makes no folders.
    createFolder: { path: '/', name: 'fuzz' },
  };
}

/** One request: its method, and its JSON text for a given id. */
export function fuzzedRequest(random: Random, target: FuzzTarget): { method: string; write: (id: number) => string } {
  const all = templates(target, random);
  const unknown = random.chance(0.05);
  const method = unknown
    ? random.pick(['deleteEverything', '__proto__', 'constructor', 'toString', '', 'handle', 'x'.repeat(5000)])
    : random.pick(Object.keys(STUDIO_PARAM_SCHEMAS));
  const known = Object.hasOwn(all, method);
  let params: unknown = structuredClone(known ? all[method] : null);
  // Some go out as they are, so valid requests are mixed in with the broken ones.
  const mutations = random.int(4);
  for (let index = 0; index < mutations; index++) params = mutate(random, params, target);
  // A long job goes out broken whatever the mutations did (an unknown field is always refused),
  // but for one in fifty, which may reach the model.
  if ((LONG_RUNNING.has(method) || !known) && !(known && random.chance(0.02)))
    params = { ...(isObject(params) ? params : {}), fuzzUnknownField: true };
  const text = withDeepNesting(JSON.stringify({ type: 'request', id: 0, method, params }));
  // The id goes in as text too: the deep JSON cannot be parsed back and built again.
  return { method, write: (id) => text.replace('{"type":"request","id":0,', `{"type":"request","id":${id},`) };
}

function mutate(random: Random, params: unknown, target: FuzzTarget): unknown {
  if (!isObject(params) || random.chance(0.08)) return randomValue(random, 3);
  const keys = Object.keys(params);
  const key = keys.length > 0 ? random.pick(keys) : 'fuzz';
  const next: Params = { ...params };
  switch (random.int(6)) {
    case 0:
      delete next[key];
      return next;
    case 1:
      next[`${random.pick(['', '__proto__', 'constructor', 'extra', 'dataBase64'])}${random.int(3) || ''}`] = randomValue(random, 2);
      return next;
    case 2:
      next[key] = randomValue(random, 3);
      return next;
    case 3:
      next[key] = isObject(next[key]) ? mutate(random, next[key], target) : randomValue(random, 1);
      return next;
    case 4:
      if ('document' in next) next.document = mutatedDocument(random, target.document);
      else next[key] = hugeString(random);
      return next;
    default:
      next[key] = `FUZZDEEP:${random.pick([10, 100, 1000, 10_000, 100_000])}:`;
      return next;
  }
}

/** A document the schema's shape check lets through, with odd nodes inside. */
function mutatedDocument(random: Random, document: ArticleDocument): unknown {
  const content: unknown[] = [...document.content];
  const odd = [
    { type: 'paragraph', content: [{ type: 'text', text: randomString(random, 40) }] },
    { type: 'heading', attrs: { level: randomValue(random, 0) }, content: [{ type: 'text', text: '<h1><meta http-equiv="refresh">' }] },
    { type: 'figure', attrs: randomValue(random, 2) },
    { type: randomString(random, 8), content: randomValue(random, 2) },
    { type: 'paragraph', content: [{ type: 'text', text: hugeString(random) }] },
    { type: 'paragraph', attrs: { deep: `FUZZDEEP:${random.pick([1000, 10_000, 50_000])}:` } },
    randomValue(random, 2),
  ];
  content.splice(random.int(content.length + 1), random.int(2), random.pick(odd));
  return { ...document, ...(random.chance(0.2) ? { attrs: { extra: `FUZZDEEP:5000:` } } : {}), content };
}

function randomValue(random: Random, depth: number): unknown {
  const kind = random.int(depth > 0 ? 12 : 9);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return random.chance(0.5);
    case 2:
      return random.pick([0, -1, 1.5, 2 ** 53, -(2 ** 31), 1e308, 7]);
    case 3:
      return randomString(random, 30);
    case 4:
      return random.pick(['', ' ', '..', '~', '\u0000', '\ud800', '%s%n', '<script>alert(1)</script>', 'demo', 'files', 'md', 'pdf']);
    case 5:
      return random.chance(0.1) ? hugeString(random) : randomString(random, 3);
    case 6:
      return random.pick(['a'.repeat(64), 'g'.repeat(64), '0'.repeat(63)]);
    case 7:
      return random.int(1000);
    case 8:
      return `FUZZDEEP:${random.pick([10, 1000, 100_000])}:`;
    case 9:
    case 10:
      return Array.from({ length: random.int(4) }, () => randomValue(random, depth - 1));
    default:
      return Object.fromEntries(Array.from({ length: random.int(4) }, () => [randomString(random, 6), randomValue(random, depth - 1)]));
  }
}

// No '/' or '\': a string that ends up as a path stays inside the sandbox (the working folder).
const ALPHABET = 'abcxyzABC019 ._-~%$"\'<>&é漢🙂\t\n';

function randomString(random: Random, maxLength: number): string {
  return Array.from({ length: random.int(maxLength + 1) }, () => random.pick([...ALPHABET])).join('');
}

function safeName(random: Random): string {
  return `p${random.int(1_000_000)}`;
}

function hugeString(random: Random): string {
  return 'x'.repeat(random.pick([5000, 100_000, 1_000_000]));
}

/** `"FUZZDEEP:n:"` becomes n nested arrays: built as text, since building the value would recurse. */
function withDeepNesting(text: string): string {
  return text.replace(/"FUZZDEEP:(\d+):"/g, (_match, depth: string) => '['.repeat(Number(depth)) + ']'.repeat(Number(depth)));
}

function isObject(value: unknown): value is Params {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

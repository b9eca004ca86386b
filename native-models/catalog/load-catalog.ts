/**
 * Loads the model catalog: the built-in one (bundled JSON) or a file the writer or an
 * organisation provides (`--catalog`, e.g. a mirror on the local network). Either is checked
 * against the schema, so a hand-edited catalog fails with a message instead of half-working.
 */
import { readOutsideFile } from '../files/read-outside-file';

/** The built-in catalog is a few kilobytes; one of thousands of models would still be far below this. */
const MAX_CATALOG_BYTES = 16 * 1024 * 1024;
import { Ajv } from 'ajv';
import builtInCatalogData from './model-catalog.json';
import { CATALOG_SCHEMA } from './catalog-schema';
import type { CatalogEntry, ModelCatalog } from './catalog-entry';

export class CatalogError extends Error {
  override readonly name = 'CatalogError';
}

// strictRequired is off: the "verified" rule requires properties that the file schema defines.
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
const validate = ajv.compile<ModelCatalog>(CATALOG_SCHEMA);

/** Checks catalog data; throws `CatalogError` naming every problem. */
export function parseCatalog(data: unknown, source = 'catalog'): ModelCatalog {
  if (!validate(data)) {
    throw new CatalogError(`${source} is not a valid model catalog: ${ajv.errorsText(validate.errors, { dataVar: 'catalog' })}`);
  }
  const seen = new Set<string>();
  for (const entry of data.entries) {
    if (seen.has(entry.id)) throw new CatalogError(`${source} lists the model "${entry.id}" twice.`);
    seen.add(entry.id);
  }
  return data;
}

let builtIn: ModelCatalog | undefined;

export function builtInCatalog(): ModelCatalog {
  builtIn ??= parseCatalog(builtInCatalogData, 'the built-in model catalog');
  return builtIn;
}

export async function loadCatalog(filePath?: string): Promise<ModelCatalog> {
  if (!filePath) return builtInCatalog();
  const read = await readOutsideFile(filePath, MAX_CATALOG_BYTES);
  if (!('bytes' in read)) throw new CatalogError(`The model catalog could not be read: ${filePath} (${read.detail})`);
  const text = read.bytes.toString('utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new CatalogError(`The model catalog is not valid JSON: ${filePath} (${(error as Error).message})`);
  }
  return parseCatalog(data, filePath);
}

export function findCatalogEntry(catalog: ModelCatalog, id: string): CatalogEntry | undefined {
  return catalog.entries.find((entry) => entry.id === id);
}

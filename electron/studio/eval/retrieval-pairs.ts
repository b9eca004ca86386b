/**
 * A retrieval test set as a TSV with a header row: `image` (or `image_path`: a picture file,
 * relative to the TSV or absolute), `text` (or `caption`, `query`) and, optionally, `language`.
 * One row per pair; a picture may have several texts (Flickr30k and COCO have five each). A row
 * without a language is taken as Chinese when its text is mostly Han characters, else English.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { EvalError } from './eval-error';
import { readTsvRecords, TsvSyntaxError } from './tsv-records';

export interface RetrievalPair {
  /** Absolute path of the picture. */
  picture: string;
  text: string;
  language: string;
  /** 1-based line of the row, for messages. */
  row: number;
}

const PICTURE_COLUMNS = ['image', 'image_path', 'picture', 'filepath'];
const TEXT_COLUMNS = ['text', 'caption', 'query', 'title'];

export async function readRetrievalPairs(file: string): Promise<RetrievalPair[]> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new EvalError('file-missing', `The pairs file could not be found: ${file}`);
  const pairs: RetrievalPair[] = [];
  let columns: { picture: number; text: number; language: number } | null = null;
  let row = 0;
  try {
    for await (const record of readTsvRecords(file)) {
      row++;
      if (!columns) {
        const names = record.fields.map((name) => name.trim().toLowerCase());
        const picture = names.findIndex((name) => PICTURE_COLUMNS.includes(name));
        const text = names.findIndex((name) => TEXT_COLUMNS.includes(name));
        if (picture < 0 || text < 0)
          throw new EvalError(
            'missing-columns',
            `The pairs file needs a header with an "image" and a "text" column: ${file}`,
            `header: ${names.join(', ')}`,
          );
        columns = { picture, text, language: names.indexOf('language') };
        continue;
      }
      const picturePath = record.fields[columns.picture]?.trim() ?? '';
      const text = record.fields[columns.text]?.trim() ?? '';
      if (!picturePath || !text) throw new EvalError('bad-row', `Row ${row} of the pairs file has no picture or no text: ${file}`);
      const language = (columns.language >= 0 ? record.fields[columns.language]?.trim() : '') || guessLanguage(text);
      pairs.push({ picture: path.resolve(path.dirname(file), picturePath), text, language, row });
    }
  } catch (error) {
    if (error instanceof TsvSyntaxError) throw new EvalError('not-a-tsv', `The pairs file is not a readable TSV: ${file}`, error.message);
    throw error;
  }
  if (pairs.length === 0) throw new EvalError('bad-row', `The pairs file has no pairs: ${file}`);
  return pairs;
}

function guessLanguage(text: string): string {
  const letters = text.match(/\p{L}/gu) ?? [];
  const han = text.match(/\p{Script=Han}/gu) ?? [];
  return han.length * 2 > letters.length ? 'zh' : 'en';
}

/**
 * `folio eval retrieval PAIRS.tsv`: text-to-picture recall@1/5/10 of the image-embedding model,
 * overall and per language, on pairs of a picture and a text (e.g. a Flickr30k or COCO test split
 * written as TSV), so embedding models can be compared on the same pairs. With --model (and
 * --mmproj), texts in another script are searched through the language model's English phrase,
 * as the studio does, and every picture is also captioned by that model and the texts searched by
 * words over the captions, printed beside the embedding search's recall.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { evaluateRetrieval, type RecallRow, type RetrievalReport } from '../studio/eval/evaluate-retrieval';
import { readRetrievalPairs } from '../studio/eval/retrieval-pairs';
import { modelSearchPhrase } from '../studio/library/model-search-phrase';
import { modelDescriber } from '../studio/library/model-describer';
import { ModelSession } from '../studio/model/model-session';
import { MODEL_OPTIONS, modelSessionOptions, parseCommandLine } from '../studio/options/model-options';
import { UsageError } from '../studio/options/usage-error';
import { abortOnInterrupt } from './abort-on-interrupt';
import { EMBEDDING_OPTIONS, openPictureEmbedder } from './open-picture-embedder';
import { progressReporter } from './progress-reporter';

export async function runEvalRetrieval(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, { ...MODEL_OPTIONS, ...EMBEDDING_OPTIONS });
  const [file, ...extra] = positionals;
  if (!file) throw new UsageError('eval retrieval needs a pairs file, e.g. folio eval retrieval flickr30k-test.tsv');
  if (extra.length > 0) throw new UsageError(`eval retrieval takes one pairs file; got also "${extra[0]}".`);
  const pairs = await readRetrievalPairs(path.resolve(file));
  const embedder = await openPictureEmbedder(values);
  const progress = progressReporter();
  const interrupt = abortOnInterrupt();
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'folio-retrieval-'));
  let session: ModelSession | undefined;
  try {
    if (values.model) session = await ModelSession.open(modelSessionOptions(values, { contextSize: 2048 }));
    const report = await evaluateRetrieval(pairs, embedder, scratch, {
      ...(session ? { phrase: modelSearchPhrase(session), describer: modelDescriber(session) } : {}),
      signal: interrupt.signal,
      onProgress: (done, total, phase) => progress.update(`${phase}: ${done}/${total}`, done / total),
    });
    progress.done();
    process.stdout.write(reportText(path.basename(file), embedder.description.name, report));
    return 0;
  } finally {
    interrupt.release();
    progress.done();
    await session?.close();
    await embedder.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

const percent = (fraction: number): string => `${(fraction * 100).toFixed(1)}%`;
const spread = ([p10, p50, p90]: [number, number, number]): string => `p10 ${p10.toFixed(3)}  p50 ${p50.toFixed(3)}  p90 ${p90.toFixed(3)}`;

function row(recall: RecallRow): string {
  return `${recall.language.padEnd(10)}${String(recall.pairs).padStart(6)}  ${[recall.at1, recall.at5, recall.at10].map((value) => percent(value).padStart(7)).join('')}`;
}

function reportText(file: string, model: string, report: RetrievalReport): string {
  const lines = [
    `Retrieval: ${file}, ${report.pictures} pictures, ${report.overall.pairs} pairs; model ${model}`,
    `language   pairs      R@1    R@5   R@10`,
    row(report.overall),
    ...report.byLanguage.map(row),
    `cosine to its own picture     ${spread(report.ownSimilarity)}`,
    `cosine to the best other one  ${spread(report.bestOtherSimilarity)}`,
    ...(report.captions
      ? [
          `words over captions written by the language model (${report.captions.captioned} of ${report.pictures} pictures captioned)`,
          `language   pairs      R@1    R@5   R@10`,
          row(report.captions.overall),
          ...report.captions.byLanguage.map(row),
        ].map((text) => `captions: ${text}`)
      : []),
    ...report.unreadable.slice(0, 20).map((entry) => `  row ${entry.row}: left out, ${entry.reason}`),
  ];
  return `${lines.join('\n')}\n`;
}

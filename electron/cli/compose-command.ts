import path from 'node:path';
import { MAX_FIGURES } from '../studio/compose/prompts/place-prompt';
import { composeArticle } from '../studio/compose/compose-article';
import type { ComposeProgress, ImageCandidate } from '../studio/compose/compose-types';
import { draftToDocument } from '../studio/compose/draft-to-document';
import { writeBudget } from '../studio/compose/write-article';
import { saveComposition } from '../studio/compose/save-composition';
import { saveAsProject } from '../studio/compose/save-as-project';
import { ModelSession } from '../studio/model/model-session';
import { makeWritableFolder } from '../studio/documents/writable-folder';
import { readPictureArgument } from './read-picture-argument';
import { readTextArgument } from './read-text-argument';
import { UsageError } from '../studio/options/usage-error';
import { serverOption } from '../studio/options/server-option';
import { openComposeLibrary, type ComposeLibrary } from './compose-library';
import { integerOption } from '../studio/options/parse-options';
import { MODEL_OPTIONS, modelSessionOptions, parseCommandLine } from '../studio/options/model-options';
import { progressReporter } from './progress-reporter';
import { abortOnInterrupt } from './abort-on-interrupt';
import { hasProjector } from './has-projector';
import { formatDuration } from '../../native-models/format/format-duration';

const MAX_REFERENCES = 10;

/** `folio compose`: outline or instruction to an illustrated article, written to OUT. */
export async function runCompose(argv: string[]): Promise<number> {
  const { values, positionals } = parseCli(argv);
  // `--references a.jpg b.jpg` as well as `--references a.jpg --references b.jpg`.
  if (positionals.length > 0 && !values.references) throw new UsageError(`unexpected argument "${positionals[0]}".`);
  if (!values.outline && !values.instruction) throw new UsageError('compose needs --outline FILE or --instruction TEXT.');
  if (values.outline && values.instruction) throw new UsageError('compose takes --outline or --instruction, not both.');
  const server = serverOption(values);
  if (!values.model && !server) throw new UsageError('compose needs --model FILE (a GGUF language model).');
  if (!server && !(await hasProjector(values)))
    throw new UsageError('compose needs --mmproj FILE: choosing figures means looking at them.');
  if (!values.output) throw new UsageError('compose needs -o OUT ending in .folio, .json, .md or .html.');
  if (!/\.(folio|json|md|html)$/i.test(values.output))
    throw new UsageError(`-o must end in .folio (a project), .json, .md or .html, not "${path.basename(values.output)}".`);
  const referencePaths = [...(values.references ?? []), ...positionals];
  if (referencePaths.length > MAX_REFERENCES)
    throw new UsageError(`at most ${MAX_REFERENCES} reference images, not ${referencePaths.length}.`);
  const figures = values.figures === undefined || values.figures === 'auto' ? null : integerOption(values.figures, '--figures', { min: 1 });
  if (figures !== null && figures !== undefined && figures > MAX_FIGURES)
    throw new UsageError(`--figures must be auto or 1 to ${MAX_FIGURES}.`);
  const seed = integerOption(values.seed, '--seed') ?? 0;
  const outline = values.outline ? await readOutline(values.outline) : (values.instruction as string);
  const references = await Promise.all(referencePaths.map(readReference));

  // Refused locations (/proc, a file on the way) fail now, not after minutes of writing.
  await makeWritableFolder(path.dirname(path.resolve(values.output)));

  const progress = progressReporter();
  const session = await ModelSession.open({
    ...modelSessionOptions(values, { contextSize: 8192 }),
    onProgress: (fraction) => progress.update('loading the model', fraction),
  });
  const interrupt = abortOnInterrupt();
  let composeLibrary: ComposeLibrary | undefined;
  try {
    composeLibrary = values.library ? await openComposeLibrary(values.library, session, values, progress, interrupt.signal) : undefined;
    const library = composeLibrary?.source;
    const outcome = await composeArticle(
      session,
      { outline, references, library, figures: figures ?? null },
      {
        seed,
        signal: interrupt.signal,
        onProgress: (step) =>
          progress.update(describe(step), step.step === 'write' ? step.tokens / writeBudget(session) : undefined, stepFigures(step)),
      },
    );
    const document = draftToDocument(outcome.draft);
    const { assets } = /\.folio$/i.test(values.output)
      ? await saveAsProject(document, outcome.draft, values.output, {
          seed,
          model: {
            decoder: path.basename(session.info.decoderPath),
            projector: session.info.projectorPath ? path.basename(session.info.projectorPath) : null,
            engine: session.info.engine,
          },
        })
      : await saveComposition(document, outcome.draft, values.output);
    const paragraphs = document.content.filter((node) => node.type === 'paragraph').length;
    const placed = document.content.filter((node) => node.type === 'figure' && node.attrs.assetId).length;
    for (const problem of [...(outcome.writeProblem ? [outcome.writeProblem.message] : []), ...outcome.problems])
      process.stderr.write(`warning: ${problem}\n`);
    if (outcome.noPictures)
      process.stderr.write('note: no figures: give --library FOLDER or --references PICTURE... to illustrate the article\n');
    progress.done(
      `${outcome.cancelled ? 'cancelled; kept what was written: ' : outcome.writeProblem ? 'writing stopped; kept what was written: ' : ''}${paragraphs} paragraphs, ${placed} figures, ${assets} images -> ${values.output}`,
    );
    // A failed write is a failure even though its text is saved.
    return outcome.cancelled ? 130 : outcome.writeProblem ? 1 : 0;
  } finally {
    interrupt.release();
    await composeLibrary?.close();
    await session.close();
  }
}

function describe(progress: ComposeProgress): string {
  const slot = progress.slot ? ` figure ${progress.slot} of ${progress.slots}` : '';
  const verb = {
    write: 'writing the article',
    place: 'placing figures',
    title: 'titling',
    retrieve: 'finding pictures for',
    choose: 'choosing',
    caption: 'captioning',
    edit: 'editing',
  }[progress.step];
  return `${verb}${slot}`;
}

/** The step's changing figures: while writing, tokens and their pace; always the time left once measured. */
function stepFigures(progress: ComposeProgress): string {
  const parts =
    progress.step === 'write'
      ? [
          `${progress.tokens} ${progress.tokens === 1 ? 'token' : 'tokens'}`,
          ...(progress.tokensPerSecond === undefined ? [] : [`${progress.tokensPerSecond.toFixed(1)} tokens/s`]),
        ]
      : [];
  if (progress.secondsLeft !== undefined) parts.push(`about ${formatDuration(progress.secondsLeft)} left`);
  return parts.join(', ');
}

/** An outline longer than this is no outline; the import takes long texts (10 MB). */
const OUTLINE_MAX_BYTES = 1024 * 1024;

async function readOutline(file: string): Promise<string> {
  const text = await readTextArgument(file, 'the outline', OUTLINE_MAX_BYTES);
  if (!text.trim()) throw new UsageError(`the outline is empty: ${file}`);
  return text;
}

async function readReference(file: string): Promise<ImageCandidate> {
  const picture = await readPictureArgument(file);
  return {
    id: picture.sha256,
    image: { bytes: picture.bytes, mimeType: picture.mimeType },
    original: { path: file },
    provenance: 'reference',
  };
}

function parseCli(argv: string[]) {
  return parseCommandLine(argv, {
    ...MODEL_OPTIONS,
    outline: { type: 'string' },
    instruction: { type: 'string' },
    references: { type: 'string', multiple: true },
    library: { type: 'string' },
    'library-db': { type: 'string' },
    'embedding-model': { type: 'string' },
    'models-dir': { type: 'string' },
    figures: { type: 'string' },
    seed: { type: 'string' },
    output: { type: 'string', short: 'o' },
  });
}

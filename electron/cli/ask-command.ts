import { WRITING_SAMPLING } from '../../native-models/prompts/sampling-defaults';
import { ModelSession } from '../studio/model/model-session';
import { readPictureArgument, type PictureArgument } from './read-picture-argument';
import { readTextArgument } from './read-text-argument';
import { UsageError } from '../studio/options/usage-error';
import { serverOption } from '../studio/options/server-option';
import { integerOption, numberOption } from '../studio/options/parse-options';
import { MODEL_OPTIONS, modelSessionOptions, parseCommandLine } from '../studio/options/model-options';
import { abortOnInterrupt } from './abort-on-interrupt';
import { hasProjector } from './has-projector';

/** `folio ask`: stream an answer about zero or more images to stdout. */
export async function runAsk(argv: string[]): Promise<number> {
  const { values, positionals } = parseCli(argv);
  const question = positionals.join(' ').trim();
  const server = serverOption(values);
  if (!values.model && !server) throw new UsageError('ask needs --model FILE (a GGUF language model).');
  if (!question) throw new UsageError('ask needs a question, e.g. folio ask --model M.gguf "What is in this picture?"');
  const imagePaths = values.image ?? [];
  if (imagePaths.length > 0 && !server && !(await hasProjector(values)))
    throw new UsageError('--image needs --mmproj FILE (the vision projector of the model).');
  const images: PictureArgument[] = [];
  for (const imagePath of imagePaths) images.push(await readPictureArgument(imagePath));

  const document = values.document ? await readDocument(values.document) : undefined;
  const seed = integerOption(values.seed, '--seed');
  const maxTokens = integerOption(values['max-tokens'], '--max-tokens', { min: 1 }) ?? 512;
  const temperature = numberOption(values.temperature, '--temperature', { min: 0 });
  const probs = integerOption(values.probs, '--probs', { min: 1 });
  if (probs !== undefined && probs > 100) throw new UsageError('--probs must be at most 100.');
  if (probs !== undefined && server) throw new UsageError('--probs needs a local model (llama-server engine), not --server.');

  const session = await ModelSession.open(modelSessionOptions(values));
  const interrupt = abortOnInterrupt();
  try {
    const prompt = session.family.ask({
      question,
      images: images.map(({ bytes, mimeType }) => ({ bytes, mimeType })),
      ...(document ? { document } : {}),
    });
    if (probs !== undefined) {
      // Greedy, so the tokens are the most likely ones and a reference can follow the same path.
      const result = await session.ask(prompt, {
        sampling: { temperature: 0, topK: 1, seed: 0 },
        maxTokens,
        probs,
        signal: interrupt.signal,
      });
      for (const token of result.tokenProbs ?? []) process.stdout.write(`${JSON.stringify(token)}\n`);
      return 0;
    }
    await session.ask(prompt, {
      sampling: { ...WRITING_SAMPLING, ...(temperature === undefined ? {} : { temperature }), ...(seed === undefined ? {} : { seed }) },
      maxTokens,
      signal: interrupt.signal,
      onToken: (text) => process.stdout.write(text),
    });
    process.stdout.write('\n');
    return 0;
  } finally {
    interrupt.release();
    await session.close();
  }
}

function parseCli(argv: string[]) {
  return parseCommandLine(argv, {
    ...MODEL_OPTIONS,
    image: { type: 'string', multiple: true },
    seed: { type: 'string' },
    'max-tokens': { type: 'string' },
    temperature: { type: 'string' },
    document: { type: 'string' },
    probs: { type: 'string' },
  });
}

/** `--document FILE`: the article the question is about, as context (Markdown or text, at most 1 MB). */
function readDocument(file: string): Promise<string> {
  return readTextArgument(file, 'the document', 1024 * 1024);
}

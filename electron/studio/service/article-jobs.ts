/**
 * The model's work on the article, as the app runs it: compose, paragraph edits, figure
 * actions and questions. Cancelling keeps what was finished; pictures the model was shown are
 * stored in the project so the writer can swap to them later.
 */
import path from 'node:path';
import { randomInt } from 'node:crypto';
import { AbortedError } from '../../../native-models/errors';
import { WRITING_SAMPLING } from '../../../native-models/prompts/sampling-defaults';
import type {
  AskRequest,
  ComposeRequest,
  EditParagraphRequest,
  EditedDocument,
  FigureActionRequest,
  JobProgress,
} from '../../contract/studio-api';
import { composeArticle } from '../compose/compose-article';
import type { CandidateSource, ComposeProgress, ImageCandidate, StepOptions } from '../compose/compose-types';
import { draftToDocument } from '../compose/draft-to-document';
import { withoutControlCharacters } from '../compose/without-control-characters';
import {
  editParagraph,
  figureCaption,
  recaptionFigure,
  rechooseFigure,
  replaceFigureImage,
  retitleFigure,
  swapCandidate,
} from '../compose/edit-article';
import type { ArticleDocument } from '../documents/article-document';
import type { ModelRecord } from '../documents/project-manifest';
import { documentToMarkdown } from '../export/document-to-markdown';
import type { ModelSession } from '../model/model-session';
import type { ProjectWorkspace } from './project-workspace';
import type { StudioLibrary } from './studio-library';
import { studioError } from './to-studio-error';

export interface Job {
  signal: AbortSignal;
  progress: (progress: JobProgress) => void;
}

interface Deps {
  session: ModelSession;
  workspace: ProjectWorkspace;
  library: StudioLibrary;
}

const ASK_MAX_TOKENS = 512;

/** The compose's result, and the error a failed write step ended on (its text is kept in the document). */
export async function runCompose(
  { session, workspace, library }: Deps,
  request: ComposeRequest,
  job: Job,
): Promise<EditedDocument & { failure?: unknown }> {
  const seed = request.seed ?? randomInt(2 ** 31 - 1);
  const references = await workspace.candidatesFor(request.referenceAssetIds);
  const source = request.useLibrary && !library.isEmpty() ? await library.candidates(session) : undefined;
  const outcome = await composeArticle(
    session,
    { outline: request.outline, references, ...(source ? { library: source } : {}), figures: request.figures },
    { seed, signal: job.signal, onProgress: (step) => job.progress(composeProgress(step)) },
  );
  await workspace.storeCandidates(outcome.draft.slots.flatMap((slot) => slot.candidates));
  // The captions written for library pictures chosen: word search finds them from now on.
  for (const slot of outcome.draft.slots) {
    const chosen = slot.chosen === null ? undefined : slot.candidates[slot.chosen];
    if (chosen?.provenance === 'library') library.keepCaption(chosen.id, slot.caption);
  }
  workspace.recordRun('compose', seed, modelRecord(session));
  const notice = outcome.writeProblem
    ? `${outcome.writeProblem.message} What was written is kept.`
    : outcome.noPictures
      ? noPicturesNotice(request)
      : outcome.problems.length > 0
        ? `The article was written, but not everything worked: ${outcome.problems.join(' ')}`
        : undefined;
  return {
    document: draftToDocument(outcome.draft),
    cancelled: outcome.cancelled,
    ...(notice ? { notice } : {}),
    ...(outcome.writeProblem ? { failure: outcome.writeProblem.error } : {}),
  };
}

/** Why the article has no figures, and what gives it some. */
function noPicturesNotice(request: ComposeRequest): string {
  return request.useLibrary
    ? 'The article has no figures: your picture library is empty and no reference pictures were added. To illustrate it, index a picture folder in the Library tab (then drag pictures into the article, or compose again), or add reference pictures.'
    : 'The article has no figures: Use my library was off and there were no reference pictures.';
}

export async function runParagraphEdit({ session, workspace }: Deps, request: EditParagraphRequest, job: Job): Promise<EditedDocument> {
  const seed = request.seed ?? randomInt(2 ** 31 - 1);
  const edit =
    request.action === 'insert-before' || request.action === 'insert-after'
      ? { kind: request.action, outline: request.material?.trim() || 'a paragraph that follows naturally from the text around it' }
      : request.action === 'expand'
        ? { kind: request.action, ...(request.material ? { material: request.material } : {}) }
        : { kind: request.action };
  return cancellable(request.document, async () => {
    const document = await editParagraph(session, request.document, request.paragraphIndex, edit, stepOptions(seed, job));
    workspace.recordRun(`edit:${request.action}`, seed, modelRecord(session));
    return document;
  });
}

export async function runFigureAction(
  { session, workspace, library }: Deps,
  request: FigureActionRequest,
  job: Job,
): Promise<EditedDocument> {
  const seed = request.seed ?? randomInt(2 ** 31 - 1);
  const figures = request.document.content.filter((node) => node.type === 'figure').length;
  if (request.figureIndex >= figures) throw studioError('invalid-request', 'That figure is no longer in the article.');
  const resolve = await workspace.resolverFor(request.document, request.figureIndex);
  const options = stepOptions(seed, job);
  const { action } = request;
  return cancellable(request.document, async () => {
    let document: ArticleDocument;
    if (action.kind === 'swap')
      document = await swapCandidate(session, request.document, request.figureIndex, action.candidate, resolve, options);
    else if (action.kind === 'rechoose') document = await rechooseFigure(session, request.document, request.figureIndex, resolve, options);
    else if (action.kind === 'recaption')
      document = await recaptionFigure(session, request.document, request.figureIndex, resolve, options);
    else if (action.kind === 'retitle') {
      const shown: ImageCandidate[] = [];
      const source = await library.candidates(session);
      const recording: CandidateSource = {
        search: async (query, searchOptions) => recorded(shown, await source.search(query, searchOptions)),
      };
      document = await retitleFigure(session, request.document, request.figureIndex, recording, resolve, options);
      await workspace.storeCandidates(shown);
    } else {
      const replacement = await library.candidate(action.libraryImageId);
      await workspace.storeCandidates([replacement]);
      document = await replaceFigureImage(session, request.document, request.figureIndex, replacement, resolve, options);
    }
    workspace.recordRun(`figure:${action.kind}`, seed, modelRecord(session));
    return document;
  }).then((edited) => ({ ...edited, ...captionNotice(request, edited) }));
}

/** A figure action that should have written a caption and did not says so, instead of ending without a word. */
function captionNotice(request: FigureActionRequest, edited: EditedDocument): { notice?: string } {
  const writesCaption = request.action.kind === 'recaption' || request.action.kind === 'swap' || request.action.kind === 'replace';
  if (edited.cancelled || !writesCaption) return {};
  const before = figureCaption(request.document, request.figureIndex);
  if (figureCaption(edited.document, request.figureIndex) !== before) return {};
  return { notice: 'The model wrote no new caption for this picture, so the caption stays as it was. Try New caption again, or type one.' };
}

export async function runAsk({ session, workspace }: Deps, request: AskRequest, job: Job): Promise<{ answer: string; cancelled: boolean }> {
  // The same checks as every picture the model sees: a damaged file is refused with the reason.
  const image = request.imageAssetId ? await workspace.pictureForModel(request.imageAssetId) : null;
  if (request.imageAssetId && !image) throw studioError('asset-missing', 'The picture is no longer in the project. Paste it again.');
  if (image && !session.info.vision)
    throw studioError('no-vision', 'This model cannot look at pictures: load it with its projector (image reader).');
  const document = request.document ? documentToMarkdown(request.document, () => null) : undefined;
  let answer = '';
  try {
    const result = await session.ask(
      session.family.ask({
        question: request.question,
        images: image ? [{ bytes: image.bytes, mimeType: image.mimeType }] : [],
        ...(document ? { document } : {}),
      }),
      {
        sampling: { ...WRITING_SAMPLING, ...(request.seed === undefined ? {} : { seed: request.seed }) },
        maxTokens: ASK_MAX_TOKENS,
        signal: job.signal,
        // The answer can go into the article: the model's control characters stay out of it, as out of the write step's.
        onToken: (text) => {
          const shown = withoutControlCharacters(text);
          answer += shown;
          if (shown) job.progress({ kind: 'ask', textDelta: shown });
        },
      },
    );
    return { answer: withoutControlCharacters(result.text), cancelled: false };
  } catch (error) {
    if (error instanceof AbortedError) return { answer, cancelled: true };
    throw error;
  }
}

/** A retitled figure gets fresh candidates from the library: they are kept in the project. */
function recorded(shown: ImageCandidate[], candidates: ImageCandidate[]): ImageCandidate[] {
  shown.push(...candidates);
  return candidates;
}

async function cancellable(original: ArticleDocument, edit: () => Promise<ArticleDocument>): Promise<EditedDocument> {
  try {
    return { document: await edit(), cancelled: false };
  } catch (error) {
    if (error instanceof AbortedError) return { document: original, cancelled: true };
    throw error;
  }
}

function stepOptions(seed: number, job: Job): StepOptions {
  return { seed, signal: job.signal, onProgress: (step) => job.progress({ kind: 'edit', tokens: step.tokens }) };
}

function composeProgress(step: ComposeProgress): JobProgress {
  return {
    kind: 'compose',
    step: step.step,
    slot: step.slot ?? null,
    slots: step.slots ?? null,
    tokens: step.tokens,
    textDelta: step.textDelta ?? null,
    tokensPerSecond: step.tokensPerSecond ?? null,
    secondsLeft: step.secondsLeft ?? null,
  };
}

function modelRecord(session: ModelSession): ModelRecord {
  return {
    decoder: path.basename(session.info.decoderPath),
    projector: session.info.projectorPath ? path.basename(session.info.projectorPath) : null,
    engine: session.info.engine,
  };
}

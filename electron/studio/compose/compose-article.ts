/**
 * Outline to illustrated article: write, place, then for each slot in order title, retrieve,
 * choose and caption. Cancelling keeps the article as far as it streamed, with the figures
 * that were completed, never half a figure.
 */
import type { ImageInput } from '../../../native-models/engines/engine';
import { AbortedError } from '../../../native-models/errors';
import type { ArticleBlock } from './prompts/article-text';
import type { PlacedPicture } from './prompts/choose-prompt';
import { captionFigure } from './caption-figure';
import { ComposeMeter } from './compose-meter';
import { errorMessage } from './error-message';
import { chooseCandidate } from './choose-candidate';
import type { CandidateSource, ComposeModel, ImageCandidate, SlotDraft, StepOptions } from './compose-types';
import { placeFigures } from './place-figures';
import { titleSlot, type EarlierTitle } from './title-slot';
import { writeArticle, writeBudget, type WriteProblem, type WrittenArticle } from './write-article';

export const CANDIDATES_PER_SLOT = 4;
/** Figures a compose asked for 'auto' is taken to fill until placing says (placing's own fallback). */
const AUTO_FIGURES_GUESS = 3;

export interface ComposeRequest {
  outline: string;
  /** Reference images (already checked), shown to the writer step; without a library, they are the figures. */
  references?: ImageCandidate[];
  library?: CandidateSource;
  /** 1 to 15, or null for automatic. */
  figures: number | null;
  writeMaxTokens?: number;
}

export interface ComposeDraft {
  blocks: ArticleBlock[];
  slots: SlotDraft[];
}

export interface ComposeOutcome {
  draft: ComposeDraft;
  cancelled: boolean;
  /**
   * What failed after the article was written, in words a writer understands: the article and
   * every finished figure are kept, a failed figure is left empty with its reason.
   */
  problems: string[];
  /** No library and no reference pictures were given, so no figure was placed. */
  noPictures?: boolean;
  /** Why writing ended early (the error, and in words a writer understands): the text written is kept, without figures. */
  writeProblem?: WriteProblem;
}

export async function composeArticle(loaded: ComposeModel, request: ComposeRequest, asked: StepOptions): Promise<ComposeOutcome> {
  const references = request.references ?? [];
  const { model, options } = measured(loaded, request, asked);
  let written: WrittenArticle;
  try {
    written = await writeArticle(
      model,
      { outline: request.outline, references: references.map((reference) => reference.image), maxTokens: request.writeMaxTokens },
      options,
    );
  } catch (error) {
    if (error instanceof AbortedError) return { draft: { blocks: [], slots: [] }, cancelled: true, problems: [] };
    throw error;
  }
  const draft: ComposeDraft = { blocks: written.blocks, slots: [] };
  if (written.cancelled) return { draft, cancelled: true, problems: [] };
  // Writing failed part way: what was written is kept as it is, not illustrated half-way.
  if (written.problem) return { draft, cancelled: false, problems: [], writeProblem: written.problem };
  // Nothing to choose figures from: no slot is made that could only stay empty.
  if (!request.library && references.length === 0) return { draft, cancelled: false, problems: [], noPictures: true };
  try {
    return { draft, cancelled: false, problems: await illustrate(model, draft, request, options) };
  } catch (error) {
    if (error instanceof AbortedError) return { draft, cancelled: true, problems: [] };
    // Placing failed: the written article is worth keeping without figures.
    return { draft, cancelled: false, problems: [`Figures were not placed (deciding where they go): ${errorMessage(error)}`] };
  }
}

/** The model and the progress, measured: each progress event carries the pace and the time left. */
function measured(model: ComposeModel, request: ComposeRequest, options: StepOptions): { model: ComposeModel; options: StepOptions } {
  const report = options.onProgress;
  if (!report) return { model, options };
  const uploads = request.library ? 0 : (request.references?.length ?? 0);
  const meter = new ComposeMeter({
    writeBudget: writeBudget(model, request.writeMaxTokens),
    figures:
      !request.library && uploads === 0
        ? 0
        : uploads > 0
          ? Math.min(request.figures ?? uploads, uploads)
          : (request.figures ?? AUTO_FIGURES_GUESS),
    candidatesPerSlot: CANDIDATES_PER_SLOT,
    picturePositions: model.picturePositions ?? 0,
  });
  return { model: meter.measure(model), options: { ...options, onProgress: (progress) => report(meter.annotate(progress)) } };
}

/**
 * Place and fill figures in a written article; slots are pushed onto draft.slots in order. A
 * slot whose steps fail (other than by cancelling) is kept empty with the reason, and the next
 * slot is tried: returns the problems met, for the writer.
 */
async function illustrate(model: ComposeModel, draft: ComposeDraft, request: ComposeRequest, options: StepOptions): Promise<string[]> {
  const uploads = !request.library ? (request.references ?? []) : [];
  const count = uploads.length > 0 ? Math.min(request.figures ?? uploads.length, uploads.length) : request.figures;
  const positions = await placeFigures(model, draft.blocks, count, { ...options, references: uploads.map((upload) => upload.image) });
  const used = new Set<string>();
  const titles: EarlierTitle[] = [];
  const problems: string[] = [];
  for (const [index, afterParagraph] of positions.entries()) {
    const progress = { ...options, slot: index + 1, slots: positions.length };
    const stage: SlotStage = { doing: 'titling the figure' };
    try {
      const title = await titleSlot(model, draft.blocks, afterParagraph, titles, progress);
      const slot = await fillSlot(model, draft, { afterParagraph, title, used, uploads, library: request.library, stage }, progress);
      titles.push({ afterParagraph, title });
      draft.slots.push(slot);
    } catch (error) {
      if (error instanceof AbortedError) throw error;
      const reason = `This figure could not be chosen (${stage.doing}): ${errorMessage(error)}`;
      problems.push(`Figure ${index + 1} of ${positions.length}, ${stage.doing}: ${errorMessage(error)}`);
      draft.slots.push({ afterParagraph, title: '', candidates: [], chosen: null, caption: '', alt: '', emptyReason: reason });
    }
  }
  return problems;
}

interface SlotRequest {
  afterParagraph: number;
  title: string;
  used: Set<string>;
  uploads: ImageCandidate[];
  library?: CandidateSource;
  /** Set to the step under way, so a failure can name it in the writer's words. */
  stage?: SlotStage;
}

interface SlotStage {
  doing: string;
}

/** Retrieve, choose and caption one slot. Returns the finished slot; `used` gains its image. */
export async function fillSlot(
  model: ComposeModel,
  draft: ComposeDraft,
  slot: SlotRequest,
  options: StepOptions & { slot?: number; slots?: number },
): Promise<SlotDraft> {
  const base: SlotDraft = {
    afterParagraph: slot.afterParagraph,
    title: slot.title,
    candidates: [],
    chosen: null,
    caption: '',
    alt: '',
    emptyReason: null,
  };
  const stage = slot.stage ?? { doing: '' };
  stage.doing = slot.library ? 'searching your library' : 'taking the reference pictures';
  options.onProgress?.({ step: 'retrieve', slot: options.slot, slots: options.slots, tokens: 0 });
  const candidates = slot.library
    ? await slot.library.search(slot.title, { limit: CANDIDATES_PER_SLOT, exclude: slot.used })
    : slot.uploads.filter((upload) => !slot.used.has(upload.id));
  if (options.signal?.aborted) throw new AbortedError();
  if (candidates.length === 0) {
    return {
      ...base,
      emptyReason: slot.library
        ? 'No image in your library matches this slot (or all matching ones are used already).'
        : 'No reference image is left for this slot.',
    };
  }
  stage.doing = 'choosing its picture';
  const chosen = await chooseCandidate(model, draft.blocks, slot.afterParagraph, slot.title, placedPictures(draft), candidates, options);
  const picked = candidates[chosen] as ImageCandidate;
  stage.doing = 'writing its caption';
  const { caption, alt } = await captionFigure(model, draft.blocks, slot.afterParagraph, slot.title, picked.image, {
    ...options,
    ...(picked.caption ? { knownCaption: picked.caption } : {}),
  });
  slot.used.add(picked.id);
  return { ...base, candidates, chosen, caption, alt };
}

export function placedPictures(draft: ComposeDraft): PlacedPicture[] {
  const pictures: PlacedPicture[] = [];
  for (const slot of draft.slots) {
    const picked = slot.chosen === null ? undefined : slot.candidates[slot.chosen];
    if (picked) pictures.push({ afterParagraph: slot.afterParagraph, image: picked.image as ImageInput });
  }
  return pictures;
}

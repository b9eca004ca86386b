/**
 * The one place that decides how a model is asked, when it loads: a converted XComposer2 (its
 * folder's family) or a GGUF named so gets the XComposer2 family, everything else Folio's own.
 */
import type { ChatFormat, TokenizerFacts } from '../../../../native-models/prompts/chat-format';
import { ModelVocabulary } from '../../../../native-models/tokenizer/model-vocabulary';
import type { PromptFamily } from './prompt-family';
import { studioFamily } from './studio/studio-family';
import { xcomposer2Family } from './xcomposer2/xcomposer2-family';

export interface LoadedModelFacts {
  /** A converted model's family (folio-model.json). */
  family?: string;
  /** The decoder's general.name. */
  name?: string;
  tokenizer: TokenizerFacts;
  format: ChatFormat;
  /** The projector's clip.vision.image_size, with a projector. */
  pictureSize?: number;
}

export function promptFamilyFor(model: LoadedModelFacts): PromptFamily {
  if (isXComposer2(model)) {
    // Its prompts are token-exact only with its own vocabulary; a GGUF without one is not XComposer2's.
    const vocabulary = ModelVocabulary.from(model.tokenizer);
    if (vocabulary) return xcomposer2Family(vocabulary, model.pictureSize);
  }
  return studioFamily(model.format);
}

/** Not 2.5 (`xcomposer2d5`, `xcomposer2.5`): another model, trained on other prompts. */
export function isXComposer2(model: { family?: string; name?: string }): boolean {
  if (model.family === 'internlm-xcomposer2') return true;
  return /x-?composer\s*2(?!\.5|d5)/i.test(model.name ?? '');
}

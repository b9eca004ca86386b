/**
 * An XComposer2 prompt as the engine gets it. The original code builds a sequence of text parts,
 * each `tokenizer(part)` with or without its BOS, and picture embeddings between them. Sent as
 * text, llama.cpp would tokenise each part itself: right when its tokeniser gives the same ids
 * (add_dummy_prefix off), wrong when it does not (add_dummy_prefix on: llama.cpp puts a `▁` after
 * every special token, SentencePiece only at the start of a part). So each text part is checked
 * against llama.cpp's tokenisation (`ModelVocabulary.llamaCpp`, as llama-vocab.cpp does it) and
 * the prompt goes as text only when every part agrees; otherwise all its text goes as token ids,
 * BOS included, which only llama-server takes (the other engines refuse such a prompt).
 */
import type { ImageInput, PromptPart } from '../../../../../native-models/engines/engine';
import type { ModelVocabulary } from '../../../../../native-models/tokenizer/model-vocabulary';
import { originalTokenIds } from './original-tokenizer';

/** One step of the original's sequence: `tokenizer(text)` (with BOS or not), or a picture. */
export type Segment = { text: string; bos: boolean } | { image: ImageInput };

export function promptParts(vocabulary: ModelVocabulary, segments: readonly Segment[]): PromptPart[] {
  const asText = textParts(vocabulary, segments);
  if (asText) return asText;
  return segments.flatMap((segment): PromptPart[] => {
    if ('image' in segment) return [{ type: 'image', image: segment.image }];
    const tokens = originalTokenIds(vocabulary, segment.text, segment.bos);
    return tokens.length > 0 ? [{ type: 'tokens', tokens }] : [];
  });
}

/**
 * The prompt as plain text when llama.cpp gives every part the original's ids: the engine adds
 * the first BOS itself (before a leading picture too, as mtmd does), a later one is written `<s>`.
 */
function textParts(vocabulary: ModelVocabulary, segments: readonly Segment[]): PromptPart[] | null {
  const engineBos = vocabulary.addBos && vocabulary.bosId !== undefined;
  const parts: PromptPart[] = [];
  for (const [index, segment] of segments.entries()) {
    if ('image' in segment) {
      // A picture first would get the engine's BOS before it, which the original does not have.
      if (index === 0 && engineBos) return null;
      parts.push({ type: 'image', image: segment.image });
      continue;
    }
    const wanted = originalTokenIds(vocabulary, segment.text, segment.bos);
    const first = index === 0;
    // At the very start the engine puts its BOS: the original must have one there, and only one.
    if (first && engineBos !== segment.bos) return null;
    const text = !first && segment.bos ? `<s>${segment.text}` : segment.text;
    if (!sameIds(vocabulary.llamaCpp(text, first), wanted)) return null;
    if (text.length > 0) parts.push({ type: 'text', text });
  }
  return parts;
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}

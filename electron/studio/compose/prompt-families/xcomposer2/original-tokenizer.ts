/**
 * What `tokenizer(text)` gives in XComposer2's released code: InternLMXComposer2Tokenizer
 * (tokenization_internlm_xcomposer2.py, copies in OpenGVLab/LAMM src/ChEF/models/internlm/ and
 * PaddlePaddle/PaddleMIX paddlemix/models/internlm_xcomposer2/) under transformers 4.33 (the
 * version its config.json names). transformers splits the text at the tokenizer's special tokens
 * first (<s>, </s>, <unk>: the only ones it declares) and strips the whitespace beside them (4.33's
 * default for special tokens given as strings); each remaining chunk goes through SentencePiece
 * whole (`sp_model.encode`), so its dummy prefix comes once at the chunk's start. The chat
 * markers [UNUSED_TOKEN_146] / [UNUSED_TOKEN_145] are not declared to transformers: SentencePiece
 * itself matches them as user-defined pieces inside a chunk (the training code finds the single id
 * 92542 in tokenised text, `mask_human_targets`). With `add_special_tokens` (the default), BOS
 * goes in front.
 */
import type { ModelVocabulary } from '../../../../../native-models/tokenizer/model-vocabulary';

export const TURN_START = '[UNUSED_TOKEN_146]';
export const TURN_END = '[UNUSED_TOKEN_145]';
/** Pieces SentencePiece matches whole inside text (user-defined in tokenizer.model). */
const WHOLE_PIECES = [TURN_START, TURN_END];
/** What transformers splits off before SentencePiece sees the text. */
const SPECIAL_TOKENS = ['<s>', '</s>', '<unk>'];

/** `tokenizer(text, add_special_tokens=withBos).input_ids`. */
export function originalTokenIds(vocabulary: ModelVocabulary, text: string, withBos: boolean): number[] {
  const ids: number[] = withBos && vocabulary.bosId !== undefined ? [vocabulary.bosId] : [];
  const chunks = splitAtSpecialTokens(text);
  chunks.forEach((chunk, index) => {
    if ('special' in chunk) {
      const id = vocabulary.idOf(chunk.special);
      if (id !== undefined) ids.push(id);
      return;
    }
    let piece = chunk.text;
    if (index > 0 && 'special' in (chunks[index - 1] as object)) piece = piece.trimStart();
    if (index + 1 < chunks.length && 'special' in (chunks[index + 1] as object)) piece = piece.trimEnd();
    ids.push(...vocabulary.sentencePiece(piece, WHOLE_PIECES));
  });
  return ids;
}

function splitAtSpecialTokens(text: string): Array<{ text: string } | { special: string }> {
  const out: Array<{ text: string } | { special: string }> = [];
  let rest = text;
  for (;;) {
    let at = -1;
    let found = '';
    for (const special of SPECIAL_TOKENS) {
      const index = rest.indexOf(special);
      if (index >= 0 && (at < 0 || index < at)) {
        at = index;
        found = special;
      }
    }
    if (at < 0) break;
    if (at > 0) out.push({ text: rest.slice(0, at) });
    out.push({ special: found });
    rest = rest.slice(at + found.length);
  }
  if (rest.length > 0) out.push({ text: rest });
  return out;
}

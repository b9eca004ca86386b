/**
 * The three ways XComposer2's released code turns a prompt into a sequence, as `Segment`s
 * (prompt-parts.ts turns them into engine parts):
 * - `chat()` (modeling_internlm_xcomposer2.py; OpenGVLab/LAMM src/ChEF/models/internlm/): with
 *   a picture, `interleav_wrap_chat` splits the prompt at `<ImageHere>` and gives every non-empty
 *   part its own `tokenizer(part)`, a BOS before each; without one, `build_inputs` writes a
 *   literal `<s>` at the start, and `tokenizer([prompt])` adds another BOS before it.
 * - the composition demo (InternLM/InternLM-XComposer InternLM-XComposer-2.0/examples/
 *   gradio_demo_composition.py, `interleav_wrap`, `generate`): split at `<image>`, a BOS on the
 *   first non-empty part only; no system turn (`text2instruction` without meta); the answer
 *   pre-started by text after the assistant marker.
 * - VLMEvalKit's XComposer2 wrapper (open-compass/VLMEvalKit vlmeval/vlm/xcomposer/xcomposer2.py,
 *   `model_gen`): a BOS alone, the picture, then the whole prompt without a BOS.
 */
import type { ChatPrompt, ImageInput } from '../../../../../native-models/engines/engine';
import { TURN_END, TURN_START } from './original-tokenizer';
import type { Segment } from './prompt-parts';

type Pieces = ReadonlyArray<string | ImageInput>;

/** `chat(query, image, history, meta_instruction)` for a conversation: its system turn is the meta instruction. */
export function chatSegments(conversation: ChatPrompt, defaultMeta: string): Segment[] {
  const system = conversation.turns.find((turn) => turn.role === 'system');
  const meta = system
    ? piecesOf(system.content)
        .filter((piece) => typeof piece === 'string')
        .join('')
    : defaultMeta;
  const pieces: Array<string | ImageInput> = meta ? [`${TURN_START}system\n${meta}${TURN_END}\n`] : [];
  for (const turn of conversation.turns)
    if (turn.role !== 'system') pieces.push(`${TURN_START}${turn.role}\n`, ...piecesOf(turn.content), `${TURN_END}\n`);
  pieces.push(`${TURN_START}assistant\n${conversation.answerPrefix ?? ''}`);
  if (!pieces.some((piece) => typeof piece !== 'string')) return [{ text: `<s>${pieces.join('')}`, bos: true }];
  return splitAtPictures(pieces, () => true);
}

/** The composition demo's `text2instruction(text) + answer prefix`, tokenised as its `interleav_wrap` does. */
export function compositionSegments(user: Pieces, answerPrefix = ''): Segment[] {
  const pieces = [`${TURN_START}user\n`, ...user, `${TURN_END}\n${TURN_START}assistant\n${answerPrefix}`];
  let first = true;
  return splitAtPictures(pieces, () => {
    const bos = first;
    first = false;
    return bos;
  });
}

/** VLMEvalKit's `model_gen(text, image, need_bos=True)`: BOS, the picture, the text. */
export function benchmarkSegments(text: string, picture: ImageInput | undefined): Segment[] {
  return picture ? [{ text: '', bos: true }, { image: picture }, { text, bos: false }] : [{ text, bos: true }];
}

/** The text between pictures as parts (empty ones dropped, as the original skips them), pictures in place. */
function splitAtPictures(pieces: Pieces, bosForNextPart: () => boolean): Segment[] {
  const segments: Segment[] = [];
  let text = '';
  const flush = (): void => {
    if (text.length > 0) segments.push({ text, bos: bosForNextPart() });
    text = '';
  };
  for (const piece of pieces) {
    if (typeof piece === 'string') text += piece;
    else {
      flush();
      segments.push({ image: piece });
    }
  }
  flush();
  return segments;
}

function piecesOf(content: ChatPrompt['turns'][number]['content']): Pieces {
  return typeof content === 'string' ? [content] : content;
}

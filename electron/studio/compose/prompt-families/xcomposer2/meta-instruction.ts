/**
 * `chat()`'s default `meta_instruction`, character for character, for the two released
 * checkpoints (Folio never reads it from a file: the converted GGUF does not carry it).
 */

/**
 * internlm-xcomposer2-vl-7b (490 px): modeling_internlm_xcomposer2.py's `chat()`, as copied in
 * OpenGVLab/LAMM src/ChEF/models/internlm/modeling_internlm_xcomposer2.py.
 */
const VL_META_INSTRUCTION =
  'You are an AI assistant whose name is InternLM-XComposer (浦语·灵笔).\n' +
  '- InternLM-XComposer (浦语·灵笔) is a multi-modality conversational language model that is developed by Shanghai AI Laboratory (上海人工智能实验室). It is designed to be helpful, honest, and harmless.\n' +
  '- InternLM-XComposer (浦语·灵笔) can understand and communicate fluently in the language chosen by the user such as English and 中文.\n' +
  '- InternLM-XComposer (浦语·灵笔) is capable of comprehending and articulating responses effectively based on the provided image.';

/**
 * internlm-xcomposer2-7b (the composition model, 224 px): its `chat()`, as ported in
 * PaddlePaddle/PaddleMIX paddlemix/models/internlm_xcomposer2/modeling.py.
 */
const COMPOSITION_META_INSTRUCTION =
  'You are an AI assistant whose name is InternLM-XComposer (浦语·灵笔).\n' +
  '- InternLM-XComposer (浦语·灵笔) is a conversational language model that is developed by Shanghai AI Laboratory (上海人工智能实验室). It is designed to be helpful, honest, and harmless.\n' +
  '- InternLM-XComposer (浦语·灵笔) can understand and communicate fluently in the language chosen by the user such as English and 中文.';

/** The composition model sees 224 px pictures; the VL model 490 px (a tiny test checkpoint is the VL kind). */
export function metaInstructionFor(pictureSize: number | undefined): string {
  return pictureSize === 224 ? COMPOSITION_META_INSTRUCTION : VL_META_INSTRUCTION;
}

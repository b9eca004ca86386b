/**
 * Reads what the chat format needs from a decoder's tokenizer metadata (vocabulary, chat
 * template, special token ids), header-only, without loading the model.
 */
import type { TokenizerFacts } from '../prompts/chat-format';
import { metaBool, metaNumber, metaNumberArray, metaString } from './gguf-metadata';
import { readGgufHeader } from './gguf-reader';

export type { TokenizerFacts } from '../prompts/chat-format';

export async function readTokenizerFacts(decoderPath: string): Promise<TokenizerFacts> {
  const { metadata } = await readGgufHeader(decoderPath);
  const tokens = metadata.get('tokenizer.ggml.tokens');
  const bosTokenId = metaNumber(metadata, 'tokenizer.ggml.bos_token_id');
  const eosTokenId = metaNumber(metadata, 'tokenizer.ggml.eos_token_id');
  const addBos = metaBool(metadata, 'tokenizer.ggml.add_bos_token');
  const tokenizerModel = metaString(metadata, 'tokenizer.ggml.model');
  const scores = metaNumberArray(metadata, 'tokenizer.ggml.scores');
  const types = metaNumberArray(metadata, 'tokenizer.ggml.token_type');
  const addSpacePrefix = metaBool(metadata, 'tokenizer.ggml.add_space_prefix');
  return {
    tokens: Array.isArray(tokens) ? tokens.map(String) : [],
    chatTemplate: metaString(metadata, 'tokenizer.chat_template') ?? null,
    ...(bosTokenId === undefined ? {} : { bosTokenId }),
    ...(eosTokenId === undefined ? {} : { eosTokenId }),
    // llama.cpp's default when the key is absent: SentencePiece ('llama') vocabularies add it.
    addBos: addBos ?? tokenizerModel === 'llama',
    ...(scores ? { scores } : {}),
    ...(types ? { types } : {}),
    // llama.cpp's default when the key is absent, for SentencePiece vocabularies.
    addSpacePrefix: addSpacePrefix ?? tokenizerModel === 'llama',
    ...(tokenizerModel ? { tokenizerModel } : {}),
  };
}

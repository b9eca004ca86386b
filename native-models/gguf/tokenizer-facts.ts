import type { TokenizerFacts } from '../prompts/chat-format';
import { readGgufHeader } from './gguf-reader';

/** What the chat format needs from a decoder's header: vocabulary, template, BOS/EOS ids. */
export async function readTokenizerFacts(decoderPath: string): Promise<TokenizerFacts> {
  const { metadata } = await readGgufHeader(decoderPath);
  const tokens = metadata.get('tokenizer.ggml.tokens');
  const template = metadata.get('tokenizer.chat_template');
  const bos = metadata.get('tokenizer.ggml.bos_token_id');
  const eos = metadata.get('tokenizer.ggml.eos_token_id');
  return {
    tokens: Array.isArray(tokens) ? tokens.map(String) : [],
    chatTemplate: typeof template === 'string' ? template : null,
    ...(bos === undefined ? {} : { bosTokenId: Number(bos) }),
    ...(eos === undefined ? {} : { eosTokenId: Number(eos) }),
  };
}

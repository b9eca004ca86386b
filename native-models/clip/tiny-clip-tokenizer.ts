/**
 * A small tokenizer.json in the layout of CLIP's own (openai/clip-vit-base-patch32): lower-cased
 * text split into words, byte-level BPE with "</w>" marking a word's end, <|startoftext|> and
 * <|endoftext|> as the last two ids (the text tower pools at the highest id). Its vocabulary is
 * the 256 byte characters alone and with "</w>", plus merges for a few words, so any text
 * tokenizes, as with the real one.
 */
const WORDS = ['harbour', 'boat', 'boats', 'sea', 'city', 'night', 'mountain', 'dog', 'cat', 'tree', 'the', 'and', 'at', 'dawn'];

const CLIP_SPECIAL_TOKENS = { start: '<|startoftext|>', end: '<|endoftext|>' } as const;

/** The pattern CLIP's tokenizer splits words with (CLIPTokenizer's `pat`, as tokenizer.json writes it). */
const WORD_PATTERN = "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+";

export interface TokenizerFiles {
  tokenizer: Record<string, unknown>;
  config: Record<string, unknown>;
  vocabSize: number;
}

export function tinyClipTokenizer(): TokenizerFiles {
  const characters = byteCharacters();
  const vocab = new Map<string, number>();
  const add = (token: string) => vocab.has(token) || vocab.set(token, vocab.size);
  for (const character of characters) add(character);
  for (const character of characters) add(`${character}</w>`);
  const merges: string[] = [];
  for (const word of WORDS) {
    // Left to right: "h a" -> "ha", "ha r" -> "har", ..., the last with its end-of-word mark.
    const letters = [...word];
    let joined = letters[0] as string;
    for (let i = 1; i < letters.length; i++) {
      const next = i === letters.length - 1 ? `${letters[i]}</w>` : (letters[i] as string);
      const merge = `${joined} ${next}`;
      joined += next;
      if (!merges.includes(merge)) merges.push(merge);
      add(joined);
    }
  }
  const start = vocab.size;
  const special = (id: number, content: string) => ({
    id,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: true,
    special: true,
  });
  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [special(start, CLIP_SPECIAL_TOKENS.start), special(start + 1, CLIP_SPECIAL_TOKENS.end)],
    normalizer: {
      type: 'Sequence',
      normalizers: [{ type: 'NFC' }, { type: 'Replace', pattern: { Regex: '\\s+' }, content: ' ' }, { type: 'Lowercase' }],
    },
    pre_tokenizer: {
      type: 'Sequence',
      pretokenizers: [
        { type: 'Split', pattern: { Regex: WORD_PATTERN }, behavior: 'Removed', invert: true },
        { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: false },
      ],
    },
    post_processor: {
      type: 'RobertaProcessing',
      sep: [CLIP_SPECIAL_TOKENS.end, start + 1],
      cls: [CLIP_SPECIAL_TOKENS.start, start],
      trim_offsets: false,
      add_prefix_space: false,
    },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: CLIP_SPECIAL_TOKENS.end,
      continuing_subword_prefix: '',
      end_of_word_suffix: '</w>',
      fuse_unk: false,
      byte_fallback: false,
      vocab: Object.fromEntries([...vocab, [CLIP_SPECIAL_TOKENS.start, start], [CLIP_SPECIAL_TOKENS.end, start + 1]]),
      merges,
    },
  };
  const config = {
    tokenizer_class: 'CLIPTokenizer',
    model_max_length: 77,
    do_lower_case: true,
    bos_token: CLIP_SPECIAL_TOKENS.start,
    eos_token: CLIP_SPECIAL_TOKENS.end,
    pad_token: CLIP_SPECIAL_TOKENS.end,
    unk_token: CLIP_SPECIAL_TOKENS.end,
  };
  return { tokenizer, config, vocabSize: start + 2 };
}

/** GPT-2's byte-to-character table: printable bytes stand for themselves, the rest for characters from U+0100 on. */
function byteCharacters(): string[] {
  const characters: string[] = [];
  let shifted = 0;
  for (let byte = 0; byte < 256; byte++) {
    const printable = (byte >= 33 && byte <= 126) || (byte >= 161 && byte <= 172) || (byte >= 174 && byte <= 255);
    characters.push(String.fromCodePoint(printable ? byte : 256 + shifted++));
  }
  return characters;
}

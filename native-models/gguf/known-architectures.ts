/**
 * What llama.cpp can load, so Folio can refuse a file with a clear message before a native
 * binding fails on it with a log line. Lists follow llama.cpp's src/llama-arch.cpp
 * (LLM_ARCH_NAMES) and tools/mtmd/clip-impl.h (PROJECTOR_TYPE_NAMES) as bundled by the
 * installed bindings; extend them when the bindings are upgraded.
 */

/** Text-generating architectures llama.cpp can run. */
export const DECODER_ARCHITECTURES: ReadonlySet<string> = new Set([
  'llama', 'llama4', 'deci', 'falcon', 'grok', 'gpt2', 'gptj', 'gptneox', 'mpt', 'baichuan',
  'starcoder', 'refact', 'bloom', 'stablelm', 'qwen', 'qwen2', 'qwen2moe', 'qwen2vl', 'qwen3',
  'qwen3moe', 'qwen3next', 'qwen3vl', 'qwen3vlmoe', 'qwen35', 'qwen35moe', 'phi2', 'phi3',
  'phimoe', 'plamo', 'plamo2', 'plamo3', 'codeshell', 'orion', 'internlm2', 'minicpm',
  'minicpm3', 'gemma', 'gemma2', 'gemma3', 'gemma3n', 'gemma4', 'starcoder2', 'mamba', 'mamba2',
  'jamba', 'falcon-h1', 'xverse', 'command-r', 'cohere2', 'cohere2moe', 'dbrx', 'olmo', 'olmo2',
  'olmoe', 'openelm', 'arctic', 'deepseek', 'deepseek2', 'deepseek2-ocr', 'deepseek32',
  'chatglm', 'glm4', 'glm4moe', 'bitnet', 't5', 'jais', 'jais2', 'nemotron', 'nemotron_h',
  'nemotron_h_moe', 'exaone', 'exaone4', 'exaone-moe', 'rwkv6', 'rwkv6qwen2', 'rwkv7', 'arwkv7',
  'granite', 'granitemoe', 'granitehybrid', 'chameleon', 'plm', 'bailingmoe', 'bailingmoe2',
  'dots1', 'arcee', 'afmoe', 'ernie4_5', 'ernie4_5-moe', 'hunyuan-moe', 'hunyuan-dense',
  'hunyuan_vl', 'smollm3', 'gpt-oss', 'lfm2', 'lfm2moe', 'dream', 'smallthinker', 'llada',
  'llada-moe', 'seed_oss', 'grovemoe', 'apertus', 'minimax-m2', 'cogvlm', 'rnd1',
  'pangu-embedded', 'mistral3', 'mistral4', 'paddleocr', 'mimo2', 'step35', 'maincoder',
  'kimi-linear',
]);

/**
 * Architectures llama.cpp loads that cannot write text (embedding and encoder-only models,
 * audio decoders). Choosing one as the language model gets its own message.
 */
export const NON_GENERATING_ARCHITECTURES: ReadonlySet<string> = new Set([
  'bert', 'modern-bert', 'nomic-bert', 'nomic-bert-moe', 'neo-bert', 'jina-bert-v2',
  'jina-bert-v3', 'eurobert', 't5encoder', 'wavtokenizer-dec', 'gemma-embedding', 'llama-embed',
]);

/** The architecture name of vision/audio projector files (mmproj). */
export const PROJECTOR_ARCHITECTURE = 'clip';

/** Values of `clip.projector_type` llama.cpp's mtmd understands. */
export const PROJECTOR_TYPES: ReadonlySet<string> = new Set([
  'mlp', 'mlp_norm', 'ldp', 'ldpv2', 'resampler', 'adapter', 'qwen2vl_merger',
  'qwen2.5vl_merger', 'qwen3vl_merger', 'step3vl', 'gemma3', 'gemma3nv', 'gemma3na', 'gemma4v',
  'gemma4a', 'phi4', 'idefics3', 'pixtral', 'ultravox', 'internvl', 'llama4', 'qwen2a', 'qwen3a',
  'glma', 'qwen2.5o', 'voxtral', 'meralion', 'musicflamingo', 'lfm2', 'kimivl', 'paddleocr',
  'lightonocr', 'cogvlm', 'janus_pro', 'dots_ocr', 'deepseekocr', 'lfm2a', 'glm4v', 'youtuvl',
  'yasa2', 'kimik25', 'nemotron_v2_vl', 'hunyuanocr', 'hunyuanvl',
]);

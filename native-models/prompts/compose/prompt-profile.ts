import type { ChatPrompt } from '../chat-format';

/**
 * How the compose steps talk to a model: Folio's own English prompts ('studio'), or the
 * phrasing InternLM-XComposer2 was trained on ('xcomposer2', see xcomposer2-prompts.ts).
 */
export type PromptProfile = 'studio' | 'xcomposer2';

/** XComposer2 is recognised by its converted family, or by the name its GGUF carries. */
export function promptProfileFor(model: { family?: string; name?: string }): PromptProfile {
  if (model.family === 'internlm-xcomposer2') return 'xcomposer2';
  return /x-?composer\s*2(?!\.5|d5)/i.test(model.name ?? '') ? 'xcomposer2' : 'studio';
}

/** The composition model was trained without a system turn. */
export function withoutSystemTurn(prompt: ChatPrompt): ChatPrompt {
  return { ...prompt, turns: prompt.turns.filter((turn) => turn.role !== 'system') };
}

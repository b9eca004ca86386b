import type { CompletionResult } from '../../../native-models/engines/engine';
import type { AskModelOptions } from '../model/model-session';
import type { ComposeModel, ComposeProgress } from './compose-types';
import { composeWorkLeft, type ComposePlan, type LaterStep, type StepCost } from './compose-work-left';
import type { ModelPrompt } from './prompt-families/prompt-family';
import { secondsLeft, type MeasuredSpeeds } from './seconds-left';

/** Tokens streamed in a call before its own pace is trusted over the answers before it. */
const LIVE_PACE_TOKENS = 8;

interface Totals {
  tokens: number;
  ms: number;
}

/**
 * Measures a compose as it runs, for a progress a writer can trust: each answer's timings (the
 * engine's prompt and generation speeds, a picture's encoding beyond its positions, what each
 * step read and wrote) and the pace of the answer streaming now. Every progress event then
 * carries the tokens a second and the time left for the whole compose (composeWorkLeft at these
 * speeds: secondsLeft).
 */
export class ComposeMeter {
  private readonly plan: ComposePlan;
  private readonly text: Totals = { tokens: 0, ms: 0 };
  private readonly decode: Totals = { tokens: 0, ms: 0 };
  private readonly pictureCalls: Array<{ promptTokens: number; promptMs: number; pictures: number }> = [];
  private readonly steps = new Map<LaterStep, { calls: number; promptTokens: number; decodeTokens: number }>();
  private step: ComposeProgress['step'] = 'write';
  private articleTokens = 0;
  private live: { tokens: number; firstAt: number | null } | null = null;

  constructor(
    plan: Omit<ComposePlan, 'measured' | 'promptOverhead'>,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.plan = { ...plan, promptOverhead: 0, measured: {} };
  }

  /** `model`, with every answer measured. */
  measure(model: ComposeModel): ComposeModel {
    return {
      family: model.family,
      ...(model.info ? { info: model.info } : {}),
      ...(model.picturePositions === undefined ? {} : { picturePositions: model.picturePositions }),
      ask: (prompt, options) => this.ask(model, prompt, options),
    };
  }

  /** `progress` with the pace and the time left added. */
  annotate(progress: ComposeProgress): ComposeProgress {
    this.step = progress.step;
    if (progress.step === 'write') this.articleTokens = Math.max(this.articleTokens, progress.tokens);
    if (progress.slots !== undefined) this.plan.figures = progress.slots;
    const speeds = this.speeds();
    const work = composeWorkLeft(this.plan, { ...progress, articleTokens: this.articleTokens });
    const left = work ? secondsLeft(speeds, work) : null;
    return {
      ...progress,
      ...(speeds.decodePerSecond === null ? {} : { tokensPerSecond: speeds.decodePerSecond }),
      ...(left === null ? {} : { secondsLeft: left }),
    };
  }

  /** The speeds measured so far (the answer streaming now sets the generation pace once it has enough tokens). */
  speeds(): MeasuredSpeeds {
    const now = this.now();
    const live = this.live;
    const livePace =
      live?.firstAt !== null && live !== null && live.tokens >= LIVE_PACE_TOKENS && now > live.firstAt
        ? ((live.tokens - 1) * 1000) / (now - live.firstAt)
        : null;
    const decodePerSecond = livePace ?? rate(this.decode);
    // Until an answer says how fast prompts are read, they are taken to go no faster than
    // generating (llama.cpp reads a prompt in batches, faster): the time left errs long.
    const promptPerSecond = rate(this.text) ?? decodePerSecond;
    return { promptPerSecond, decodePerSecond, secondsPerPicture: this.pictureSeconds(rate(this.text)) };
  }

  private async ask(model: ComposeModel, prompt: ModelPrompt, options: AskModelOptions = {}): Promise<CompletionResult> {
    const live = { tokens: 0, firstAt: null as number | null };
    this.live = live;
    const before = this.step;
    try {
      const result = await model.ask(prompt, {
        ...options,
        onToken: (text) => {
          live.tokens++;
          live.firstAt ??= this.now();
          options.onToken?.(text);
        },
      });
      // The step is the one whose progress the answer's tokens reported (the call starts before it says).
      this.record(live.tokens > 0 ? this.step : before, prompt, result);
      return result;
    } finally {
      this.live = null;
    }
  }

  private record(step: ComposeProgress['step'], prompt: ModelPrompt, result: CompletionResult): void {
    const { promptTokens, promptMs, decodedTokens, decodeMs, cachedTokens } = result.timings;
    const pictures = picturesIn(prompt);
    if (pictures === 0) add(this.text, promptTokens, promptMs);
    else this.pictureCalls.push({ promptTokens, promptMs, pictures });
    add(this.decode, decodedTokens, decodeMs);
    if (step === 'write') {
      // The instructions and outline every later step shows again besides the article.
      if (this.plan.promptOverhead === 0) this.plan.promptOverhead = promptTokens + (cachedTokens ?? 0);
      return;
    }
    if (step !== 'place' && step !== 'title' && step !== 'choose' && step !== 'caption') return;
    const seen = this.steps.get(step) ?? { calls: 0, promptTokens: 0, decodeTokens: 0 };
    seen.calls++;
    seen.promptTokens += promptTokens;
    seen.decodeTokens += decodedTokens;
    this.steps.set(step, seen);
    this.plan.measured[step] = mean(seen);
  }

  /** A picture's encoding: what calls with pictures took beyond reading their positions at the text's pace. */
  private pictureSeconds(promptPerSecond: number | null): number | null {
    if (promptPerSecond === null || this.pictureCalls.length === 0) return null;
    let seconds = 0;
    let pictures = 0;
    for (const call of this.pictureCalls) {
      seconds += Math.max(0, call.promptMs / 1000 - call.promptTokens / promptPerSecond);
      pictures += call.pictures;
    }
    return seconds / pictures;
  }
}

function add(totals: Totals, tokens: number, ms: number): void {
  if (!(tokens > 0 && ms > 0)) return;
  totals.tokens += tokens;
  totals.ms += ms;
}

function rate(totals: Totals): number | null {
  return totals.ms > 0 ? (totals.tokens * 1000) / totals.ms : null;
}

function mean(seen: { calls: number; promptTokens: number; decodeTokens: number }): StepCost {
  return { promptTokens: seen.promptTokens / seen.calls, decodeTokens: seen.decodeTokens / seen.calls };
}

function picturesIn(prompt: ModelPrompt): number {
  return prompt.chat.turns.reduce(
    (count, turn) => count + (typeof turn.content === 'string' ? 0 : turn.content.filter((part) => typeof part !== 'string').length),
    0,
  );
}

/**
 * A loaded model as the studio sees it: the engine (running in the model host) plus the chat
 * format read from the decoder's own GGUF header. Everything that asks the model something
 * goes through `ask`, so prompts are formatted one way everywhere.
 */
import type {
  CompletionHandlers,
  CompletionResult,
  Engine,
  EngineInfo,
  EngineKind,
  LoadOptions,
  OutputConstraint,
  PromptPart,
  SamplingOptions,
} from '../../../native-models/engines/engine';
import { AbortedError } from '../../../native-models/errors';
import { ModelHostClient } from '../../../native-models/host/model-host-client';
import type { HostTransport } from '../../../native-models/host/protocol';
import { INTERNLM2_FORMAT, chatFormatFor, type ChatPrompt } from '../../../native-models/prompts/chat-format';
import { readTokenizerFacts } from '../../../native-models/gguf/tokenizer-facts';
import { validateModelPair } from '../../../native-models/gguf/validate-model';
import { DEFAULT_CONTEXT_SIZE } from '../../../native-models/engines/load-plan';
import { checkPromptCanFit, longestPiece } from '../../../native-models/engines/prompt-can-fit';
import { checkAdapterFitsDecoder, inspectAdapter } from '../../../native-models/gguf/adapter-info';
import { resolveModelFiles } from '../../../native-models/convert/converted-model-files';
import type { FitEstimate } from '../../../native-models/gguf/fit-estimate';
import { chooseEngine } from './choose-engine';
import type { ModelUse } from './model-use';
import { promptFamilyFor } from '../compose/prompt-families/pick-prompt-family';
import { studioFamily } from '../compose/prompt-families/studio/studio-family';
import type { ModelPrompt, PromptFamily } from '../compose/prompt-families/prompt-family';
import { resizePicturesForTower } from './resize-pictures-for-tower';

export interface OpenModelOptions extends LoadOptions {
  engine?: EngineKind;
  startHost?: () => HostTransport;
  onProgress?: (fraction: number) => void;
  /** The model host's log lines (llama.cpp output); they never reach the UI raw. */
  onLog?: (line: string) => void;
  /** Stops the load: the host is stopped and open() rejects with AbortedError. */
  signal?: AbortSignal;
}

export interface AskModelOptions extends CompletionHandlers {
  sampling?: SamplingOptions;
  maxTokens?: number;
  constraint?: OutputConstraint;
  stop?: string[];
  /** Report the K most likely tokens at each generated position (see CompletionRequest.probs). */
  probs?: number;
  /**
   * Background work (the library's captioner), not the writer's: it does not count as the writer
   * using the model (see `ModelSession.modelUse`).
   * @default false
   */
  background?: boolean;
}

export class ModelSession {
  /** Told when the writer's calls start and end, so background work yields (the studio sets it). */
  modelUse: ModelUse | null = null;

  private constructor(
    readonly engine: Engine & { dispose?: () => Promise<void> },
    /** How this model is asked everything: chosen once, here, as it loads. */
    readonly family: PromptFamily,
    readonly info: EngineInfo,
    /** Memory the model is expected to need, against what this machine has free. */
    readonly fit: FitEstimate | undefined,
    /** The vocabulary's longest piece in characters; 0 where unknown (a remote server's model). */
    private readonly longestPiece = 0,
    /** Positions one picture takes in the context (the projector's estimate); 0 without one. */
    readonly picturePositions = 0,
  ) {}

  /** Validates the files here (cheap, pure JS) so bad input fails before any process starts. */
  static async open(requested: OpenModelOptions): Promise<ModelSession> {
    // A model on an OpenAI-compatible server: nothing local to validate; the server formats chats.
    if (requested.server) return ModelSession.start('openai-compatible', requested, studioFamily(INTERNLM2_FORMAT), undefined, 0);
    // A converted XComposer2 brings its image-token adapter along (folio-model.json beside it).
    const { family, ...files } = await resolveModelFiles(requested);
    const options = { ...requested, ...files };
    const engine = options.engine ?? (await chooseEngine(options));
    const { decoder, projector, fit } = await validateModelPair(
      { decoder: options.decoderPath, projector: options.projectorPath },
      {
        checkFit: {
          contextSize: options.contextSize ?? DEFAULT_CONTEXT_SIZE,
          ...(typeof options.gpuLayers === 'number' ? { gpuLayers: options.gpuLayers } : {}),
          ...(options.fullPrecision ? { fullPrecision: true } : {}),
          // llama-server keeps one context of earlier prompts in host memory (prompt-cache-size.ts).
          promptCache: engine === 'llama-server',
        },
      },
    );
    if (options.imageAdapterPath)
      await checkAdapterFitsDecoder(await inspectAdapter(options.imageAdapterPath), options.decoderPath, decoder.architecture);
    const facts = await readTokenizerFacts(options.decoderPath);
    const promptFamily = promptFamilyFor({
      ...(family ? { family } : {}),
      name: decoder.name,
      tokenizer: facts,
      format: await chatFormatFor(facts),
      ...(projector ? { pictureSize: projector.imageSize } : {}),
    });
    return ModelSession.start(engine, options, promptFamily, fit, longestPiece(facts.tokens), projector?.tokensPerImage ?? 0);
  }

  private static async start(
    kind: EngineKind,
    options: OpenModelOptions,
    family: PromptFamily,
    fit: FitEstimate | undefined,
    longest: number,
    picturePositions = 0,
  ): Promise<ModelSession> {
    if (options.signal?.aborted) throw new AbortedError('Loading the model was cancelled.');
    const engine = new ModelHostClient({ engine: kind, startHost: options.startHost, onLog: options.onLog });
    // A model can take minutes to load: stopping its host is the only way to stop the load.
    const stop = (): void => void engine.dispose();
    options.signal?.addEventListener('abort', stop, { once: true });
    try {
      // Only the load options cross to the host: callbacks and signals cannot be sent to another process.
      const { engine: _engine, startHost: _startHost, onProgress, onLog: _onLog, signal: _signal, ...load } = options;
      const info = await engine.load(load, onProgress);
      if (options.signal?.aborted) throw new AbortedError('Loading the model was cancelled.');
      return new ModelSession(engine, family, info, fit, longest, picturePositions);
    } catch (error) {
      await engine.dispose();
      throw options.signal?.aborted ? new AbortedError('Loading the model was cancelled.') : error;
    } finally {
      options.signal?.removeEventListener('abort', stop);
    }
  }

  /** Asks what the model's prompt family built (`session.family.ask(...)`, ...) and streams the answer. */
  async ask(prompt: ModelPrompt, options: AskModelOptions = {}): Promise<CompletionResult> {
    const { sampling, maxTokens, constraint, stop, probs, background, ...handlers } = options;
    // Before the family tokenises anything (its parts are computed when asked for): a text
    // too long for the context is refused at once.
    checkPromptCanFit(textOf(prompt.chat), this.info.contextSize, this.longestPiece);
    const writerEnds = background ? null : this.modelUse?.writerStarts();
    try {
      const written = await prompt.parts();
      const parts = this.family.pictureSize ? await resizePicturesForTower(written, this.family.pictureSize) : written;
      checkPromptCanFit(parts, this.info.contextSize, this.longestPiece);
      return await this.engine.complete(
        {
          prompt: parts,
          // A remote server formats the conversation itself.
          ...(this.info.engine === 'openai-compatible' ? { chat: prompt.chat } : {}),
          sampling,
          maxTokens,
          constraint,
          ...(probs ? { probs } : {}),
          stop: [this.family.turnEnd, ...(stop ?? [])],
        },
        handlers,
      );
    } finally {
      writerEnds?.();
    }
  }

  async close(): Promise<void> {
    await this.engine.unload().catch(() => undefined);
    await this.engine.dispose?.();
  }
}

/** The conversation's text, as prompt parts (pictures left out). */
function textOf(chat: ChatPrompt): PromptPart[] {
  const parts: PromptPart[] = chat.turns.flatMap((turn) =>
    (typeof turn.content === 'string' ? [turn.content] : turn.content).flatMap((piece) =>
      typeof piece === 'string' ? [{ type: 'text' as const, text: piece }] : [],
    ),
  );
  return chat.answerPrefix ? [...parts, { type: 'text', text: chat.answerPrefix }] : parts;
}

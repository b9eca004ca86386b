/**
 * Captions for the library's pictures, written in the background so that search by words keeps
 * improving. It asks the loaded model for one caption at a time, only when the writer has left
 * the model alone for a while (ModelUse), and the moment the writer starts (a compose, an edit,
 * an ask, a search, a model load) it aborts the caption in flight: the writer's call waits at
 * most for that one call to stop (the picture encode in progress and one token) and no caption
 * starts again until the writer is done. Each caption is stored as it comes (progress survives a
 * restart); a picture that fails CAPTION_TRIES times is left without one.
 */
import { AbortedError } from '../../../native-models/errors';
import type { BackgroundCaptions } from '../../contract/library';
import type { ModelUse } from '../model/model-use';
import type { ImageDescriber } from './image-describer';
import type { ImageLibrary } from './image-library';
import { isImageSkip } from './library-error';
import { prepareImage } from './prepare-image';

export interface BackgroundCaptionerOptions {
  library: () => ImageLibrary;
  /** The loaded model's describer, or in words why captions cannot be written now. */
  describer: () => ImageDescriber | string;
  modelUse: ModelUse;
  /** The writer's switch as saved. */
  on: boolean;
  /**
   * How long the writer must have left the model alone before a caption starts.
   * @default 2000
   */
  quietMs?: number;
  /**
   * Pause after the model failed (a crash, a timeout) before the next try.
   * @default 30000
   */
  retryAfterMs?: number;
  /** Something the Library panel shows changed (a caption written, another activity). */
  onChange: () => void;
}

type Activity = BackgroundCaptions['activity'];

export class BackgroundCaptioner {
  private on: boolean;
  private activity: Activity = 'waiting';
  private note: string | null = null;
  private running: Promise<void> | null = null;
  private readonly stopped = new AbortController();
  /** Aborted by wake(): a wait ends early because something changed. */
  private waking = new AbortController();
  private inFlight: AbortController | null = null;

  constructor(private readonly options: BackgroundCaptionerOptions) {
    this.on = options.on;
  }

  start(): void {
    this.running ??= this.loop();
  }

  /** Switched on or off by the writer; off aborts a caption in flight. */
  setOn(on: boolean): void {
    this.on = on;
    if (!on) this.inFlight?.abort();
    this.wake();
  }

  /** Something changed (a model loaded, pictures indexed): look again now. */
  wake(): void {
    this.waking.abort();
    this.waking = new AbortController();
  }

  state(): BackgroundCaptions {
    const library = this.options.library();
    const failed = library.captionFailures();
    return {
      on: this.on,
      activity: this.activity,
      note: this.note,
      left: Math.max(0, library.uncaptionedCount() - failed),
      failed,
    };
  }

  async close(): Promise<void> {
    this.stopped.abort();
    this.inFlight?.abort();
    this.wake();
    await this.running;
  }

  private show(activity: Activity, note: string | null = null): void {
    if (activity === this.activity && note === this.note) return;
    this.activity = activity;
    this.note = note;
    this.options.onChange();
  }

  private async loop(): Promise<void> {
    const quietMs = this.options.quietMs ?? 2000;
    while (!this.stopped.signal.aborted) {
      // Taken before looking, so a wake() after the look still ends the waits below.
      const woken = anyOf(this.waking.signal, this.stopped.signal);
      if (!this.nextPicture()) {
        await sleep(null, woken);
        continue;
      }
      this.show('waiting');
      if (!(await this.options.modelUse.whenQuiet(quietMs, woken))) continue;
      // Looked at again: the wait for quiet may have been long.
      const next = this.nextPicture();
      if (next) await this.captionOne(next.id, next.describer, woken);
    }
  }

  /** The picture to caption next and the model to ask, or null (the activity says why not). */
  private nextPicture(): { id: number; describer: ImageDescriber } | null {
    if (!this.on) return this.showing('paused');
    const id = this.options.library().nextToCaption();
    if (id === undefined) return this.showing('done');
    const describer = this.options.describer();
    if (typeof describer === 'string') return this.showing('unavailable', describer);
    return { id, describer };
  }

  private showing(activity: Activity, note: string | null = null): null {
    this.show(activity, note);
    return null;
  }

  private async captionOne(id: number, describer: ImageDescriber, woken: AbortSignal): Promise<void> {
    const library = this.options.library();
    const image = library.imageById(id);
    if (!image) return;
    const controller = new AbortController();
    this.inFlight = controller;
    const stopOnWriter = this.options.modelUse.onWriterStarts(() => controller.abort());
    this.show('captioning');
    let modelFailed = false;
    try {
      const picture = await prepareImage({ path: image.path });
      if (controller.signal.aborted) return;
      const caption = await describer.caption(picture, controller.signal);
      if (caption) library.setCaption(id, caption);
      else library.countCaptionFailure(id);
    } catch (error) {
      // The writer came (or the switch went off): the same picture is captioned later.
      if (controller.signal.aborted || error instanceof AbortedError) return;
      library.countCaptionFailure(id);
      modelFailed = !isImageSkip(error);
    } finally {
      stopOnWriter();
      this.inFlight = null;
      this.show('waiting');
      this.options.onChange();
    }
    // A model that failed (crashed, timed out) is given time before the next picture.
    if (modelFailed) await sleep(this.options.retryAfterMs ?? 30_000, woken);
  }
}

/** Resolves after `ms` (never, when null) or when `signal` is aborted. */
function sleep(ms: number | null, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = ms === null ? undefined : setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

function anyOf(...signals: AbortSignal[]): AbortSignal {
  return AbortSignal.any(signals);
}

/**
 * `window.folioBench`, installed only when the page URL has `?bench=1`: the hooks `npm run
 * bench:ui` drives in Chromium. Both work on the real article editor of the page.
 */
import type { ArticleDocument } from '@contract/studio-api';
import { whenArticleEditor } from '../editor/article-editor';
import { loadDocument } from '../editor/load-document';
import { streamIntoEditor } from '../editor/stream-into-editor';

interface StreamBenchResult {
  /** Wall time from the first token to the last one shown, per token. */
  msPerToken: number;
  /** The time between consecutive animation frames while tokens streamed. */
  frameTimes: number[];
  /** Transactions the stream dispatched (at most one per frame). */
  transactions: number;
}

interface FolioBench {
  /**
   * Streams tokens into the editor as a model would and reports frame times: one token per
   * macrotask (as fast as they can come), or one every `intervalMs`.
   */
  streamTokens(tokens: string[], options?: { intervalMs?: number }): Promise<StreamBenchResult>;
  /** Opens a document in the editor; resolves with the ms until it and all its figures are drawn, and until the pictures in view are decoded. */
  openDocument(document: ArticleDocument): Promise<{ drawnMs: number; picturesMs: number }>;
}

const nextTask = (() => {
  const channel = new MessageChannel();
  const queue: Array<() => void> = [];
  channel.port1.onmessage = () => queue.shift()?.();
  return () =>
    new Promise<void>((resolve) => {
      queue.push(resolve);
      channel.port2.postMessage(null);
    });
})();

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

function createFolioBench(): FolioBench {
  return {
    async streamTokens(tokens, options = {}) {
      const pause = options.intervalMs ? () => new Promise<void>((resolve) => setTimeout(resolve, options.intervalMs)) : nextTask;
      const editor = await whenArticleEditor();
      const frameTimes: number[] = [];
      let streaming = true;
      let last = await nextFrame();
      const watchFrames = (now: number) => {
        frameTimes.push(now - last);
        last = now;
        if (streaming) requestAnimationFrame(watchFrames);
      };
      requestAnimationFrame(watchFrames);
      let transactions = 0;
      const count = () => transactions++;
      editor.on('transaction', count);
      const stream = streamIntoEditor(editor);
      const started = performance.now();
      for (const token of tokens) {
        stream.push(token);
        await pause();
      }
      await nextFrame();
      stream.close();
      const elapsed = performance.now() - started;
      streaming = false;
      editor.off('transaction', count);
      return { msPerToken: elapsed / Math.max(1, tokens.length), frameTimes, transactions };
    },

    async openDocument(document) {
      const editor = await whenArticleEditor();
      const figures = document.content.filter((node) => node.type === 'figure').length;
      const started = performance.now();
      loadDocument(editor, document);
      // Figures are React node views, drawn after the transaction; wait until every one is there.
      for (;;) {
        await nextFrame();
        if (editor.view.dom.querySelectorAll('[data-testid="figure"]').length >= figures) break;
      }
      const drawnMs = performance.now() - started;
      // Then until the pictures in view are fetched and decoded (the rest load lazily as the writer scrolls).
      const inView = [...editor.view.dom.querySelectorAll('img')].filter((img) => img.getBoundingClientRect().top < window.innerHeight);
      await Promise.all(inView.map((img) => img.decode().catch(() => undefined)));
      return { drawnMs, picturesMs: performance.now() - started };
    },
  };
}

export function installBench(): void {
  (window as unknown as { folioBench: FolioBench }).folioBench = createFolioBench();
}

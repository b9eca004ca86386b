/**
 * Issue 24, cause 6: the model's queue is shared fairly between windows. One window sends twelve
 * asks at once; another window's ask, sent once the first of them is answered, runs at the next turn instead of after all
 * twelve (one client's ask waited 10.8 s behind another's 200 jobs). Through the real server in
 * its own process with the tiny model; counted by the order the answers come, never by times.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { TINY_DECODER, TINY_PROJECTOR } from '../../helpers/fixture-paths';
import { serveStudio, type ServedStudio } from '../../helpers/served-studio';
import { connectStudio } from '../../helpers/studio-client';

let served: ServedStudio | undefined;
afterAll(() => served?.close());

describe("the model's queue", () => {
  it("takes turns between windows, so one window's burst does not hold back another's ask", async () => {
    served = await serveStudio();
    await served.studio.call('loadModel', { source: { kind: 'files', decoder: TINY_DECODER, projector: TINY_PROJECTOR } });
    const other = await connectStudio(served.baseUrl, served.token);
    try {
      const order: string[] = [];
      // Whatever the tiny model answers (or fails with), only the order counts.
      const noted = (who: string, call: Promise<unknown>) =>
        call.then(
          () => order.push(who),
          () => order.push(who),
        );
      const burst = Array.from({ length: 12 }, (_, index) =>
        noted('burst', (served as ServedStudio).studio.call('ask', { jobId: `burst-${index}`, question: 'Hello?', seed: index })),
      );
      // Sent once the burst is surely queued: its first answer is back.
      while (order.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      const single = noted('other window', other.call('ask', { jobId: 'single', question: 'Hello?', seed: 99 }));
      await Promise.all([...burst, single]);
      // First come first served answers it after all twelve; in turns it comes next but one at most.
      expect(order.indexOf('other window'), order.join(', ')).toBeLessThan(4);
    } finally {
      other.close();
    }
  }, 240_000);
});

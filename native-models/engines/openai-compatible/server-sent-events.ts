import { timerDelay } from '../../timer-delay';

/**
 * Reads a server-sent-events body: yields each `data:` payload. A line that is not valid SSE
 * is skipped; a payload the caller cannot parse is the caller's to reject.
 */
export async function* serverSentData(body: ReadableStream<Uint8Array>, stallMs: number, signal: AbortSignal): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const chunk = await readWithin(reader, stallMs, signal);
      if (chunk.done) break;
      buffer += decoder.decode(chunk.value, { stream: true });
      let end: number;
      while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
        const data = event
          .split(/\r?\n/)
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).replace(/^ /, ''))
          .join('\n');
        if (data) yield data;
      }
    }
  } finally {
    reader.releaseLock();
  }
}

export class StreamStalled extends Error {
  override readonly name = 'StreamStalled';
}

async function readWithin(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  stallMs: number,
  signal: AbortSignal,
): Promise<Awaited<ReturnType<ReadableStreamDefaultReader<Uint8Array>['read']>>> {
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StreamStalled(`no data from the server for ${Math.round(stallMs / 1000)} s`)), timerDelay(stallMs));
  });
  const aborted = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
  try {
    return await Promise.race([reader.read(), stalled, aborted]);
  } finally {
    clearTimeout(timer);
  }
}

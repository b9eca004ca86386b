/**
 * The stream collector shows bytes that are not UTF-8 as one U+FFFD per run, in what streams and
 * in the answer's text alike: llama.cpp's grammar counts F8 80 80 80 as one character, which the
 * decoder turns into four, and a JSON string then broke the maxLength the grammar held it to.
 */
import { describe, expect, it } from 'vitest';
import { collectStream } from '../../../native-models/engines/stream-collector';

function collect(pieces: string[], stops: string[] = []): { text: string; streamed: string[]; received: string } {
  const streamed: string[] = [];
  const stream = collectStream(stops, (piece) => streamed.push(piece), 0);
  for (const piece of pieces) if (stream.push(piece)) break;
  return { text: stream.text(), streamed, received: stream.received() };
}

describe('collectStream and bytes that are not UTF-8', () => {
  it('shows a run of U+FFFD in one piece once', () => {
    const { text, streamed } = collect(['{"title":"ab\uFFFD\uFFFD\uFFFD\uFFFDc"}']);
    expect(text).toBe('{"title":"ab\uFFFDc"}');
    expect(streamed.join('')).toBe(text);
  });

  it('shows a run split across pieces once, and what streamed adds up to the text', () => {
    const { text, streamed, received } = collect(['ab\uFFFD', '\uFFFD', '\uFFFD\uFFFDc', '\uFFFD']);
    expect(text).toBe('ab\uFFFDc\uFFFD');
    expect(streamed.join('')).toBe(text);
    // What the engine sent stays as it came (llama.node's trailing text is matched against it).
    expect(received).toBe('ab\uFFFD\uFFFD\uFFFD\uFFFDc\uFFFD');
  });

  it('keeps replacement characters that text separates, and text held back for a stop string', () => {
    expect(collect(['\uFFFDa\uFFFD', 'b\uFFFD']).text).toBe('\uFFFDa\uFFFDb\uFFFD');
    const { text, streamed } = collect(['x\uFFFD\uFFFD<', '|', 'y'], ['<|end|>']);
    expect(text).toBe('x\uFFFD<|y');
    expect(streamed.join('')).toBe(text);
  });
});

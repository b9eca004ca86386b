/** The default time limits: generous, and growing with what an answer is asked to read and write. */
import { describe, expect, it } from 'vitest';
import { defaultCallTimeout } from '../../../native-models/host/call-timeout';

const MINUTE = 60_000;
const picture = { type: 'image' as const, image: { bytes: new Uint8Array(4) } };

describe('default call time limits', () => {
  it('give an answer 10 minutes, plus 2 s per token asked, 3 minutes per picture and 50 ms per prompt character', () => {
    expect(defaultCallTimeout('complete', { prompt: [], maxTokens: 100 })).toBe(10 * MINUTE + 200_000);
    expect(defaultCallTimeout('complete', { prompt: [{ type: 'text', text: 'x'.repeat(1000) }, picture, picture], maxTokens: 100 })).toBe(
      10 * MINUTE + 200_000 + 50_000 + 6 * MINUTE,
    );
    expect(defaultCallTimeout('complete', { prompt: [] })).toBe(10 * MINUTE + 512 * 2_000);
  });

  it('give a load 30 minutes and anything else 5', () => {
    expect(defaultCallTimeout('load', {})).toBe(30 * MINUTE);
    expect(defaultCallTimeout('embed', { text: 'x' })).toBe(5 * MINUTE);
  });
});

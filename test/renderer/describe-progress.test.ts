import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../electron/contract/studio-api';
import { describeProgress } from '../../renderer/src/format/describe-progress';

const compose = (progress: Partial<Extract<JobProgress, { kind: 'compose' }>>): JobProgress => ({
  kind: 'compose',
  step: 'write',
  slot: null,
  slots: null,
  tokens: 0,
  textDelta: null,
  tokensPerSecond: null,
  secondsLeft: null,
  ...progress,
});

describe("describeProgress: a compose's progress", () => {
  it('shows the tokens written, their pace and the time left for the whole compose, once measured', () => {
    expect(describeProgress(compose({ tokens: 3 }), 'Composing')).toBe('Writing the article… 3 tokens');
    expect(describeProgress(compose({ tokens: 312, tokensPerSecond: 14.23, secondsLeft: 370 }), 'Composing')).toBe(
      'Writing the article… 312 tokens, 14.2 a second, about 6 min left',
    );
  });

  it("shows the time left beside a figure's step", () => {
    expect(describeProgress(compose({ step: 'choose', slot: 2, slots: 3, tokensPerSecond: 14, secondsLeft: 45 }), 'Composing')).toBe(
      'Figure 2 of 3: choosing, about 45 s left',
    );
    expect(describeProgress(compose({ step: 'place', secondsLeft: 125 }), 'Composing')).toBe('Choosing where figures go, about 2 min left');
  });
});

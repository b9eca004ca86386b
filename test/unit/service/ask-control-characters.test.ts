/**
 * The Ask panel's answer can be inserted into the article, so the model's control characters
 * (the tiny model's U+0004, C1 controls, DEL) stay out of what it streams and what it returns, as
 * they stay out of the write step's and the edits' (issue 23, minor). The model here streams a
 * scripted answer a character at a time, as a real engine does.
 */
import { expect, it } from 'vitest';
import type { JobProgress } from '@contract/studio-api';
import { studioFamily } from '../../../electron/studio/compose/prompt-families/studio/studio-family';
import type { ModelSession } from '../../../electron/studio/model/model-session';
import { runAsk } from '../../../electron/studio/service/article-jobs';
import { INTERNLM2_FORMAT } from '../../../native-models/prompts/chat-format';

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const DIRTY = 'Two\u0004 boats\u0085 at\u009b the\u007f quay.\u0004';

it("keeps control characters out of the Ask panel's streamed and returned answer", async () => {
  const session = {
    family: studioFamily(INTERNLM2_FORMAT),
    info: { vision: true },
    ask: async (_prompt: unknown, options: { onToken?: (text: string) => void }) => {
      for (const character of DIRTY) options.onToken?.(character);
      return { text: DIRTY };
    },
  } as unknown as ModelSession;
  const streamed: string[] = [];
  const deps = { session, workspace: {}, library: {} } as unknown as Parameters<typeof runAsk>[0];
  const job = {
    signal: new AbortController().signal,
    progress: (progress: JobProgress) => {
      if (progress.kind === 'ask') streamed.push(progress.textDelta);
    },
  };
  const { answer } = await runAsk(deps, { jobId: 'ask-1', question: 'What is here?' } as Parameters<typeof runAsk>[1], job);
  expect(answer).toBe('Two boats at the quay.');
  expect(streamed.join('')).toBe(answer);
  expect(streamed.some((delta) => delta === '' || CONTROLS.test(delta))).toBe(false);
});

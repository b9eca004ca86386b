/**
 * Issue 24, cause 6: on a fresh data folder the first calls that need a project race to make the
 * scratch project. Ten concurrent importImage calls (a writer pasting several pictures before
 * the editor asked for its workspace) had nine fail with 'project-exists', three openWorkspace
 * calls two. Through the real server and service, each case on a fresh data folder.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { testPicture } from '../../fixtures/png';
import { startBareStudioServer, type BareStudioServer } from '../../helpers/bare-studio-server';
import { connectStudio, StudioCallError } from '../../helpers/studio-client';

let bare: BareStudioServer | null = null;
afterEach(async () => {
  await bare?.close();
  bare = null;
});

async function freshStudio() {
  bare = await startBareStudioServer();
  return connectStudio(bare.server.baseUrl, bare.server.token);
}

const failures = (outcomes: PromiseSettledResult<unknown>[]): string[] =>
  outcomes.flatMap((outcome) =>
    outcome.status === 'rejected' ? [outcome.reason instanceof StudioCallError ? outcome.reason.payload.code : String(outcome.reason)] : [],
  );

describe('the first calls on a fresh data folder', () => {
  it('ten concurrent importImage calls each store their picture in the one scratch project', async () => {
    const studio = await freshStudio();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, index) =>
        studio.call('importImage', { fileName: `p${index}.png`, dataBase64: testPicture(index, 40).toString('base64') }),
      ),
    );
    expect(failures(outcomes)).toEqual([]);
    const workspace = await studio.call('openWorkspace');
    expect(workspace.project.title).toBe('Untitled');
    studio.close();
  });

  it('three concurrent openWorkspace calls open the same scratch project', async () => {
    const studio = await freshStudio();
    const outcomes = await Promise.allSettled([studio.call('openWorkspace'), studio.call('openWorkspace'), studio.call('openWorkspace')]);
    expect(failures(outcomes)).toEqual([]);
    const dirs = outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value.project.dir : ''));
    expect(new Set(dirs).size).toBe(1);
    studio.close();
  });

  it('openWorkspace and importImage at once share one opening', async () => {
    const studio = await freshStudio();
    const outcomes = await Promise.allSettled([
      studio.call('openWorkspace'),
      studio.call('importImage', { fileName: 'a.png', dataBase64: testPicture(1, 40).toString('base64') }),
      studio.call('openWorkspace'),
    ]);
    expect(failures(outcomes)).toEqual([]);
    studio.close();
  });
});

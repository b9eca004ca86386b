import { describe, expect, it } from 'vitest';
import { StudioRequestError } from '../../../electron/studio/service/studio-service';
import { isAppUrl } from '../../../electron/app/app-origin';
import { createStudioRequestHandler, type RequestSender } from '../../../electron/app/studio-request-handler';
import { STUDIO_METHOD_NAMES } from '../../../electron/app/studio-methods';

const mainContents = { id: 1 };
const topFrame = (url: string) => ({ url, parent: null });

function handler(handle: (method: string, params: unknown) => Promise<unknown> = async (method, params) => ({ method, params })) {
  const calls: string[] = [];
  const answer = createStudioRequestHandler({
    trustedContents: () => mainContents,
    isAppUrl: (url) => isAppUrl(url, 'app://folio'),
    handle: (method, params) => {
      calls.push(method);
      return handle(method, params);
    },
  });
  return { answer, calls };
}

describe('studio requests over IPC', () => {
  it('answers the main window on the app origin with the service result', async () => {
    const { answer } = handler();
    const event: RequestSender = { sender: mainContents, senderFrame: topFrame('app://folio/index.html') };
    expect(await answer(event, 'libraryState', null)).toEqual({ ok: true, result: { method: 'libraryState', params: null } });
  });

  it('refuses other windows, iframes, foreign origins and frames that are gone, without reaching the studio', async () => {
    const { answer, calls } = handler();
    const refused: RequestSender[] = [
      { sender: { id: 2 }, senderFrame: topFrame('app://folio/index.html') },
      { sender: mainContents, senderFrame: { url: 'app://folio/frame.html', parent: topFrame('app://folio/index.html') } },
      { sender: mainContents, senderFrame: topFrame('https://example.com/') },
      { sender: mainContents, senderFrame: topFrame('file:///etc/passwd') },
      { sender: mainContents, senderFrame: topFrame('app://evil/index.html') },
      { sender: mainContents, senderFrame: null },
    ];
    for (const event of refused) {
      const envelope = await answer(event, 'openWorkspace', null);
      expect(envelope).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(calls).toEqual([]);
  });

  it('refuses a method that is not in the Studio API', async () => {
    const { answer, calls } = handler();
    const event: RequestSender = { sender: mainContents, senderFrame: topFrame('app://folio/') };
    for (const method of ['constructor', '__proto__', 'close', 'readAsset', 42, null]) {
      expect(await answer(event, method, null)).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    }
    expect(calls).toEqual([]);
  });

  it('turns a refused request into the error the UI shows', async () => {
    const { answer } = handler(async () => {
      throw new StudioRequestError({
        code: 'invalid-request',
        message: 'The studio refused a malformed request.',
        detail: 'openProject: /dir must be string',
      });
    });
    const event: RequestSender = { sender: mainContents, senderFrame: topFrame('app://folio/') };
    expect(await answer(event, 'openProject', { dir: 3 })).toEqual({
      ok: false,
      error: { code: 'invalid-request', message: 'The studio refused a malformed request.', detail: 'openProject: /dir must be string' },
    });
  });

  it('lists exactly the contract methods', () => {
    expect([...STUDIO_METHOD_NAMES].sort()).toEqual(
      [
        'ask',
        'cancelJob',
        'cancelModelLoad',
        'capabilities',
        'checkModelFiles',
        'compose',
        'convertModel',
        'createFolder',
        'downloadModel',
        'editParagraph',
        'evaluateModel',
        'exportArticle',
        'figureAction',
        'importArticle',
        'importImage',
        'indexLibrary',
        'libraryState',
        'listFolder',
        'loadModel',
        'modelSetup',
        'modelStatus',
        'newProject',
        'openProject',
        'openWorkspace',
        'pickPath',
        'readMarkdown',
        'removeLibraryFolder',
        'saveDocument',
        'saveProjectAs',
        'searchLibrary',
        'setBackgroundCaptions',
      ].sort(),
    );
  });
});

// @vitest-environment happy-dom
/**
 * The file pickers for pictures (Ask's and the references') accept every type in native-models'
 * one table: the list reaches the renderer as the studio's capabilities (pictureFileTypes, what
 * StudioService answers: studio-server-hardening.test.ts checks it through the server), through
 * the store, into each `<input type="file" accept=…>`. A type added to the table and not offered
 * by a picker (the lists were once spelled out in each component) fails here.
 */
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pictureFileTypes } from '../../electron/studio/service/picture-file-types';
import { PICTURE_TYPES } from '../../native-models/images/picture-types';
import { AskPanel } from '../../renderer/src/components/ask/AskPanel';
import { ReferencePictures } from '../../renderer/src/components/composer/ReferencePictures';
import { resetStudioStore, useStudio } from '../../renderer/src/store/studio-store';
import { fakeStudio } from './fake-studio-api';

let root: Root;
let host: HTMLElement;

/** Whether a file input with this `accept` offers a file of this name and type (the HTML standard's rule). */
function accepts(accept: string, name: string, type: string): boolean {
  return accept
    .split(',')
    .map((token) => token.trim().toLowerCase())
    .some((token) =>
      token.startsWith('.')
        ? name.toLowerCase().endsWith(token)
        : token.endsWith('/*')
          ? type.startsWith(token.slice(0, -1))
          : token === type,
    );
}

beforeAll(async () => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  resetStudioStore();
  const studio = fakeStudio();
  studio.handle('capabilities', async () => ({ shell: 'browser', nativeDialogs: false, pictureTypes: pictureFileTypes() }));
  (globalThis as { studio?: unknown }).studio = studio;
  await useStudio.getState().loadCapabilities();
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  await act(async () => root.render([createElement(AskPanel, { key: 'ask' }), createElement(ReferencePictures, { key: 'references' })]));
});
afterAll(async () => {
  await act(async () => root.unmount());
});

describe('the picture pickers', () => {
  it.each(['ask-image-input', 'reference-input'])('%s offers every type in the table, by MIME type and by name', (testId) => {
    const accept = host.querySelector(`[data-testid="${testId}"]`)?.getAttribute('accept') ?? '';
    expect(accept).not.toBe('');
    for (const type of PICTURE_TYPES) {
      expect(accepts(accept, `photo${type.extensions[0]}`, type.mimeType), type.name).toBe(true);
      // Chromium gives a HEIC (and other camera files on some systems) no type: the name must do.
      for (const extension of type.extensions) expect(accepts(accept, `IMG_0042${extension.toUpperCase()}`, ''), extension).toBe(true);
    }
    // Not everything: a document is not offered.
    expect(accepts(accept, 'notes.txt', 'text/plain')).toBe(false);
  });
});

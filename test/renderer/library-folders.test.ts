// @vitest-environment happy-dom
/**
 * The Library panel's folder list: each folder's path and its counts are apart in the text a
 * screen reader or a copy takes (on the page panels.css puts the path on its own line; not
 * checked here: the test's DOM loads no stylesheet). Before, the two spans ran together:
 * "/home/writer/Walk pictures3 pictures" (seen in the writer walk).
 */
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LibraryState } from '../../electron/contract/studio-api';
import { LibraryFolders } from '../../renderer/src/components/library/LibraryFolders';
import { resetStudioStore, useStudio } from '../../renderer/src/store/studio-store';

let root: Root;
let host: HTMLElement;
const FOLDER = '/home/writer/Walk pictures';

beforeAll(async () => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  resetStudioStore();
  const folders = [{ path: FOLDER, indexedAt: 1, pictures: 3, duplicates: 1, skipped: 2, skippedFiles: [] }];
  useStudio.setState({ library: { folders } as unknown as LibraryState });
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  await act(async () => root.render(createElement(LibraryFolders)));
});
afterAll(async () => {
  await act(async () => root.unmount());
});

describe('the library folder list', () => {
  it('keeps a folder apart from its counts', () => {
    const row = host.querySelector('[data-testid="library-folder-row"]');
    expect(row?.textContent).toContain(`${FOLDER} 3 pictures, 1 duplicate merged, 2 skipped`);
    const folder = row?.querySelector('.library-folder-path') as HTMLElement;
    expect(folder.textContent).toBe(FOLDER);
  });
});

// @vitest-environment happy-dom
/** The picker's store slice: a slow folder's late answer never replaces the one the writer went to, and a native dialog's failure is shown. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { FolderListing, ListFolderRequest } from '../../electron/contract/studio-api';
import { resetStudioStore, useStudio } from '../../renderer/src/store/studio-store';
import { fakeStudio, type FakeStudio } from './fake-studio-api';

let studio: FakeStudio;
beforeEach(() => {
  resetStudioStore();
  studio = fakeStudio();
  (globalThis as { studio?: unknown }).studio = studio;
});

const home = { label: 'Home', path: '/home/ana' };
const listing = (path: string): FolderListing => ({ path, parent: null, root: home, roots: [home], entries: [], more: 0, selected: null });

describe('the folder picker slice', () => {
  it('keeps the folder asked for last when an earlier one answers late', async () => {
    let answerSlow: (value: FolderListing) => void = () => undefined;
    studio.handle('listFolder', (request: ListFolderRequest) =>
      request.path === '/slow' ? new Promise((resolve) => (answerSlow = resolve)) : Promise.resolve(listing(request.path ?? '/home/ana')),
    );
    const slow = useStudio.getState().browseFolder({ purpose: 'library-folder', path: '/slow' });
    await useStudio.getState().browseFolder({ purpose: 'library-folder', path: '/home/ana/Pictures' });
    answerSlow(listing('/slow'));
    await slow;
    expect(useStudio.getState().pickerListing?.path).toBe('/home/ana/Pictures');
    expect(useStudio.getState().pickerLoading).toBe(false);
  });

  it('keeps the folder shown and says why when the next cannot be listed', async () => {
    studio.handle('listFolder', (request: ListFolderRequest) =>
      request.path
        ? Promise.reject({ code: 'outside-allowed-folders', message: 'The picker shows only your home folder.' })
        : Promise.resolve(listing('/home/ana')),
    );
    expect(await useStudio.getState().browseFolder({ purpose: 'decoder' })).toBe(true);
    expect(await useStudio.getState().browseFolder({ purpose: 'decoder', path: '/etc' })).toBe(false);
    expect(useStudio.getState()).toMatchObject({ pickerListing: { path: '/home/ana' }, pickerError: { code: 'outside-allowed-folders' } });
    useStudio.getState().closeFolderPicker();
    expect(useStudio.getState()).toMatchObject({ pickerListing: null, pickerError: null });
  });

  it('asks the native dialog for a purpose, starting at the typed path, and shows its failure', async () => {
    studio.handle('pickPath', async () => '/home/ana/bench.tsv');
    expect(await useStudio.getState().pickNativePath('benchmark', ' ~/bench.tsv ')).toBe('/home/ana/bench.tsv');
    expect(studio.calls.at(-1)).toEqual({ method: 'pickPath', params: { purpose: 'benchmark', defaultPath: '~/bench.tsv' } });
    studio.handle('pickPath', () => Promise.reject({ code: 'unsupported', message: 'This window cannot open file dialogs.' }));
    expect(await useStudio.getState().pickNativePath('checkpoint-folder', '')).toBeNull();
    expect(useStudio.getState().toasts.at(-1)).toMatchObject({ kind: 'error', message: 'This window cannot open file dialogs.' });
  });
});

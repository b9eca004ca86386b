import { describe, expect, it, vi } from 'vitest';

const dialogs = vi.hoisted(() => ({
  open: vi.fn(async (..._args: unknown[]) => ({ canceled: false, filePaths: ['/models/decoder.gguf'] })),
  save: vi.fn(async (..._args: unknown[]) => ({ canceled: false, filePath: '/docs/Harbour' as string | undefined })),
}));

vi.mock('electron', () => ({ dialog: { showOpenDialog: dialogs.open, showSaveDialog: dialogs.save } }));

const { pathDialogFor, pickPath } = await import('../../../electron/app/pick-path');

describe('native path dialogs', () => {
  it('asks for the right kind of path per purpose', () => {
    expect(pathDialogFor('decoder')).toMatchObject({
      kind: 'open',
      options: { properties: ['openFile'], filters: [{ extensions: ['gguf'] }] },
    });
    expect(pathDialogFor('projector')).toMatchObject({
      kind: 'open',
      options: { properties: ['openFile'], filters: [{ extensions: ['gguf'] }] },
    });
    expect(pathDialogFor('library-folder')).toMatchObject({ kind: 'open', options: { properties: ['openDirectory'] } });
    expect(pathDialogFor('open-project')).toMatchObject({ kind: 'open', options: { properties: ['openDirectory'] } });
    expect(pathDialogFor('save-project')).toMatchObject({ kind: 'save', extension: '.folio' });
    expect(pathDialogFor('benchmark')).toMatchObject({
      kind: 'open',
      options: { properties: ['openFile'], filters: [{ extensions: ['tsv'] }] },
    });
    expect(pathDialogFor('checkpoint-folder')).toMatchObject({ kind: 'open', options: { properties: ['openDirectory'] } });
    expect(pathDialogFor('import-article')).toMatchObject({
      kind: 'open',
      options: { properties: ['openFile'], filters: [{ extensions: ['md', 'markdown', 'txt'] }] },
    });
    expect(pathDialogFor('export', '/docs/Harbour.docx')).toMatchObject({ kind: 'save', options: { defaultPath: '/docs/Harbour.docx' } });
  });

  it('returns the chosen path, adds .folio to a project name, and null when cancelled', async () => {
    expect(await pickPath(null, { purpose: 'decoder' })).toBe('/models/decoder.gguf');
    expect(await pickPath(null, { purpose: 'save-project' })).toBe('/docs/Harbour.folio');
    expect(await pickPath(null, { purpose: 'export' })).toBe('/docs/Harbour');
    dialogs.open.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await pickPath(null, { purpose: 'library-folder' })).toBeNull();
    dialogs.save.mockResolvedValueOnce({ canceled: true, filePath: undefined });
    expect(await pickPath(null, { purpose: 'export' })).toBeNull();
  });
});

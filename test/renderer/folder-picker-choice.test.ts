/** What the browser studio's picker starts on and hands back, per purpose (the picker component uses nothing else to decide). */
import { describe, expect, it } from 'vitest';
import type { FolderEntry, FolderListing } from '../../electron/contract/studio-api';
import { chosenPath, entryAction, pickerStart } from '../../renderer/src/components/common/picker-choice';
import { crumbsOf, folderOf, joinPath, nameOf } from '../../renderer/src/components/common/picker-paths';

const home = { label: 'Home', path: '/home/ana' };
const listing = (path: string): FolderListing => ({
  path,
  parent: '/home/ana',
  root: home,
  roots: [home],
  entries: [],
  more: 0,
  selected: null,
});
const folder: FolderEntry = { name: 'Harbour', kind: 'folder' };
const project: FolderEntry = { name: 'Boats.folio', kind: 'project' };
const file: FolderEntry = { name: 'model.gguf', kind: 'file', size: 3 };

describe('the folder picker', () => {
  it('starts where the field points: the folder itself for pictures, else its folder, with the name ready when saving', () => {
    expect(pickerStart('library-folder', '/home/ana/Pictures')).toEqual({ folder: '/home/ana/Pictures', select: null, fileName: '' });
    expect(pickerStart('decoder', '/home/ana/models/x.gguf')).toEqual({ folder: '/home/ana/models', select: 'x.gguf', fileName: '' });
    expect(pickerStart('export', '~/Documents/Harbour towns')).toEqual({ folder: '~/Documents', select: null, fileName: 'Harbour towns' });
    expect(pickerStart('open-project', '  ')).toEqual({ folder: undefined, select: null, fileName: '' });
  });

  it('opens projects only when opening one, and takes a file name when naming', () => {
    expect(entryAction('open-project', project)).toBe('choose');
    expect(entryAction('save-project', project)).toBe('enter');
    expect(entryAction('library-folder', folder)).toBe('enter');
    expect(entryAction('decoder', file)).toBe('choose');
    expect(entryAction('export', file)).toBe('name');
  });

  it('hands back what fits the purpose, with the extension the file will get', () => {
    const documents = listing('/home/ana/Documents');
    expect(chosenPath('decoder', documents, null, '')).toBeNull();
    expect(chosenPath('decoder', documents, file, '')).toBe('/home/ana/Documents/model.gguf');
    expect(chosenPath('library-folder', documents, null, '')).toBe('/home/ana/Documents');
    expect(chosenPath('library-folder', documents, folder, '')).toBe('/home/ana/Documents/Harbour');
    expect(chosenPath('open-project', documents, folder, '')).toBeNull();
    expect(chosenPath('open-project', documents, project, '')).toBe('/home/ana/Documents/Boats.folio');
    expect(chosenPath('open-project', listing('/home/ana/Boats.folio'), null, '')).toBe('/home/ana/Boats.folio');
    expect(chosenPath('save-project', documents, null, 'Harbour towns ')).toBe('/home/ana/Documents/Harbour towns.folio');
    expect(chosenPath('save-project', documents, null, 'a/b')).toBeNull();
    expect(chosenPath('export', documents, null, 'Harbour', 'pdf')).toBe('/home/ana/Documents/Harbour.pdf');
    expect(chosenPath('export', documents, null, 'Harbour.PDF', 'pdf')).toBe('/home/ana/Documents/Harbour.PDF');
    expect(chosenPath('export', documents, null, 'Harbour', 'md')).toBe('/home/ana/Documents/Harbour');
    expect(chosenPath('export', documents, null, '', 'pdf')).toBeNull();
  });

  it('takes paths apart with their own separator, Windows ones too', () => {
    expect(joinPath('C:\\Users\\ana', 'Pictures')).toBe('C:\\Users\\ana\\Pictures');
    expect(joinPath('/', 'home')).toBe('/home');
    expect(folderOf('/harbour')).toBe('/');
    expect(folderOf('harbour')).toBe('');
    expect(nameOf('C:\\Users\\ana\\x.gguf')).toBe('x.gguf');
    expect(crumbsOf('/home/ana/Pictures/Harbour', home)).toEqual([
      home,
      { label: 'Pictures', path: '/home/ana/Pictures' },
      { label: 'Harbour', path: '/home/ana/Pictures/Harbour' },
    ]);
  });
});

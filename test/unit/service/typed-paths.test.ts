import { describe, expect, it } from 'vitest';
import { exportTarget } from '../../../electron/studio/service/studio-service';

describe('where an export goes', () => {
  it('follows the chosen format, whatever the typed name ends in', () => {
    expect(exportTarget('/a/Article.docx', 'docx')).toBe('/a/Article.docx');
    expect(exportTarget('/a/Article', 'pdf')).toBe('/a/Article.pdf');
    expect(exportTarget('/a/Article.html', 'docx')).toBe('/a/Article.docx');
    expect(exportTarget('/a/Article.MD', 'zip')).toBe('/a/Article.zip');
    expect(exportTarget('/a/Harbour v1.2', 'html')).toBe('/a/Harbour v1.2.html');
    // A Markdown folder is a folder: the article and its pictures inside it.
    expect(exportTarget('/a/Harbour.md', 'md')).toBe('/a/Harbour/Harbour.md');
    expect(exportTarget('/a/Harbour', 'md')).toBe('/a/Harbour/Harbour.md');
  });
});

describe('paths as a writer types them', () => {
  it('read ~ as the home folder', async () => {
    const { expandHome } = await import('../../../electron/studio/service/expand-home');
    expect(expandHome('~/Documents/A.folio', '/home/w')).toBe('/home/w/Documents/A.folio');
    expect(expandHome('~', '/home/w')).toBe('/home/w');
    expect(expandHome('/srv/~x', '/home/w')).toBe('/srv/~x');
    expect(expandHome('~other/x', '/home/w')).toBe('~other/x');
  });
});

describe('paths from the Studio API', () => {
  it('take full paths and ~, and refuse relative ones that would land wherever the server started', async () => {
    const { typedPath } = await import('../../../electron/studio/service/expand-home');
    expect(typedPath('~/Documents/A.folio', '/home/w')).toBe('/home/w/Documents/A.folio');
    expect(typedPath('/srv/A.folio', '/home/w')).toBe('/srv/A.folio');
    for (const relative of ['A.folio', 'docs/A.folio', '~other/x', './x'])
      expect(() => typedPath(relative, '/home/w')).toThrow(
        expect.objectContaining({ payload: expect.objectContaining({ code: 'path-not-absolute' }) }),
      );
  });
});

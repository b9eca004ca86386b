import { describe, expect, it } from 'vitest';
import { fileNameWords } from '../../../electron/studio/library/file-name-words';
import { fullTextQuery } from '../../../electron/studio/library/full-text-query';

describe('fullTextQuery', () => {
  it('quotes every word so query syntax in the text stays text', () => {
    expect(fullTextQuery('Sunset NOT "beach" -crowd: x* ^y')).toBe('"sunset" OR "not" OR "beach" OR "crowd" OR "x" OR "y"');
  });

  it('leaves out filler words, unless there is nothing else', () => {
    expect(fullTextQuery('A dog on the beach at sunset')).toBe('"dog" OR "beach" OR "sunset"');
    expect(fullTextQuery('on the')).toBe('"on" OR "the"');
  });

  it('keeps letters beyond ASCII and drops repeats', () => {
    expect(fullTextQuery('Café café über 東京')).toBe('"café" OR "über" OR "東京"');
  });

  it('is null when there is no word', () => {
    expect(fullTextQuery('  -- !! ')).toBeNull();
  });
});

describe('fileNameWords', () => {
  it('splits file and folder names the way people write them', () => {
    expect(fileNameWords('/photos/holidayPhotos/beach-sunset_2023.jpg')).toBe('beach sunset 2023 holiday Photos');
    expect(fileNameWords('/x/IMG_2041.JPG')).toBe('IMG 2041 x');
    expect(fileNameWords('/x/dog2cat.png')).toBe('dog 2 cat x');
  });
});

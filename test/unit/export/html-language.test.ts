/**
 * An HTML export says the article's language (issue 23, minor): a Chinese article said
 * `lang="en"`, so screen readers read it as English and browsers chose Japanese glyphs.
 */
import { describe, expect, it } from 'vitest';
import { emptyDocument, type ArticleDocument } from '../../../electron/studio/documents/article-document';
import { documentToHtml } from '../../../electron/studio/export/document-to-html';

const article = (...paragraphs: string[]): ArticleDocument => ({
  ...emptyDocument(),
  content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
});
const langOf = (document: ArticleDocument) => /<html lang="([^"]+)"/.exec(documentToHtml(document, () => null))?.[1];

describe('the HTML export’s lang', () => {
  it('is the language the article is written in', () => {
    expect(langOf(article('海港小镇的清晨', '渔船在黎明时分出海，带回新鲜的鱼。'))).toBe('zh');
    expect(langOf(article('港町の朝', '漁船は夜明けに出港し、新鮮な魚を持ち帰ります。'))).toBe('ja');
    expect(langOf(article('항구 마을의 아침', '어선은 새벽에 바다로 나갑니다.'))).toBe('ko');
    expect(langOf(article('Harbour towns at dawn', 'The boats leave before the sun is up.'))).toBe('en');
  });

  it('stays Chinese with English names in it, and English with a Chinese word in it', () => {
    expect(langOf(article('我们在 Lisbon 和 Porto 度过了一个周末，乘坐 tram 28 游览老城。'))).toBe('zh');
    expect(langOf(article('The word for harbour is 港, and the town was quiet all morning long.'))).toBe('en');
  });

  it('is English for an article without letters, and as asked when asked', () => {
    expect(langOf(article('2026'))).toBe('en');
    expect(/<html lang="fr"/.test(documentToHtml(article('海港'), () => null, 'T', { lang: 'fr' }))).toBe(true);
  });
});

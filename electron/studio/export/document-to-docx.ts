/**
 * The article as a Word document (the `docx` package): the text as `docx-blocks.ts` writes it
 * (headings, marks, links, lists, quotes), and each figure as a centred picture with its alt
 * text, followed by its caption in the Caption style. Pictures Word cannot take (WebP) or that rely on EXIF rotation are converted
 * with sharp, so every program shows them upright.
 */
import { AlignmentType, Document, ImageRun, Packer, Paragraph, TextRun } from 'docx';
import sharp from 'sharp';
import type { ArticleDocument, FigureNode } from '../documents/article-document';
import { DocxBlocks, QUOTE_STYLE } from './docx-blocks';
import type { ExportPicture } from './export-pictures';
import { extensionForMimeType } from '../../../native-models/images/picture-types';

/** The text column of an A4 or Letter page at 96 pixels to the inch, less margins. */
const MAX_WIDTH_PX = 600;
const MAX_HEIGHT_PX = 800;

export async function documentToDocx(document: ArticleDocument, pictures: Map<string, ExportPicture>, title: string): Promise<Buffer> {
  const children: Paragraph[] = [];
  const blocks = new DocxBlocks();
  let figures = 0;
  for (const node of document.content) {
    if (node.type !== 'figure') children.push(...blocks.paragraphs(node));
    else {
      const picture = node.attrs.assetId ? pictures.get(node.attrs.assetId) : undefined;
      if (picture) children.push(...(await figureParagraphs(node, picture, ++figures)));
    }
  }
  const doc = new Document({
    title,
    creator: 'Folio',
    styles: {
      paragraphStyles: [
        {
          id: 'Caption',
          name: 'Caption',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { italics: true, size: 20 },
          paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 240 } },
        },
        QUOTE_STYLE,
      ],
    },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}

async function figureParagraphs(node: FigureNode, picture: ExportPicture, number: number): Promise<Paragraph[]> {
  const image = await wordPicture(picture);
  const scale = Math.min(1, MAX_WIDTH_PX / image.width, MAX_HEIGHT_PX / image.height);
  const run = new ImageRun({
    type: image.type,
    data: image.bytes,
    transformation: { width: Math.round(image.width * scale), height: Math.round(image.height * scale) },
    altText: {
      name: `Figure ${number}`,
      title: node.attrs.slotTitle || node.attrs.caption,
      description: node.attrs.alt || node.attrs.caption,
    },
  });
  const paragraphs = [new Paragraph({ alignment: AlignmentType.CENTER, keepNext: Boolean(node.attrs.caption), children: [run] })];
  if (node.attrs.caption) paragraphs.push(new Paragraph({ style: 'Caption', children: [new TextRun(node.attrs.caption)] }));
  return paragraphs;
}

const WORD_PICTURES = ['png', 'jpg', 'gif'] as const;

async function wordPicture(picture: ExportPicture): Promise<{ bytes: Buffer; type: 'png' | 'jpg' | 'gif'; width: number; height: number }> {
  const meta = await sharp(picture.bytes).metadata();
  const rotated = (meta.orientation ?? 1) > 1;
  // The picture types Word embeds as they are.
  const native = WORD_PICTURES.find((type) => type === extensionForMimeType(picture.mimeType));
  if (native && !rotated) return { bytes: picture.bytes, type: native, width: meta.width, height: meta.height };
  const converted = sharp(picture.bytes).autoOrient();
  const { data, info } = await (meta.hasAlpha ? converted.png() : converted.jpeg({ quality: 92 })).toBuffer({ resolveWithObject: true });
  return { bytes: data, type: meta.hasAlpha ? 'png' : 'jpg', width: info.width, height: info.height };
}

/**
 * Small copies of pictures for strips, grids and previews (a camera photo is megabytes and
 * 12 megapixels; a candidate strip shows it 64 pixels wide), made on first request and kept.
 */
import sharp from 'sharp';
import { DEFAULT_IMAGE_LIMITS } from '../library/image-limits';

const THUMBNAIL_PX = 320;

export interface SmallPicture {
  bytes: Buffer;
  mimeType: string;
}

export class PictureThumbnails<Key> {
  private readonly made = new Map<Key, SmallPicture>();

  constructor(private readonly kept = 400) {}

  /** The small copy of `key`'s picture (read by `source` the first time); null when it cannot be read. */
  async get(key: Key, source: () => Promise<Buffer | string | null>): Promise<SmallPicture | null> {
    const cached = this.made.get(key);
    if (cached) return cached;
    const input = await source();
    if (input === null) return null;
    try {
      // WebP keeps transparency (PNG logos, screenshots), is small, and every Chromium shows it.
      const bytes = await sharp(input, { limitInputPixels: DEFAULT_IMAGE_LIMITS.maxPixels })
        .rotate()
        .resize(THUMBNAIL_PX, THUMBNAIL_PX, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer();
      if (this.made.size >= this.kept) this.made.delete(this.made.keys().next().value as Key);
      const small = { bytes, mimeType: 'image/webp' };
      this.made.set(key, small);
      return small;
    } catch {
      return null;
    }
  }

  clear(): void {
    this.made.clear();
  }
}

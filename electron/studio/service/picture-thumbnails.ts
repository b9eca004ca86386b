/**
 * Small copies of pictures for strips, grids and previews (a camera photo is megabytes and
 * 12 megapixels; a candidate strip shows it 64 pixels wide), made on first request and kept.
 * They pass the one picture gate, so every type Folio reads has one (picture-for-display.ts).
 */
import { picturePreview, type ShownPicture } from '../library/picture-for-display';

const THUMBNAIL_PX = 320;

export type SmallPicture = ShownPicture;

export class PictureThumbnails<Key> {
  private readonly made = new Map<Key, SmallPicture>();

  /** `make`: how a copy is made from the bytes or the file (by default a WebP thumbnail). */
  constructor(
    private readonly kept = 400,
    private readonly make: (source: { bytes: Buffer } | { path: string }) => Promise<SmallPicture> = (source) =>
      picturePreview(source, THUMBNAIL_PX),
  ) {}

  /** The copy of `key`'s picture (read by `source` the first time); null when it cannot be read. */
  async get(key: Key, source: () => Promise<Buffer | string | null>): Promise<SmallPicture | null> {
    const cached = this.made.get(key);
    if (cached) return cached;
    const input = await source();
    if (input === null) return null;
    try {
      const small = await this.make(typeof input === 'string' ? { path: input } : { bytes: input });
      if (this.made.size >= this.kept) this.made.delete(this.made.keys().next().value as Key);
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

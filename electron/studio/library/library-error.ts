/**
 * Why an image could not join the library, or why the library itself could not be used.
 * `message` is for the writer; `detail` (the underlying error) is for developers and logs.
 */
export type LibraryErrorCode =
  // one image: the indexer skips it with this reason and goes on
  | 'image-empty'
  | 'image-too-large'
  | 'not-an-image'
  | 'image-broken'
  | 'image-unreadable'
  // the library as a whole
  | 'folder-missing'
  | 'embedding-model-unusable'
  | 'database-corrupt'
  | 'database-unavailable';

export class LibraryError extends Error {
  override readonly name = 'LibraryError';
  constructor(
    readonly code: LibraryErrorCode,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

/** The codes that mean "this one image is unusable", as opposed to the library failing. */
export type ImageSkipReason = Extract<
  LibraryErrorCode,
  'image-empty' | 'image-too-large' | 'not-an-image' | 'image-broken' | 'image-unreadable'
>;

const SKIP_REASONS: ReadonlySet<string> = new Set<ImageSkipReason>([
  'image-empty',
  'image-too-large',
  'not-an-image',
  'image-broken',
  'image-unreadable',
]);

export function isImageSkip(error: unknown): error is LibraryError & { code: ImageSkipReason } {
  return error instanceof LibraryError && SKIP_REASONS.has(error.code);
}

/** What a skip reason means, in a few words for a summary line. */
export const SKIP_REASON_TEXT: Record<ImageSkipReason, string> = {
  'image-empty': 'empty file',
  'image-too-large': 'too large',
  'not-an-image': 'not a picture',
  'image-broken': 'damaged or incomplete',
  'image-unreadable': 'could not be read',
};

/** The image library: checks pictures, indexes folders, searches captions and file names. */
export { prepareImage, type ImageSource, type PreparedImage, type SourceFormat } from './prepare-image';
export { DEFAULT_IMAGE_LIMITS, type ImageLimits } from './image-limits';
export { LibraryError, SKIP_REASON_TEXT, isImageSkip, type ImageSkipReason, type LibraryErrorCode } from './library-error';
export { ImageLibrary } from './image-library';
export type { LibraryImage } from './library-records';
export { indexFolder, type IndexOptions, type IndexProgress, type IndexSummary } from './index-folder';
export { searchLibrary, type LibraryMatch, type SearchOptions } from './search-library';
export type { ImageDescriber } from './image-describer';
export { modelDescriber, type ModelDescriberOptions } from './model-describer';
export { defaultLibraryPath } from './default-library-path';

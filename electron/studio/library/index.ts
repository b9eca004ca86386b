/** The image library as the CLI and the studio service use it: index folders, embed, describe and search pictures. */
export { prepareImage } from './prepare-image';
export { ImageLibrary } from './image-library';
export { indexFolder, type IndexProgress } from './index-folder';
export { searchLibrary } from './search-library';
export { defaultLibraryPath } from './default-library-path';
export { PictureEmbedder } from './picture-embedder';

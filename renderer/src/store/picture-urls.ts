import { pictureService } from '../services/picture-service';

/**
 * Where the components load pictures from: project assets, their thumbnails and library
 * thumbnails, as the Studio API serves them. Components take these from the store side, never
 * from the picture service (layering: components → store → services).
 */
export const pictureUrls = {
  asset: (assetId: string) => pictureService.assetUrl(assetId),
  assetThumbnail: (assetId: string) => pictureService.assetThumbnailUrl(assetId),
  libraryThumbnail: (libraryImageId: number) => pictureService.libraryThumbnailUrl(libraryImageId),
};

// @wxmp/media: temporary media, article images, news and permanent materials.
export { uploadTemporaryMedia, downloadTemporaryMedia, downloadHdVoice } from './temporary'
export type { TemporaryMediaType, UploadedMedia, VideoMediaUrl, TemporaryMedia } from './temporary'
export { downloadMediaUrl } from './url'
export { uploadArticleImage } from './article-image'
export type { ArticleImage } from './article-image'
export { uploadNews } from './news'
export type { UploadedNews } from './news'
export { addMaterial, getMaterial, deleteMaterial } from './materials'
export type { MaterialType, VideoMaterialOptions, AddedMaterial, NewsMaterial, VideoMaterial, Material } from './materials'
export { addNewsMaterial, updateNewsMaterial } from './material-news'
export { getMaterialCount, listMaterials, iterateMaterials } from './material-list'
export type {
  MaterialListType,
  MaterialCount,
  FileMaterialItem,
  NewsMaterialItem,
  MaterialItemOf,
  MaterialPage,
  ListMaterialsOptions,
  IterateMaterialsOptions,
} from './material-list'
export { MediaSizeError, isMediaSizeError } from './errors'
export type { MediaSource, UploadOptions } from './internal/upload'
export type { DownloadOptions, MediaFile } from './internal/download'
export type { NewsArticle, NewsArticleInfo } from './internal/wire'

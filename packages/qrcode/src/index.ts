export { createTemporaryQrCode, createPermanentQrCode } from './create'
export {
  TEMPORARY_QR_DEFAULT_SECONDS,
  TEMPORARY_QR_MAX_SECONDS,
  TEMPORARY_QR_MAX_SCENE_ID,
  PERMANENT_QR_MAX_SCENE_ID,
  QR_SCENE_STR_MAX,
} from './create'
export type { TemporaryQrCode, PermanentQrCode, QrCode, TemporaryQrCodeOptions } from './create'
export { qrCodeImageUrl, QR_IMAGE_BASE_URL } from './image-url'
export type { QrCodeImageUrlOptions } from './image-url'
export { downloadQrCode, QrCodeNotFoundError, isQrCodeNotFoundError, QR_IMAGE_DEFAULT_MAX_BYTES } from './download'
export type { DownloadQrCodeOptions, QrCodeImage } from './download'
export { qrSceneFromEventKey } from './event-key'

export { sendMassMessage } from './send'
export type { MassAudience, MassSendResult, SendMassOptions } from './send'
export { sendMassMessageChunked } from './chunked'
export { createClientMsgId } from './client-msg-id'
export { MassSendUnconfirmedError, isMassSendUnconfirmedError } from './errors'
export { previewMassMessage } from './preview'
export type { MassPreviewTarget } from './preview'
export { getMassMessageStatus } from './status'
export type { MassMessageStatus } from './status'
export { deleteMassMessage } from './delete'
export type { DeleteMassOptions } from './delete'
export { getMassSpeed, setMassSpeed } from './speed'
export { uploadMassVideo } from './upload-video'
export type { MassVideo, MassVideoResult } from './upload-video'
export type { MassSpeed, MassSpeedInfo } from './speed'
// The message types, shared with @wxmp/custom, live in @wxmp/core; re-exported for convenience.
export type {
  MassMessage,
  TextMessage,
  ImageMessage,
  VoiceMessage,
  ImagesMessage,
  MpNewsMessage,
  MpVideoMessage,
  CardMessage,
} from '@wxmp/core'

export { createMessageServer } from './server'
export type { MessageServer, MessageServerOptions, HandleResult, WaitUntilContext, RejectedPush } from './server'
export { toPush, dedupKeyOf } from './messages'
export type {
  Push,
  PushBase,
  PushMessage,
  PushEvent,
  MessageBase,
  TextMessage,
  ImageMessage,
  VoiceMessage,
  VideoMessage,
  LocationMessage,
  LinkMessage,
  SubscribeEvent,
  UnsubscribeEvent,
  ScanEvent,
  LocationEvent,
  ClickEvent,
  ViewEvent,
  ScanCodeEvent,
  PicEvent,
  LocationSelectEvent,
  ViewMiniProgramEvent,
  TemplateSendJobFinishEvent,
  MassSendJobFinishEvent,
  KfSessionEvent,
  KfSwitchSessionEvent,
  UnknownPush,
} from './messages'
export { assertReply } from './replies'
export type { Reply, TextReply, ImageReply, VoiceReply, VideoReply, MusicReply, NewsReply, NewsReplyArticle, TransferCustomerServiceReply } from './replies'
export { createMemoryDedupStore } from './dedup'
export type { DedupStore, MemoryDedupStoreOptions } from './dedup'
export { isJobFinishOf, qrSceneOf, isQrScan } from './helpers'
export { computeSignature, encryptMessage, decryptMessage } from './crypto'
export type { PushCryptoOptions } from './crypto'
export type { CryptoProvider, BlockCipher } from './internal/crypto'

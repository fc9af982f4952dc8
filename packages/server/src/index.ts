export { createMessageServer } from './server'
export type { MessageServer, MessageServerOptions, HandleResult, WaitUntilContext, RejectedPush } from './server'
export { toPush } from './messages'
export { dedupKeyOf } from './dedup-key'
export type {
  Push,
  PushBase,
  MessagePush,
  EventPush,
  MessagePushBase,
  TextPush,
  ImagePush,
  VoicePush,
  VideoPush,
  LocationPush,
  LinkPush,
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
  PublishJobFinishEvent,
  SubscribeMsgPopupEvent,
  SubscribeMsgPopupItem,
  SubscribeMsgChangeEvent,
  SubscribeMsgChangeItem,
  SubscribeMsgSentEvent,
  SubscribeMsgSentItem,
  KfSessionEvent,
  KfSwitchSessionEvent,
  UnknownPush,
} from './push-types'
export { assertReply } from './replies'
export type {
  Reply,
  TextReply,
  ImageReply,
  VoiceReply,
  VideoReply,
  MusicReply,
  NewsReply,
  NewsReplyArticle,
  TransferCustomerServiceReply,
} from './replies'
export { createMemoryDedupStore } from './dedup'
export type { DedupStore, MemoryDedupStoreOptions } from './dedup'
export { isJobFinishOf, isPublishJobFinishOf, qrSceneOf, isQrScan } from './helpers'
export { computeSignature, encryptMessage, decryptMessage } from './crypto'
export type { PushCryptoOptions } from './crypto'
export type { CryptoProvider, BlockCipher } from './internal/crypto'

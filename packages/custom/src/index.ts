export { sendCustomMessage } from './send'
export type { SendCustomOptions } from './send'
export { sendText } from './send-text'
export { sendImage, sendVoice, sendVideo, sendMusic } from './send-media'
export { sendNews, sendMpNews, sendMpNewsArticle } from './send-articles'
export { sendMenu } from './send-menu'
export type { MenuContent } from './send-menu'
export { sendCard, sendMiniProgramPage } from './send-cards'
export { setTyping } from './typing'
export {
  listKfAccounts,
  listOnlineKfAccounts,
  addKfAccount,
  updateKfAccount,
  deleteKfAccount,
  uploadKfAvatar,
  inviteKfWorker,
} from './kf-accounts'
export type { KfAccount, KfInvite, OnlineKfAccount, UploadKfAvatarOptions } from './kf-accounts'
// The message types, shared with @wxmp/mass, live in @wxmp/core; re-exported for convenience.
export type {
  CustomMessage,
  TextMessage,
  ImageMessage,
  VoiceMessage,
  VideoMessage,
  MusicMessage,
  NewsArticle,
  NewsMessage,
  MpNewsMessage,
  MpNewsArticleMessage,
  MenuItem,
  MenuMessage,
  CardMessage,
  MiniProgramPageMessage,
} from '@wxmp/core'
export { createKfSession, closeKfSession, getKfSession, listKfSessions, listKfWaitCases } from './kf-sessions'
export type { KfSession, KfSessionOfAccount, KfWaitCase } from './kf-sessions'
export { listMsgRecords, iterateMsgRecords, MSG_RECORDS_PAGE_MAX, MSG_RECORDS_SPAN_MAX_SECONDS } from './msg-records'
export type { MsgRecord, MsgRecordRange, MsgRecordPage, ListMsgRecordsOptions } from './msg-records'

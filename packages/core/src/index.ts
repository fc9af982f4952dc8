export { createClient, DEFAULT_BASE_URL } from './client'
export type { WeChatClient } from './client'
export type { ClientOptions, CallOptions, RequestOptions, RetryOptions, TokenMode, AccessTokenResult, QueryValue } from './options'
export { createMemoryTokenStore } from './token-store'
export type { TokenStore, StoredToken } from './token-store'
export { CredentialCache, CredentialRejectedError, credentialCacheOf } from './credential-cache'
export type { CredentialCacheOptions, FetchedCredential } from './credential-cache'
export { WeChatError, WeChatApiError, WeChatTransportError, isWeChatError, isWeChatApiError, isWeChatTransportError } from './errors'
export type { RequestSummary, TransportErrorKind } from './errors'
export type { Hooks, RequestEvent, ResponseEvent, ErrorEvent } from './hooks'
export { redactUrl, redactText, REDACTED } from './redact'
export { parseJsonLossless } from './json'
export { concatBytes } from './bytes'
export { judgeBinary } from './binary'
export type { BinaryAnswer } from './binary'
export { toIdString } from './ids'
export { iterateCursor } from './paginate'
export type { CursorPage } from './paginate'
export {
  assertString,
  assertText,
  assertInteger,
  assertPositiveNumber,
  assertBoolean,
  assertFunction,
  assertOneOf,
  assertArray,
  assertObject,
  assertOptions,
  checkOptions,
  integerIn,
  oneOf,
  assertHttpUrl,
  assertOpenId,
  assertOpenIds,
  toIdOrThrow,
  didYouMean,
  describe as describeValue,
  utf8ByteLength,
  charLength,
  chunk,
} from './validate'
export type { StringRule, OptionCheck, OptionsTable } from './validate'
export { toWireMessage, assertMessage } from './messages'
export { toKeywordValues, formatChinaTime } from './keyword-values'
export type { KeywordRules } from './keyword-values'
export type {
  Message,
  MessageType,
  CustomMessage,
  MassMessage,
  WireMessage,
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
  ImagesMessage,
  MpVideoMessage,
} from './messages'

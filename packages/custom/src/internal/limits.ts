// Customer-service limits, checked before a request goes out.
import type { CustomMessage } from '@wxmp/core'

/** Every kind `/cgi-bin/message/custom/send` accepts. */
export const CUSTOM_MESSAGE_TYPES: readonly CustomMessage['type'][] = [
  'text',
  'image',
  'voice',
  'video',
  'music',
  'news',
  'mpnews',
  'mpnewsarticle',
  'msgmenu',
  'wxcard',
  'miniprogrampage',
]

/** Text content: WeChat answers 45002 "content size out of limit" beyond 2048 bytes of UTF-8. */
export const TEXT_MAX_BYTES = 2048

/** kf nickname: at most 16 characters. */
export const KF_NICKNAME_MAX = 16

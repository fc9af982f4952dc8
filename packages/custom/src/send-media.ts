// Sends of media by id: image, voice, video and music (each a file you uploaded to WeChat).
import type { MusicMessage, VideoMessage, WeChatClient } from '@wxmp/core'
import { sendAs, type SendCustomOptions } from './send'
import { object } from './internal/object-arg'

/**
 * Sends an image by `media_id` (temporary media or a permanent material).
 *
 * @example
 * ```ts
 * await sendImage(wx, openid, mediaId)
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
 */
export function sendImage(client: WeChatClient, openid: string, mediaId: string, options?: SendCustomOptions): Promise<void> {
  return sendAs('sendImage', client, openid, { type: 'image', mediaId }, options, ['message.', ''])
}

/**
 * Sends a voice message by `media_id`.
 *
 * @example
 * ```ts
 * await sendVoice(wx, openid, mediaId)
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
 */
export function sendVoice(client: WeChatClient, openid: string, mediaId: string, options?: SendCustomOptions): Promise<void> {
  return sendAs('sendVoice', client, openid, { type: 'voice', mediaId }, options, ['message.', ''])
}

/**
 * Sends a video with its thumbnail.
 *
 * @example
 * ```ts
 * await sendVideo(wx, openid, { mediaId, thumbMediaId, title: 'Unboxing' })
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
 */
export function sendVideo(
  client: WeChatClient,
  openid: string,
  video: Omit<VideoMessage, 'type'>,
  options?: SendCustomOptions,
): Promise<void> {
  return object('video', video, async () => sendAs('sendVideo', client, openid, { ...video, type: 'video' }, options, ['message', 'video']))
}

/**
 * Sends a music card.
 *
 * @example
 * ```ts
 * await sendMusic(wx, openid, { musicUrl, hqMusicUrl, thumbMediaId, title: 'Theme' })
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
 */
export function sendMusic(
  client: WeChatClient,
  openid: string,
  music: Omit<MusicMessage, 'type'>,
  options?: SendCustomOptions,
): Promise<void> {
  return object('music', music, async () => sendAs('sendMusic', client, openid, { ...music, type: 'music' }, options, ['message', 'music']))
}

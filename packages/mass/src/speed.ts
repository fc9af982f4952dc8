// POST /cgi-bin/message/mass/speed/get and /speed/set: how fast mass jobs go out.
import { assertInteger, assertOptions, type CallOptions, type WeChatClient } from '@wxmp/core'

/** WeChat's speed levels: 0 = 800k/min, 1 = 600k, 2 = 450k, 3 = 300k, 4 = 100k followers a minute. */
export type MassSpeed = 0 | 1 | 2 | 3 | 4

/** The send speed of mass jobs. */
export interface MassSpeedInfo {
  readonly speed: MassSpeed
  /** WeChat's `realspeed`: followers per minute, in units of 10,000 (万/分钟). */
  readonly realSpeed: number
}

/**
 * Reads the mass-send speed level.
 *
 * @example
 * ```ts
 * const { speed, realSpeed } = await getMassSpeed(wx)
 * console.log(`level ${speed}: ${realSpeed * 10_000} followers a minute`)
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Batch_Sends_and_Originality_Checks.html
 */
export async function getMassSpeed(client: WeChatClient, options: CallOptions = {}): Promise<MassSpeedInfo> {
  assertOptions('getMassSpeed options', options, ['signal'])
  const answer = await client.request<{ speed: number; realspeed: number }>('/cgi-bin/message/mass/speed/get', {
    method: 'POST',
    idempotent: true,
    signal: options.signal,
  })
  return { speed: answer.speed as MassSpeed, realSpeed: Number(answer.realspeed) }
}

/**
 * Sets the mass-send speed level (0 fastest, 4 slowest).
 *
 * @example
 * ```ts
 * await setMassSpeed(wx, 4) // 100,000 followers a minute: gentler on your servers when they click through
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Batch_Sends_and_Originality_Checks.html
 */
export async function setMassSpeed(client: WeChatClient, speed: MassSpeed, options: CallOptions = {}): Promise<void> {
  assertOptions('setMassSpeed options', options, ['signal'])
  assertInteger('speed', speed, { min: 0, max: 4 })
  // Setting the same level twice is harmless: safe to retry.
  await client.request('/cgi-bin/message/mass/speed/set', { json: { speed }, idempotent: true, signal: options.signal })
}

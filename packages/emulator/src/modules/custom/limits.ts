// Customer-service rules the emulator enforces, from WeChat's documentation.

/** The reply window: 48 hours after the user's last interaction. */
export const WINDOW_MS = 48 * 3600 * 1000

/**
 * Messages allowed per user message (48 h); 45047 beyond it. A menu click, a follow or a scan
 * allows 3 within 1 minute (客服消息下发规则):
 * https://developers.weixin.qq.com/doc/service/api/customer/message/api_sendcustommessage.html
 */
export const SENDS_PER_INTERACTION = 5
export const SENDS_PER_EVENT = 3
export const EVENT_WINDOW_MS = 60_000

/** The window and allowance an interaction of `scene` opens (undefined: a follower's message). */
export function allowance(scene: string | undefined): { windowMs: number; sends: number } {
  return scene === undefined ? { windowMs: WINDOW_MS, sends: SENDS_PER_INTERACTION } : { windowMs: EVENT_WINDOW_MS, sends: SENDS_PER_EVENT }
}

/** Text content limit (45002 beyond it). */
export const TEXT_MAX_BYTES = 2048

export const KF_MAX = 100

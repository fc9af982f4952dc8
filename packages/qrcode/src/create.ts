// Creating QR tickets: temporary (expiring) and permanent codes with a numeric or string scene.
import { assertInteger, assertOptions, assertString, describeValue, type CallOptions, type WeChatClient } from '@wxmp/core'
import { createRequest, type WireCreateResponse } from './internal/wire'

/** Default life of a temporary code when `expireSeconds` is omitted: WeChat's own default. */
export const TEMPORARY_QR_DEFAULT_SECONDS = 60
/** Longest life of a temporary code: 30 days. */
export const TEMPORARY_QR_MAX_SECONDS = 2_592_000
/** Largest numeric scene of a temporary code (a non-zero unsigned 32-bit integer). */
export const TEMPORARY_QR_MAX_SCENE_ID = 4_294_967_295
/** Largest numeric scene of a permanent code; an account has at most this many permanent codes. */
export const PERMANENT_QR_MAX_SCENE_ID = 100_000
/** Longest string scene, in characters. */
export const QR_SCENE_STR_MAX = 64

/** A temporary QR code: what to show, and how long it lives. */
export interface TemporaryQrCode<S extends number | string = number | string> {
  readonly kind: 'temporary'
  /** Exchange it for the image: {@link qrCodeImageUrl} or {@link downloadQrCode}. */
  readonly ticket: string
  /** What the QR image encodes: draw your own image from it if you like. */
  readonly url: string
  /** Life in seconds, as WeChat granted it. */
  readonly expireSeconds: number
  /** The scene a scan will report. */
  readonly scene: S
}

/** A permanent QR code. */
export interface PermanentQrCode<S extends number | string = number | string> {
  readonly kind: 'permanent'
  readonly ticket: string
  readonly url: string
  readonly scene: S
}

export type QrCode = TemporaryQrCode | PermanentQrCode

export interface TemporaryQrCodeOptions extends CallOptions {
  /**
   * Life of the code in seconds, 1 to 2,592,000 (30 days).
   * @default 60 (WeChat's default: set it for anything printed or posted)
   */
  readonly expireSeconds?: number
}

function checkScene(scene: unknown, maxId: number): asserts scene is number | string {
  if (typeof scene === 'number') assertInteger('scene', scene, { min: 1, max: maxId })
  // The scene comes back inside the event's XML EventKey: no control characters or line breaks.
  else if (typeof scene === 'string') assertString('scene', scene, { max: QR_SCENE_STR_MAX, controls: 'none' })
  else throw new TypeError(`scene must be a number or a string, got ${describeValue(scene)}`)
}

/**
 * Creates a temporary QR code. A numeric scene (1 to 4,294,967,295) makes a `QR_SCENE` code, a
 * string (1–64 characters) a `QR_STR_SCENE` one. Scene and life are checked before any request.
 *
 * @example
 * ```ts
 * const qr = await createTemporaryQrCode(wx, 'campaign-42', { expireSeconds: 7 * 86_400 })
 * console.log(qr.ticket, qr.expireSeconds, qrCodeImageUrl(qr.ticket))
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Account_Management/Generating_a_Parametric_QR_Code.html
 */
export function createTemporaryQrCode(
  client: WeChatClient,
  scene: number,
  options?: TemporaryQrCodeOptions,
): Promise<TemporaryQrCode<number>>
export function createTemporaryQrCode(
  client: WeChatClient,
  scene: string,
  options?: TemporaryQrCodeOptions,
): Promise<TemporaryQrCode<string>>
export function createTemporaryQrCode(
  client: WeChatClient,
  scene: number | string,
  options?: TemporaryQrCodeOptions,
): Promise<TemporaryQrCode>
export async function createTemporaryQrCode(
  client: WeChatClient,
  scene: number | string,
  options: TemporaryQrCodeOptions = {},
): Promise<TemporaryQrCode> {
  checkScene(scene, TEMPORARY_QR_MAX_SCENE_ID)
  assertOptions('createTemporaryQrCode options', options, ['expireSeconds', 'signal'])
  if (options.expireSeconds !== undefined) assertInteger('expireSeconds', options.expireSeconds, { min: 1, max: TEMPORARY_QR_MAX_SECONDS })
  const answer = await client.request<WireCreateResponse>('/cgi-bin/qrcode/create', {
    json: createRequest(false, scene, options.expireSeconds),
    // A repeat makes a second ticket for the same scene, which nobody ever sees: safe to retry.
    idempotent: true,
    signal: options.signal,
  })
  return {
    kind: 'temporary',
    ticket: answer.ticket,
    url: answer.url,
    expireSeconds: Number(answer.expire_seconds ?? options.expireSeconds ?? TEMPORARY_QR_DEFAULT_SECONDS),
    scene,
  }
}

/**
 * Creates (or finds) the permanent QR code of a scene: a number 1–100,000 (`QR_LIMIT_SCENE`) or a
 * string of 1–64 characters (`QR_LIMIT_STR_SCENE`). An account has at most 100,000 permanent codes;
 * asking again for the same scene returns the same ticket.
 *
 * @example
 * ```ts
 * const qr = await createPermanentQrCode(wx, 'store-entrance')
 * await writeFile('entrance.jpg', await (await downloadQrCode(qr.ticket)).bytes())
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Account_Management/Generating_a_Parametric_QR_Code.html
 */
export function createPermanentQrCode(client: WeChatClient, scene: number, options?: CallOptions): Promise<PermanentQrCode<number>>
export function createPermanentQrCode(client: WeChatClient, scene: string, options?: CallOptions): Promise<PermanentQrCode<string>>
export function createPermanentQrCode(client: WeChatClient, scene: number | string, options?: CallOptions): Promise<PermanentQrCode>
export async function createPermanentQrCode(
  client: WeChatClient,
  scene: number | string,
  options: CallOptions = {},
): Promise<PermanentQrCode> {
  checkScene(scene, PERMANENT_QR_MAX_SCENE_ID)
  assertOptions('createPermanentQrCode options', options, ['signal'])
  const answer = await client.request<WireCreateResponse>('/cgi-bin/qrcode/create', {
    json: createRequest(true, scene),
    // One scene has one permanent ticket: a repeat returns it again and uses no more of the quota.
    idempotent: true,
    signal: options.signal,
  })
  return { kind: 'permanent', ticket: answer.ticket, url: answer.url, scene }
}

// The object a page passes to wx.config, made on the server: everything but the ticket.
// https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html (步骤三：通过config接口注入权限验证配置)
import { assertArray, assertOptions, assertString, type CallOptions, type WeChatClient } from '@wxmp/core'
import { pageUrl, signJsApiConfig } from './sign'
import { getJsApiTicket } from './ticket'

export interface CreateJsApiConfigOptions extends CallOptions {
  /** The page's full absolute http(s) URL (`location.href`); its `#fragment` is dropped before signing. */
  readonly url: string
  /** JS APIs the page will call (`updateAppMessageShareData`, `chooseImage`, ...): at least one. */
  readonly jsApiList: readonly string[]
  /** Open tags the page uses (`wx-open-launch-weapp`, `wx-open-launch-app`, `wx-open-subscribe`, `wx-open-audio`). */
  readonly openTagList?: readonly string[]
  /** wx.config's debug mode (alerts every result in WeChat). @default false */
  readonly debug?: boolean
}

/** What to pass to `wx.config` as it is. Holds no secret. */
export interface JsApiConfig {
  readonly debug: boolean
  readonly appId: string
  /** Unix seconds. */
  readonly timestamp: number
  readonly nonceStr: string
  readonly signature: string
  readonly jsApiList: readonly string[]
  readonly openTagList: readonly string[]
}

const API_NAME = /^[A-Za-z][\w-]{0,63}$/

/**
 * The `wx.config` object for the page at `url`: the app's jsapi_ticket (cached, shared like the
 * token: see `getJsApiTicket`) signs `url` without its fragment, a fresh nonceStr and the current
 * Unix time. The ticket itself never leaves the server.
 *
 * Throws before any request: TypeError for a `url` that is not absolute http(s), RangeError for an
 * empty `jsApiList` or a name that is not an API name; WeChatApiError when getticket fails.
 *
 * @example
 * ```ts
 * // server: the page posts location.href
 * app.post('/jssdk-config', async (c) => c.json(await createJsApiConfig(wx, { url: (await c.req.json()).url, jsApiList: ['updateAppMessageShareData'] })))
 * // page
 * wx.config(await (await fetch('/jssdk-config', { method: 'POST', body: JSON.stringify({ url: location.href }) })).json())
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html
 */
export async function createJsApiConfig(client: WeChatClient, options: CreateJsApiConfigOptions): Promise<JsApiConfig> {
  if (typeof options !== 'object' || options === null)
    throw new TypeError('createJsApiConfig: options must be an object with url and jsApiList')
  assertOptions('createJsApiConfig options', options, ['url', 'jsApiList', 'openTagList', 'debug', 'signal'])
  pageUrl(options.url)
  const jsApiList = names('jsApiList', options.jsApiList, 1)
  const openTagList = options.openTagList === undefined ? [] : names('openTagList', options.openTagList, 0)
  if (options.debug !== undefined && typeof options.debug !== 'boolean')
    throw new TypeError(`debug must be a boolean, got ${typeof options.debug}`)

  const jsapiTicket = await getJsApiTicket(client, { signal: options.signal })
  const nonceStr = randomNonce()
  const timestamp = Math.floor(Date.now() / 1000)
  const signature = await signJsApiConfig({ jsapiTicket, nonceStr, timestamp, url: options.url })
  return { debug: options.debug ?? false, appId: client.appId, timestamp, nonceStr, signature, jsApiList, openTagList }
}

function names(name: string, list: unknown, min: number): string[] {
  assertArray(name, list, { min, max: 200 })
  list.forEach((item, i) => assertString(`${name}[${i}]`, item, { pattern: API_NAME, patternText: 'an API or tag name' }))
  return [...(list as string[])]
}

/** 16 characters of [A-Za-z0-9], like WeChat's example nonceStr. */
function randomNonce(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
  let out = ''
  for (const byte of crypto.getRandomValues(new Uint8Array(16))) out += alphabet[byte % 62]
  return out
}

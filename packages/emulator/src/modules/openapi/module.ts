// Emulator module: the openApi management endpoints WeChat documents for running an account.
//   POST /cgi-bin/clear_quota {"appid"}                       resets the day's call counts (10 a month: 48006)
//   POST /cgi-bin/clear_quota/v2?appid=&appsecret=            the same by AppSecret, no token
//   POST /cgi-bin/openapi/rid/get {"rid"}                     {"request":{invoke_time, cost_in_ms, request_url, ...}}
//   POST /cgi-bin/callback/check {"action","check_operator"}  {"dns":[...],"ping":[...]} for the push URL
// (openapi/quota/get, getcallbackip and get_api_domain_ip are the platform module's.)
// https://developers.weixin.qq.com/doc/service/api/apimanage/api_clearquota.html
// https://developers.weixin.qq.com/doc/service/api/apimanage/api_clearquotabyappsecret.html
// https://developers.weixin.qq.com/doc/service/api/apimanage/api_getridinfo.html
// https://developers.weixin.qq.com/doc/service/api/base/api_callbackcheck.html
import type { Context } from 'hono'
import { defineModule, type AppState, type EmuEnv, type EmulatorContext } from '../../context'
import { readJson, wxError, wxJson, wxOk } from '../../wechat'
import { recordRids, ridsOf, RID_TTL_MS } from './rids'

/** Resets a month (the doc: 10, shared by clear_quota and its v2). */
export const CLEAR_QUOTA_MONTHLY = 10

const ERRMSG: Record<number, string> = {
  48006: 'forbid to clear quota because of reaching the limit',
  76001: 'rid not found',
  76002: 'rid is error',
  76003: 'could not query this rid,no permission',
  40201: 'invalid url',
  40202: 'invalid action',
  40203: 'invalid check_operator',
}
const fail = (c: Context<EmuEnv>, errcode: number) => wxError(c, errcode, ERRMSG[errcode])

/** The month an emulator time falls in, Beijing time (WeChat's quotas follow China's calendar). */
const monthOf = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 7)

function clear(c: Context<EmuEnv>, emu: EmulatorContext, app: AppState): Response {
  const month = monthOf(emu.clock.now())
  const resets = app.ext('openapi:resets', () => new Map<string, number>())
  const used = resets.get(month) ?? 0
  if (used >= CLEAR_QUOTA_MONTHLY) return fail(c, 48006)
  resets.set(month, used + 1)
  // The day's counts start again: every path's count (what openapi/quota/get reads) goes to 0.
  for (const key of [...app.counters.keys()]) if (key.startsWith('path:')) app.counters.delete(key)
  return wxOk(c)
}

async function ping(url: string): Promise<boolean> {
  try {
    await fetch(url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(1_000) })
    return true
  } catch {
    return false
  }
}

export const openapiModule = defineModule({
  name: 'openapi',
  routes(app, emu) {
    // Registered before every other module so it wraps their routes (see modules/index.ts).
    app.use('*', recordRids(emu))

    app.post('/cgi-bin/clear_quota', async (c) => {
      const body = await readJson(c)
      if (body instanceof Response) return body
      const target = c.get('app')
      if (body.appid === undefined || body.appid === '') return wxError(c, 41002)
      if (body.appid !== target.appId) return wxError(c, 40013)
      return clear(c, emu, target)
    })

    // The secret rides in the query as the doc's example shows; a JSON body (the parameter table's
    // "Request Payload") is read too, since the pages disagree.
    app.post('/cgi-bin/clear_quota/v2', async (c) => {
      const text = await c.req.text()
      let body: Record<string, unknown> = {}
      try {
        body = text.trim() === '' ? {} : (JSON.parse(text) as Record<string, unknown>)
      } catch {
        return wxError(c, 47001)
      }
      const appid = c.req.query('appid') ?? body.appid
      const secret = c.req.query('appsecret') ?? body.appsecret
      if (typeof appid !== 'string' || appid === '') return wxError(c, 41002)
      if (typeof secret !== 'string' || secret === '') return wxError(c, 41004)
      const target = emu.apps.get(appid)
      if (!target) return wxError(c, 40013)
      if (secret !== target.appSecret) return wxError(c, 40125)
      return clear(c, emu, target)
    })

    app.post('/cgi-bin/openapi/rid/get', async (c) => {
      const body = await readJson(c)
      if (body instanceof Response) return body
      if (typeof body.rid !== 'string' || !/^[0-9a-f]+(-[0-9a-f]+)+$/i.test(body.rid)) return fail(c, 76002)
      const found = ridsOf(emu).get(body.rid)
      if (!found || emu.clock.now() - found.invokeTime * 1000 > RID_TTL_MS) return fail(c, 76001)
      if (found.appId !== c.get('app').appId) return fail(c, 76003)
      const { invokeTime, costInMs, requestUrl, requestBody, responseBody, clientIp } = found
      return wxOk(c, {
        request: {
          invoke_time: invokeTime,
          cost_in_ms: costInMs,
          request_url: requestUrl,
          request_body: requestBody,
          response_body: responseBody,
          client_ip: clientIp,
        },
      })
    })

    app.post('/cgi-bin/callback/check', async (c) => {
      const body = await readJson(c)
      if (body instanceof Response) return body
      const { action, check_operator: operator } = body
      if (action !== 'all' && action !== 'dns' && action !== 'ping') return fail(c, 40202)
      if (operator !== 'DEFAULT' && operator !== 'CHINANET' && operator !== 'UNICOM' && operator !== 'CAP') return fail(c, 40203)
      const target = c.get('app').pushTarget
      if (!target) return fail(c, 40201)
      const host = new URL(target.url).hostname
      const ip = /^[\d.]+$/.test(host) ? host : '127.0.0.1'
      const from = operator === 'DEFAULT' ? 'CAP' : operator
      const reached = action === 'dns' ? true : await ping(target.url)
      return wxJson(c, {
        ...(action === 'ping' ? {} : { dns: [{ ip, real_operator: 'CAP' }] }),
        ...(action === 'dns'
          ? {}
          : { ping: [{ ip, from_operator: from, package_loss: reached ? '0%' : '100%', time: reached ? '0.100ms' : '' }] }),
      })
    })
  },
})

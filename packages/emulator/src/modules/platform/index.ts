// Emulator module: small platform endpoints that need only the access token. `get_api_domain_ip`
// is the cheapest authenticated read WeChat has, which makes it the probe of choice for token tests.
import { defineModule } from '../../context'
import { readJson, wxError, wxJson, wxOk } from '../../wechat'

export const platformModule = defineModule({
  name: 'platform',
  routes(hono) {
    hono.get('/cgi-bin/get_api_domain_ip', (c) => wxJson(c, { ip_list: ['101.226.103.0/25', '101.226.62.0/26', '121.51.130.64/27'] }))
    hono.get('/cgi-bin/getcallbackip', (c) => wxJson(c, { ip_list: ['127.0.0.1'] }))
    hono.post('/cgi-bin/openapi/quota/get', async (c) => {
      const body = await readJson<{ cgi_path?: unknown }>(c)
      if (body instanceof Response) return body
      if (typeof body.cgi_path !== 'string' || !body.cgi_path.startsWith('/')) return wxError(c, 40097)
      const used = c.get('appState').counters.get(`path:${body.cgi_path}`) ?? 0
      return wxOk(c, { quota: { daily_limit: 10_000_000, used, remain: 10_000_000 - used } })
    })
  },
})

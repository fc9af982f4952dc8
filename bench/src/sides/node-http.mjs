// A second baseline: the same requests by hand on node:http with a keep-alive agent (what
// co-wechat-api's urllib and wechat-api build on), no fetch at all. One stable token, reused.
import http from 'node:http'

export const name = 'node:http'
export const label = 'hand-written node:http'

/** @param {{ url: string, appId: string, appSecret: string, mode: 'send' | 'read' }} env */
export async function create({ url, appId, appSecret, mode }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 })
  const request = (path, body) =>
    new Promise((resolve, reject) => {
      const req = http.request(`${url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        agent,
        headers: body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      })
      req.on('error', reject)
      req.on('response', (res) => {
        const chunks = []
        res.on('data', (c) => chunks.push(c))
        res.on('error', reject)
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')))
          } catch (error) {
            reject(error)
          }
        })
      })
      req.end(body)
    })
  let token
  const getToken = () =>
    (token ??= request('/cgi-bin/stable_token', JSON.stringify({ grant_type: 'client_credential', appid: appId, secret: appSecret })).then(
      (data) => {
        if (!data.access_token) throw new Error(`token: ${data.errcode} ${data.errmsg}`)
        return data.access_token
      },
    ))
  const check = (data) => {
    if (data.errcode) throw new Error(`${data.errcode} ${data.errmsg}`)
    return data
  }
  const send = async (openid) => {
    const t = encodeURIComponent(await getToken())
    check(
      await request(
        `/cgi-bin/message/custom/send?access_token=${t}`,
        JSON.stringify({ touser: openid, msgtype: 'text', text: { content: 'hello' } }),
      ),
    )
  }
  const read = async () => check(await request(`/cgi-bin/getcallbackip?access_token=${encodeURIComponent(await getToken())}`))
  return { call: mode === 'send' ? send : read, how: mode === 'send' ? 'http.request POST' : 'http.request GET' }
}

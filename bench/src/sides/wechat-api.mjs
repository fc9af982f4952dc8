// wechat-api 1.x (callbacks, urllib). Pointed at the emulator by overwriting `endpoint`
// (`setEndpoint(domain)` forces https://, so it cannot reach a plain-HTTP emulator).
import API from 'wechat-api'

export const name = 'wechat-api'
export const label = 'wechat-api'

const promised = (fn) => new Promise((resolve, reject) => fn((err, data) => (err ? reject(err) : resolve(data))))

/** @param {{ url: string, appId: string, appSecret: string, mode: 'send' | 'read' }} env */
export async function create({ url, appId, appSecret, mode }) {
  const api = new API(appId, appSecret)
  api.endpoint = url
  return {
    call: mode === 'send' ? (openid) => promised((cb) => api.sendText(openid, 'hello', cb)) : () => promised((cb) => api.getIp(cb)),
    how: mode === 'send' ? 'api.sendText' : 'api.getIp',
  }
}

// co-wechat-api 3.x (async/await). Pointed at the emulator by overwriting the instance's `prefix`
// (it builds every /cgi-bin/ URL from it); classic /cgi-bin/token, token kept on the instance.
import API from 'co-wechat-api'

export const name = 'co-wechat-api'
export const label = 'co-wechat-api'

/** @param {{ url: string, appId: string, appSecret: string, mode: 'send' | 'read' }} env */
export async function create({ url, appId, appSecret, mode }) {
  const api = new API(appId, appSecret)
  api.prefix = `${url}/cgi-bin/`
  return {
    call: mode === 'send' ? (openid) => api.sendText(openid, 'hello') : () => api.getIp(),
    how: mode === 'send' ? 'api.sendText' : 'api.getIp',
  }
}

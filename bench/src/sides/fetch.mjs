// The baseline: what a careful user writes by hand with fetch. One stable token, fetched on the
// first call and reused (concurrent first callers share the one fetch); no retries, no validation.
export const name = 'fetch'
export const label = 'hand-written fetch'

/** @param {{ url: string, appId: string, appSecret: string, mode: 'send' | 'read' }} env */
export async function create({ url, appId, appSecret, mode }) {
  let token
  const getToken = () =>
    (token ??= fetch(`${url}/cgi-bin/stable_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credential', appid: appId, secret: appSecret }),
    })
      .then((res) => res.json())
      .then((data) => {
        if (!data.access_token) throw new Error(`token: ${data.errcode} ${data.errmsg}`)
        return data.access_token
      }))
  const check = (data) => {
    if (data.errcode) throw new Error(`${data.errcode} ${data.errmsg}`)
    return data
  }
  const send = async (openid, content) => {
    const res = await fetch(`${url}/cgi-bin/message/custom/send?access_token=${encodeURIComponent(await getToken())}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ touser: openid, msgtype: 'text', text: { content } }),
    })
    check(await res.json())
  }
  const read = async () => {
    const res = await fetch(`${url}/cgi-bin/getcallbackip?access_token=${encodeURIComponent(await getToken())}`)
    check(await res.json())
  }
  return { call: mode === 'send' ? (openid) => send(openid, 'hello') : () => read(), how: mode === 'send' ? 'fetch POST' : 'fetch GET' }
}

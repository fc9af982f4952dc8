// node-easywechat 3.x (axios). 3.x wraps no business APIs: a user calls `client.postJson(path)`.
// Pointed at the emulator through the documented `http` option (axios config: `baseURL`). Its
// default token cache is a file cache; each client gets a fresh temporary directory so "cold" is cold.
//
// As installed today it does not load: it requires node-socialite/dist/Core/ProviderInterface,
// which node-socialite 1.5.x dropped. We first try the package as is; when that exact module is
// missing we serve a stub for it (see stubs/) and say so in `patched`, so the figures still come.
import Module, { createRequire } from 'node:module'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const name = 'node-easywechat'
export const label = 'node-easywechat'

const MISSING = 'node-socialite/dist/Core/ProviderInterface'
const require = createRequire(import.meta.url)

function load() {
  try {
    return { easywechat: require('node-easywechat'), patched: undefined }
  } catch (error) {
    if (error?.code !== 'MODULE_NOT_FOUND' || !String(error.message).includes(MISSING)) throw error
    const stub = fileURLToPath(new URL('./stubs/provider-interface.cjs', import.meta.url))
    const resolve = Module._resolveFilename
    Module._resolveFilename = function (request, ...rest) {
      return request === MISSING ? stub : resolve.call(this, request, ...rest)
    }
    for (const key of Object.keys(require.cache)) if (key.includes('node-easywechat')) delete require.cache[key]
    return { easywechat: require('node-easywechat'), patched: `stub for ${MISSING} (missing in node-socialite 1.5.x)` }
  }
}

const { easywechat, patched } = load()
export { patched }

/** @param {{ url: string, appId: string, appSecret: string, mode: 'send' | 'read' }} env */
export async function create({ url, appId, appSecret, mode }) {
  const app = new easywechat.OfficialAccount({
    app_id: appId,
    secret: appSecret,
    token: '',
    aes_key: '',
    http: { baseURL: `${url}/` },
    file_cache: { path: mkdtempSync(join(tmpdir(), 'wxmp-bench-easywechat-')) },
  })
  const client = app.getClient()
  const check = (response) => {
    const data = response.toObject()
    if (data.errcode) throw new Error(`${data.errcode} ${data.errmsg}`)
    return data
  }
  return {
    call:
      mode === 'send'
        ? async (openid) =>
            check(await client.postJson('cgi-bin/message/custom/send', { touser: openid, msgtype: 'text', text: { content: 'hello' } }))
        : async () => check(await client.get('cgi-bin/getcallbackip')),
    how: `${mode === 'send' ? 'client.postJson' : 'client.get'}${patched ? ' (patched load)' : ''}`,
  }
}

// The smoke suite every runtime runs against the BUILT packages. Plain JavaScript with no imports
// of its own, so Node, Bun, Deno, a workerd Worker and a Chromium page can all run it as is: the
// caller hands in the package namespaces it managed to import and the emulator's coordinates.
//
// A step whose package (or function) is not built yet reports 'not built' instead of failing, so
// the matrix stays useful while packages land; once the function is exported, the step must pass.

/** A real 1x1 PNG: the emulator checks the format of uploaded media. */
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

function fail(message) {
  throw new Error(message)
}

function check(condition, message) {
  if (!condition) fail(message)
}

function pngBytes() {
  const bin = atob(PNG_BASE64)
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

function sameBytes(a, b) {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/**
 * Each step: a name, the package exports it needs, whether it is safe in a browser (no secret, no
 * cross-origin call), and what it does. `ctx` carries the client and the environment.
 */
const steps = [
  {
    name: 'core.request',
    needs: [['core', 'createClient']],
    browser: false,
    async run({ pkgs, env, wx }) {
      const answer = await wx.request('/cgi-bin/get_api_domain_ip')
      check(Array.isArray(answer.ip_list) && answer.ip_list.length > 0, `get_api_domain_ip answered ${JSON.stringify(answer)}`)
      // A wrong secret: the API error class survives bundling and the secret never shows.
      const badSecret = 'smoke-wrong-secret-0123456789abcdef'
      const bad = pkgs.core.createClient({
        appId: env.appId,
        appSecret: badSecret,
        baseUrl: env.baseUrl,
        retry: { limit: 0 },
        timeout: 120_000,
      })
      let error
      try {
        await bad.getAccessToken()
      } catch (e) {
        error = e
      }
      if (!(error instanceof pkgs.core.WeChatApiError)) throw error ?? new Error('a wrong secret gave no error')
      check(typeof error.errcode === 'number' && error.errcode !== 0, `errcode ${error.errcode}`)
      check(!String(error.message).includes(badSecret) && !JSON.stringify(error).includes(badSecret), 'the secret leaked into the error')
      return `errcode ${error.errcode} redacted`
    },
  },
  {
    // Named after what ran: custom.sendText once @wxmp/custom is built, core.request(custom/send) before.
    name: (pkgs) => (pkgs.custom ? 'custom.sendText' : 'core.request(custom/send)'),
    sends: true,
    needs: [['core', 'createClient']],
    browser: false,
    async run({ pkgs, env, wx }) {
      const content = `smoke from ${env.runtime}`
      // The package's helper once it is built; until then the same send through core.
      if (typeof pkgs.custom?.sendText === 'function') {
        await pkgs.custom.sendText(wx, env.openid, content)
        return content
      }
      if (pkgs.custom) fail('@wxmp/custom is built but exports no sendText')
      await wx.request('/cgi-bin/message/custom/send', { json: { touser: env.openid, msgtype: 'text', text: { content } } })
      return content
    },
  },
  {
    name: 'media.upload',
    needs: [
      ['media', 'uploadTemporaryMedia'],
      ['media', 'downloadTemporaryMedia'],
    ],
    browser: false,
    async run({ pkgs, wx }) {
      const bytes = pngBytes()
      const uploaded = await pkgs.media.uploadTemporaryMedia(wx, 'image', bytes, { filename: 'smoke.png' })
      check(typeof uploaded.mediaId === 'string' && uploaded.mediaId !== '', `upload answered ${JSON.stringify(uploaded)}`)
      const media = await pkgs.media.downloadTemporaryMedia(wx, uploaded.mediaId, { maxBytes: 4096 })
      check(media.kind === 'file', `download kind ${media.kind}`)
      const back = await media.bytes()
      check(sameBytes(new Uint8Array(back), bytes), `downloaded ${back.byteLength} bytes differ from the ${bytes.length} uploaded`)
      return `${bytes.length} B round trip`
    },
  },
  {
    // A stream of known length is sent as a streamed multipart body with its Content-Length:
    // each runtime's fetch must take a stream body (duplex: 'half') with that header.
    name: 'media.upload(stream, size)',
    needs: [
      ['media', 'uploadTemporaryMedia'],
      ['media', 'downloadTemporaryMedia'],
    ],
    browser: false,
    async run({ pkgs, wx }) {
      const bytes = pngBytes()
      const half = bytes.length >> 1
      const stream = new ReadableStream({
        start(c) {
          c.enqueue(bytes.slice(0, half))
          c.enqueue(bytes.slice(half))
          c.close()
        },
      })
      const uploaded = await pkgs.media.uploadTemporaryMedia(wx, 'image', stream, { filename: 'stream.png', size: bytes.length })
      const media = await pkgs.media.downloadTemporaryMedia(wx, uploaded.mediaId, { maxBytes: 4096 })
      const back = await media.bytes()
      check(sameBytes(new Uint8Array(back), bytes), `downloaded ${back.byteLength} bytes differ from the ${bytes.length} streamed`)
      return `${bytes.length} B streamed round trip`
    },
  },
  {
    name: 'user.getUserInfo',
    needs: [['user', 'getUserInfo']],
    browser: false,
    async run({ pkgs, env, wx }) {
      const info = await pkgs.user.getUserInfo(wx, env.openid)
      check(info.openid === env.openid, `info for ${info.openid}, asked ${env.openid}`)
      return 'ok'
    },
  },
  {
    name: 'qrcode.create',
    needs: [
      ['qrcode', 'createTemporaryQrCode'],
      ['qrcode', 'downloadQrCode'],
    ],
    browser: false,
    async run({ pkgs, env, wx }) {
      const qr = await pkgs.qrcode.createTemporaryQrCode(wx, 42, { expireSeconds: 600 })
      check(typeof qr.ticket === 'string' && qr.ticket !== '', `create answered ${JSON.stringify(qr)}`)
      const image = await pkgs.qrcode.downloadQrCode(qr.ticket, { baseUrl: env.baseUrl })
      const bytes = new Uint8Array(await image.bytes())
      check(bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47, 'the QR image is not a PNG')
      return `${bytes.length} B image`
    },
  },
  {
    name: 'publish.drafts',
    needs: [
      ['publish', 'countDrafts'],
      ['publish', 'listDrafts'],
    ],
    browser: false,
    async run({ pkgs, wx }) {
      const count = await pkgs.publish.countDrafts(wx)
      const page = await pkgs.publish.listDrafts(wx, { count: 1, noContent: true })
      check(Number.isInteger(count) && page.totalCount === count, `count ${count}, list total ${page.totalCount}`)
      return `${count} drafts`
    },
  },
  {
    name: 'menu.create',
    needs: [
      ['menu', 'createMenu'],
      ['menu', 'tryMatchMenu'],
    ],
    browser: false,
    async run({ pkgs, env, wx }) {
      const buttons = [
        { type: 'click', name: '今日', key: 'TODAY' },
        { name: 'More', subButtons: [{ type: 'view', name: 'Site', url: 'https://example.com/' }] },
      ]
      await pkgs.menu.createMenu(wx, { buttons })
      const seen = await pkgs.menu.tryMatchMenu(wx, env.openid)
      check(JSON.stringify(seen.buttons) === JSON.stringify(buttons), `trymatch answered ${JSON.stringify(seen)}`)
      return 'ok'
    },
  },
  {
    name: 'menu.eventKey',
    needs: [
      ['menu', 'defineMenu'],
      ['menu', 'menuEventKey'],
    ],
    browser: true,
    async run({ pkgs }) {
      const menu = pkgs.menu.defineMenu({ buttons: [{ type: 'scancode_push', name: 'Scan', key: 'SCAN' }] })
      check(pkgs.menu.menuEventKey(menu, { event: 'scancode_push', eventKey: 'SCAN' }) === 'SCAN', 'no key for a scan')
      check(pkgs.menu.menuEventKey(menu, { event: 'VIEW', eventKey: 'SCAN' }) === undefined, 'a key for a VIEW')
      return 'ok'
    },
  },
  {
    name: 'qrcode.imageUrl',
    needs: [['qrcode', 'qrCodeImageUrl']],
    browser: true,
    async run({ pkgs }) {
      const url = pkgs.qrcode.qrCodeImageUrl('gQ a+b/c==')
      const want = 'https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=gQ%20a%2Bb%2Fc%3D%3D'
      check(url === want, `got ${url}`)
      return 'ok'
    },
  },
  {
    name: 'oauth.authorizeUrl',
    needs: [['oauth', 'buildAuthorizeUrl']],
    browser: true,
    async run({ pkgs, env }) {
      const redirectUri = 'https://example.com/cb?next=/a b&x=1'
      const url = pkgs.oauth.buildAuthorizeUrl({ appId: env.appId, redirectUri, scope: 'snsapi_userinfo', state: 's1' })
      check(url.startsWith('https://open.weixin.qq.com/connect/oauth2/authorize?'), `got ${url}`)
      check(url.endsWith('#wechat_redirect'), `no #wechat_redirect: ${url}`)
      const query = new URL(url).searchParams
      check(query.get('redirect_uri') === redirectUri, `redirect_uri came back as ${query.get('redirect_uri')}`)
      check(query.get('appid') === env.appId && query.get('scope') === 'snsapi_userinfo' && query.get('state') === 's1', `query ${query}`)
      return 'ok'
    },
  },
  {
    // WeChat's worked example: https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html (附录1)
    name: 'jssdk.sign',
    needs: [['jssdk', 'signJsApiConfig']],
    browser: true,
    async run({ pkgs }) {
      const example = {
        jsapiTicket: 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg',
        nonceStr: 'Wm3WZYTPz0wzccnW',
        timestamp: 1414587457,
        url: 'http://mp.weixin.qq.com?params=value#/route',
      }
      const signature = await pkgs.jssdk.signJsApiConfig(example)
      check(signature === '0f9de62fce790f9a083d5c99e95740ceb90c27ed', `got ${signature}`)
      return 'ok'
    },
  },
  {
    name: 'oauth.state',
    needs: [
      ['oauth', 'createState'],
      ['oauth', 'verifyState'],
    ],
    browser: true,
    async run({ pkgs }) {
      const secret = 'smoke-state-secret-0123456789abcdef0123'
      const state = await pkgs.oauth.createState({ secret, data: 'r42', binding: 'session-1' })
      const good = await pkgs.oauth.verifyState(state, { secret, binding: 'session-1' })
      check(good.ok === true && good.data === 'r42', `verify gave ${JSON.stringify(good)}`)
      const last = state.at(-1) === 'A' ? 'B' : 'A'
      const tampered = await pkgs.oauth.verifyState(state.slice(0, -1) + last, { secret, binding: 'session-1' })
      check(tampered.ok === false, 'a tampered state was accepted')
      const otherBrowser = await pkgs.oauth.verifyState(state, { secret, binding: 'session-2' })
      check(otherBrowser.ok === false, 'a state bound to another session was accepted')
      return 'ok'
    },
  },
  {
    // @wxmp/server's fetch handler on this runtime's Request/Response and Web Crypto: a safe-mode
    // push built as WeChat's doc describes, its encrypted reply decrypted and checked, a forgery refused.
    name: 'server.fetch',
    needs: [
      ['server', 'createMessageServer'],
      ['server', 'computeSignature'],
      ['server', 'encryptMessage'],
      ['server', 'decryptMessage'],
    ],
    browser: true,
    async run({ pkgs }) {
      const { createMessageServer, computeSignature, encryptMessage, decryptMessage } = pkgs.server
      const app = { appId: 'wx1234567890abcdef', token: 'smokeToken1', encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' }
      const server = createMessageServer({
        ...app,
        handle: (push) => (push.msgType === 'text' ? { type: 'text', content: `echo: ${push.content}` } : undefined),
      })
      const timestamp = String(Math.floor(Date.now() / 1000))
      const nonce = '424242'
      const inner = `<xml><ToUserName><![CDATA[gh_smoke]]></ToUserName><FromUserName><![CDATA[oSmoke]]></FromUserName><CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content><MsgId>9223372036854775807</MsgId></xml>`
      const encrypt = await encryptMessage(inner, app)
      const query = new URLSearchParams({
        signature: await computeSignature(app.token, timestamp, nonce),
        timestamp,
        nonce,
        encrypt_type: 'aes',
        msg_signature: await computeSignature(app.token, timestamp, nonce, encrypt),
      })
      const body = `<xml><ToUserName><![CDATA[gh_smoke]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`
      const res = await server.fetch(new Request(`https://example.com/wechat?${query}`, { method: 'POST', body }))
      const reply = await res.text()
      const cipher = /<Encrypt><!\[CDATA\[([^\]]+)\]\]><\/Encrypt>/.exec(reply)?.[1]
      check(res.status === 200 && cipher, `reply ${res.status} ${reply.slice(0, 80)}`)
      const plain = await decryptMessage(cipher, app)
      check(plain.includes('<Content><![CDATA[echo: 你好]]></Content>'), `decrypted reply ${plain.slice(0, 120)}`)
      query.set('msg_signature', '0'.repeat(40))
      const forged = await server.fetch(new Request(`https://example.com/wechat?${query}`, { method: 'POST', body }))
      check(forged.status === 403, `a forged msg_signature got ${forged.status}`)
      return 'safe-mode reply ok, forgery 403'
    },
  },
]

/** An error in one line, with a transport error's kind and cause (the part that tells why). */
function describe(error) {
  if (!(error instanceof Error)) return String(error)
  const kind = typeof error.kind === 'string' ? ` [${error.kind}${error.status ? ` ${error.status}` : ''}]` : ''
  const cause = error.cause instanceof Error ? ` (cause: ${error.cause.name}: ${error.cause.message})` : ''
  return `${error.name}${kind}: ${error.message}${cause}`
}

/**
 * Runs the steps this runtime can run. `pkgs`: `{ core, custom?, media?, ... }` namespaces of the
 * built packages; `env`: `{ runtime, browser, baseUrl?, appId, appSecret?, openid? }`.
 * Returns `{ runtime, steps: [{ name, status: 'ok' | 'not built' | 'fail', detail }] }`.
 */
export async function runSmoke(pkgs, env) {
  const results = []
  // A generous timeout: a busy CI machine may be slow, and this suite checks behaviour, not speed.
  const wx =
    !env.browser && pkgs.core
      ? pkgs.core.createClient({ appId: env.appId, appSecret: env.appSecret, baseUrl: env.baseUrl, timeout: 120_000 })
      : undefined
  for (const spec of steps) {
    if (env.browser && !spec.browser) continue
    const step = { ...spec, name: typeof spec.name === 'function' ? spec.name(pkgs) : spec.name }
    const missing = step.needs.filter(([pkg, fn]) => typeof pkgs[pkg]?.[fn] !== 'function').map(([pkg, fn]) => `${pkg}.${fn}`)
    if (missing.length > 0) {
      results.push({ name: step.name, status: 'not built', detail: missing.join(', ') })
      continue
    }
    try {
      results.push({ name: step.name, status: 'ok', detail: await step.run({ pkgs, env, wx }), ...(step.sends ? { sent: true } : {}) })
    } catch (error) {
      results.push({ name: step.name, status: 'fail', detail: describe(error) })
    }
  }
  return { runtime: env.runtime, steps: results }
}

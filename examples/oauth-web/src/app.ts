// "Log in with WeChat" in a few routes: a login link, the callback that checks state, exchanges the
// code and shows the user's nickname and avatar. Point the two base URLs at the emulator to run it
// without WeChat.
import { Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import {
  buildAuthorizeUrl,
  createState,
  exchangeCode,
  getOAuthUserInfo,
  isWeChatOAuthError,
  verifyState,
  type OAuthCredentials,
} from '@wxmp/oauth'

export interface OAuthWebOptions {
  readonly appId: string
  readonly appSecret: string
  /** Signs the OAuth `state`: at least 32 characters, kept server-side. */
  readonly stateSecret: string
  /** WeChat API host (the emulator's URL in tests). @default 'https://api.weixin.qq.com' */
  readonly apiBaseUrl?: string
  /** Host of the authorize page (the emulator's URL in tests). @default 'https://open.weixin.qq.com' */
  readonly authorizeBaseUrl?: string
}

/** The browser's login attempt: binds the state to this browser, so a state from elsewhere is refused. */
const NONCE_COOKIE = 'wx_login_nonce'

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch)

const page = (title: string, body: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:30rem;margin:3rem auto;padding:0 1rem}img{width:96px;height:96px;border-radius:8px}a.button{display:inline-block;padding:.6rem 1.2rem;background:#07c160;color:#fff;border-radius:6px;text-decoration:none}</style>
</head><body>${body}</body></html>`

function randomNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

/** The example web app as a Hono app: serve it with `@hono/node-server` or any fetch runtime. */
export function createOAuthWebApp(options: OAuthWebOptions): Hono {
  const credentials: OAuthCredentials = {
    appId: options.appId,
    appSecret: options.appSecret,
    ...(options.apiBaseUrl === undefined ? {} : { baseUrl: options.apiBaseUrl }),
  }
  const app = new Hono()

  app.get('/', (c) =>
    c.html(
      page('wxmp OAuth example', `<h1>wxmp OAuth example</h1><p><a id="login" class="button" href="/login">Log in with WeChat</a></p>`),
    ),
  )

  app.get('/login', async (c) => {
    const nonce = randomNonce()
    setCookie(c, NONCE_COOKIE, nonce, { httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 600 })
    const state = await createState({ secret: options.stateSecret, binding: nonce })
    const redirectUri = new URL('/callback', c.req.url).toString()
    return c.redirect(
      buildAuthorizeUrl({
        appId: options.appId,
        redirectUri,
        scope: 'snsapi_userinfo',
        state,
        ...(options.authorizeBaseUrl === undefined ? {} : { authorizeBaseUrl: options.authorizeBaseUrl }),
      }),
      302,
    )
  })

  app.get('/callback', async (c) => {
    const check = await verifyState(c.req.query('state'), { secret: options.stateSecret, binding: getCookie(c, NONCE_COOKIE) ?? '' })
    if (!check.ok) {
      return c.html(
        page(
          'Login refused',
          `<h1 id="refused">Login refused</h1><p>The state check failed (<code id="reason">${check.reason}</code>). <a href="/">Start again</a></p>`,
        ),
        400,
      )
    }
    // Spent: a second callback with the same state would need the same cookie.
    deleteCookie(c, NONCE_COOKIE, { path: '/' })
    const code = c.req.query('code')
    if (!code) return c.html(page('Login cancelled', `<h1 id="declined">You declined the login</h1><p><a href="/">Back</a></p>`), 403)

    try {
      const token = await exchangeCode(credentials, code)
      if (token.isSnapshotUser) {
        // The snapshot page's openid is virtual: never treat it as a user.
        return c.html(page('Open in WeChat', `<h1 id="snapshot">Open this page in WeChat to log in</h1>`))
      }
      const user = await getOAuthUserInfo(credentials, token)
      return c.html(
        page(
          `Hello ${user.nickname}`,
          `<h1>Logged in</h1><p><img id="avatar" src="${escape(user.headImgUrl)}" alt="avatar"></p>
<p>Nickname: <strong id="nickname">${escape(user.nickname)}</strong></p><p>openid: <code id="openid">${escape(user.openid)}</code></p>`,
        ),
      )
    } catch (error) {
      // The errors carry no code or token (wxmp redacts them), so the reason is safe to show.
      if (isWeChatOAuthError(error)) {
        return c.html(
          page(
            'Login failed',
            `<h1 id="failed">Login failed</h1><p><code id="reason">${error.reason}</code> <a href="/login">Try again</a></p>`,
          ),
          400,
        )
      }
      throw error
    }
  })

  return app
}

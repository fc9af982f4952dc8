// The HTML the emulator shows in place of WeChat's in-app authorization screens: the consent page
// (pick one of the seeded users, approve or deny) and the error page.
import type { UserRecord } from '../../model/followers'

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch)

const STYLE = `body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.2rem}label{display:flex;align-items:center;gap:.6rem;padding:.4rem;border:1px solid #ddd;border-radius:6px;margin:.3rem 0}
img{width:40px;height:40px;border-radius:4px;background:#eee}button{font-size:1rem;padding:.5rem 1.2rem;margin:.8rem .5rem 0 0;border-radius:6px;border:1px solid #07c160}
#approve{background:#07c160;color:#fff}.muted{color:#888;font-size:.85rem}`

export interface ConsentPage {
  readonly action: string
  readonly appId: string
  readonly scope: string
  readonly redirectUri: string
  readonly state: string
  readonly users: readonly UserRecord[]
  readonly selected: string | undefined
  readonly qr: boolean
}

export function consentHtml(page: ConsentPage): string {
  const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${escape(value)}">`
  const users = page.users
    .map((u, i) => {
      const checked = page.selected === undefined ? i === 0 : u.openid === page.selected
      return `<label data-openid="${escape(u.openid)}"><input type="radio" name="openid" value="${escape(u.openid)}"${checked ? ' checked' : ''}>
<img src="${escape(u.headimgurl)}" alt=""><span class="nickname">${escape(u.nickname)}</span><span class="muted">${escape(u.openid)}</span></label>`
    })
    .join('\n')
  const title = page.qr ? 'Scan to log in (emulated QR login)' : 'Authorize this page'
  const asks = page.scope === 'snsapi_base' ? 'your identity (openid)' : 'your nickname and avatar'
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>WeChat authorization (wxmp emulator)</title><style>${STYLE}</style></head>
<body><h1>${title}</h1>
<p>App <code>${escape(page.appId)}</code> asks for ${asks} (<code>${escape(page.scope)}</code>).</p>
<form method="post" action="${escape(page.action)}">
${hidden('appid', page.appId)}${hidden('redirect_uri', page.redirectUri)}${hidden('response_type', 'code')}${hidden('scope', page.scope)}${hidden('state', page.state)}
<p class="muted">Sign in as:</p>
${users}
<button id="approve" type="submit" name="decision" value="allow">Allow</button>
<button id="deny" type="submit" name="decision" value="deny">Deny</button>
</form>
<p class="muted">wxmp emulator: stands in for WeChat's authorization screen.</p></body></html>`
}

export function errorHtml(code: number | undefined, message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>WeChat authorization error</title><style>${STYLE}</style></head>
<body><h1>Authorization error${code === undefined ? '' : ` <span id="errcode">${code}</span>`}</h1><p id="errmsg">${escape(message)}</p></body></html>`
}

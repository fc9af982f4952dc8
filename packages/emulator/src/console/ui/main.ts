// The console's page: reads the control token from the URL fragment, polls the emulator's snapshot
// once a second (a 304 when nothing changed), and renders the follower's phone beside the panels.
// Bundled with Preact and htm into one file at the emulator's build (scripts/build-console.mjs).
import { html, render, useCallback, useEffect, useRef, useState } from './html'
import type { ConsoleState } from '../types'
import { ControlRefused, control, keepToken, pollState, takeToken } from './api'
import { Phone } from './chat'
import { AccountPanel, PushesPanel, QrPanel } from './panels'
import { initials } from './format'

const POLL_MS = 1000
type Tab = 'qr' | 'pushes' | 'account'

function TokenForm({ onToken }: { onToken: (token: string) => void }) {
  const [value, setValue] = useState('')
  return html`<main class="token-form">
    <h1>wxmp emulator console</h1>
    <p>Open the address the emulator printed at start (it carries <code>#token=…</code>), or paste the control token:</p>
    <form onSubmit=${(e: Event) => (e.preventDefault(), value && onToken(value))}>
      <input type="password" aria-label="control token" value=${value} onInput=${(e: Event) => setValue((e.target as HTMLInputElement).value)} />
      <button type="submit">Open</button>
    </form>
  </main>`
}

/** Adds a follower, or a visitor who does not follow yet (to scan a QR code and follow). */
function AddPerson({ add }: { add: (nickname: string, subscribed: boolean) => Promise<void> }) {
  const [name, setName] = useState('')
  const submit = (subscribed: boolean) => async (e: Event) => {
    e.preventDefault()
    await add(name.trim() || (subscribed ? '新粉丝 follower' : '访客 visitor'), subscribed)
    setName('')
  }
  return html`<form class="add-person" onSubmit=${submit(true)}>
    <input aria-label="nickname" placeholder="昵称 nickname" value=${name} onInput=${(e: Event) => setName((e.target as HTMLInputElement).value)} />
    <button type="submit">+ Follower</button>
    <button type="button" onClick=${submit(false)} title="someone who does not follow yet: scan a QR code as them">+ Visitor</button>
  </form>`
}

function App() {
  const [token, setToken] = useState<string | null>(() => takeToken())
  const [state, setState] = useState<ConsoleState | null>(null)
  const [openid, setOpenid] = useState<string | undefined>(undefined)
  const [appId, setAppId] = useState<string | undefined>(undefined)
  const [tab, setTab] = useState<Tab>('pushes')
  const [error, setError] = useState<string | null>(null)
  const etag = useRef<string | undefined>(undefined)
  const busy = useRef(false)
  const again = useRef(false)
  // The poll for the current follower and app (a finished request re-polls with the newest one).
  const latest = useRef<() => Promise<void>>(async () => {})

  const poll = useCallback(async (): Promise<void> => {
    if (!token) return
    // One request at a time; a poll asked for meanwhile (another follower picked) runs right after.
    if (busy.current) {
      again.current = true
      return
    }
    busy.current = true
    try {
      const query = new URLSearchParams()
      if (appId) query.set('appId', appId)
      if (openid) query.set('openid', openid)
      const got = await pollState<ConsoleState>(token, query.toString() ? `?${query}` : '', etag.current)
      if (got) {
        etag.current = got.etag
        setState(got.state)
      }
    } catch (err) {
      if (err instanceof ControlRefused && err.status === 401) setToken(null)
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      busy.current = false
    }
    if (again.current) {
      again.current = false
      await latest.current()
    }
  }, [token, appId, openid])
  latest.current = poll

  useEffect(() => {
    etag.current = undefined
    void poll()
    const timer = setInterval(() => void poll(), POLL_MS)
    return () => clearInterval(timer)
  }, [poll])

  // The first follower until the developer picks one, and again when the one picked is gone (a
  // reset): the snapshot lists the follower asked for whenever they exist.
  useEffect(() => {
    if (!state) return
    const gone = openid !== undefined && !state.follower && !state.followers.some((f) => f.openid === openid)
    if ((openid === undefined || gone) && state.followers[0]) setOpenid(state.followers[0].openid)
  }, [state, openid])

  const act = useCallback(
    async (method: string, path: string, body?: unknown): Promise<unknown> => {
      if (!token) return undefined
      try {
        setError(null)
        return await control(token, method, path, body)
      } catch (err) {
        setError(err instanceof Error ? err.message : String(err))
        return undefined
      } finally {
        void poll()
      }
    },
    [token, poll],
  )

  if (!token) return html`<${TokenForm} onToken=${(t: string) => (keepToken(t), setError(null), setToken(t))} />`
  if (!state) return html`<main class="boot">${error ?? 'Loading the console…'}</main>`

  // Until the snapshot for the follower just picked arrives, show no phone: its buttons would act
  // as the previous follower.
  const follower = state.follower && state.follower.openid === openid ? state.follower : null
  const app = state.app.appId
  const addPerson = async (nickname: string, subscribed: boolean) => {
    const made = (await act('POST', '/followers/add', { appId: app, nickname, subscribed })) as { openid?: string } | undefined
    if (made?.openid) setOpenid(made.openid)
  }

  return html`<div class="layout">
    <header class="top">
      <b>wxmp emulator</b>
      ${
        state.apps.length > 1
          ? html`<select aria-label="app" value=${app} onChange=${(e: Event) => (setAppId((e.target as HTMLSelectElement).value), setOpenid(undefined))}>
            ${state.apps.map((a) => html`<option value=${a}>${a}</option>`)}
          </select>`
          : html`<span class="mono">${app}</span>`
      }
      <span class="mono">${state.app.originalId}</span>
      <span>${state.app.followers} followers</span>
      ${error ? html`<span class="error" role="alert">${error}</span>` : null}
    </header>
    <aside class="people">
      <h2>Followers</h2>
      <ul>
        ${state.followers.map(
          (f) => html`<li>
            <button type="button" class=${f.openid === openid ? 'person selected' : 'person'} onClick=${() => setOpenid(f.openid)}>
              <span class="avatar small">${initials(f.nickname || f.openid.slice(1))}</span>
              <span class="person-name">${f.nickname || f.openid}</span>
              ${f.subscribed ? null : html`<span class="badge">not following</span>`}
            </button>
          </li>`,
        )}
      </ul>
      ${
        state.followers.length < state.app.followers
          ? html`<p class="small">${state.followers.length} of ${state.app.followers} listed: the first and the latest added, and anyone who wrote or tapped</p>`
          : null
      }
      <${AddPerson} add=${addPerson} />
    </aside>
    ${
      follower
        ? html`<${Phone}
          state=${state}
          follower=${follower}
          send=${async (text: string) => {
            await act('POST', '/push/message', { appId: app, openid: follower.openid, message: { msgType: 'text', content: text } })
          }}
          tap=${(path: number[]) => void act('POST', '/menu/tap', { appId: app, openid: follower.openid, button: path })}
          toggleFollow=${() =>
            void act('POST', '/push/event', {
              appId: app,
              openid: follower.openid,
              event: { event: follower.subscribed ? 'unsubscribe' : 'subscribe' },
            })}
        />`
        : html`<section class="phone empty">Pick a follower.</section>`
    }
    <section class="panels">
      <nav class="tabs">
        ${(['qr', 'pushes', 'account'] as const).map(
          (t) => html`<button type="button" class=${tab === t ? 'tab selected' : 'tab'} onClick=${() => setTab(t)}>
            ${t === 'qr' ? `QR codes (${state.qrTickets.length})` : t === 'pushes' ? `Pushes (${state.pushes.length})` : 'Account'}
          </button>`,
        )}
      </nav>
      ${
        tab === 'qr'
          ? html`<${QrPanel} state=${state} openid=${follower?.openid} act=${act} />`
          : tab === 'pushes'
            ? html`<${PushesPanel} state=${state} />`
            : html`<${AccountPanel} state=${state} act=${act} />`
      }
    </section>
  </div>`
}

const root = document.getElementById('root')
if (root) {
  root.textContent = ''
  render(html`<${App} />`, root)
}

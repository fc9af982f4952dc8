// The side panels: QR codes (scan as the selected follower), pushes (status, attempts, timing, the
// plaintext, and what went over the wire), and the account (clock, tokens masked, quotas, jobs,
// faults). Every button calls an existing control route.
import { html, useState } from './html'
import type { ConsoleState } from '../types'
import { clockTime, dateTime, relative, str } from './format'

/** Runs a control call; the app shows its error and polls again. */
export type Act = (method: string, path: string, body?: unknown) => Promise<unknown>

export function QrPanel({ state, openid, act }: { state: ConsoleState; openid: string | undefined; act: Act }) {
  if (state.qrTickets.length === 0)
    return html`<p class="empty">No QR tickets yet: the account creates them with /cgi-bin/qrcode/create (@wxmp/qrcode).</p>`
  return html`<ul class="qr-list">
    ${[...state.qrTickets].reverse().map((t) => {
      const expired = t.expiresAt !== null && t.expiresAt <= state.now
      return html`<li class="qr" data-testid="qr">
        <img src=${t.image} alt="QR code" width="96" height="96" />
        <div>
          <div><b>scene</b> ${String(t.scene)}</div>
          <div>${t.kind}${t.expiresAt === null ? '' : `, ${expired ? 'expired' : 'expires'} ${relative(t.expiresAt, state.now)}`}</div>
          <div class="mono small">${t.ticket.slice(0, 24)}…</div>
          <button
            type="button"
            disabled=${openid === undefined || expired}
            onClick=${() => act('POST', '/push/event', { appId: state.app.appId, openid, event: { event: 'scan', ticket: t.ticket } })}
          >
            Scan as this follower
          </button>
        </div>
      </li>`
    })}
  </ul>`
}

function PushRow({ p }: { p: ConsoleState['pushes'][number] }) {
  const ok = p.status === 200 && p.error === undefined
  return html`<details class=${`push ${ok ? 'ok' : 'bad'}`} data-testid="push">
    <summary>
      <span class="mono">#${p.seq}</span> <b>${p.type}</b> from <span class="mono">${p.from}</span> ·
      ${p.status === null ? 'no answer' : `HTTP ${p.status}`} · ${p.attempts} ${p.attempts === 1 ? 'try' : 'tries'}
      ${p.durationMs === undefined ? '' : ` · ${p.durationMs} ms`} · ${clockTime(p.at)}
      ${p.error === undefined ? null : html`<div class="push-error">${p.error}</div>`}
    </summary>
    <div class="label">Fields (plaintext)</div>
    <pre>${JSON.stringify(p.fields, null, 2)}</pre>
    ${
      p.request
        ? html`<div class="label">Request as posted (URL with signature, timestamp, nonce; in safe mode msg_signature and the ciphertext)</div>
          <pre>${p.request.url}</pre>
          <pre>${p.request.body}</pre>`
        : null
    }
    ${p.reply ? html`<div class="label">Passive reply (decoded)</div><pre>${JSON.stringify(p.reply, null, 2)}</pre>` : null}
    ${p.response === undefined ? null : html`<div class="label">The receiver's answer</div><pre>${p.response}</pre>`}
  </details>`
}

export function PushesPanel({ state }: { state: ConsoleState }) {
  const target = state.push
  return html`<div>
    <p class="small">
      ${
        target
          ? html`Pushes go to <span class="mono">${target.url}</span> (${target.mode}, ${target.format}, timeout ${target.timeoutMs} ms)`
          : 'No push URL configured (control.configurePush, or wxmp-emulator --push-url).'
      }
    </p>
    ${state.pushes.length === 0 ? html`<p class="empty">No pushes yet.</p>` : null}
    ${[...state.pushes].reverse().map((p) => html`<${PushRow} key=${p.seq} p=${p} />`)}
  </div>`
}

const FAULT_KINDS = ['errcode', 'http', 'latency', 'reset', 'malformed'] as const

function FaultForm({ act }: { act: Act }) {
  const [path, setPath] = useState('/cgi-bin/message/custom/send')
  const [kind, setKind] = useState<string>('errcode')
  const [times, setTimes] = useState('1')
  const submit = (e: Event) => {
    e.preventDefault()
    const spec: Record<string, unknown> = { path, kind, times: Number(times) }
    if (kind === 'latency') spec.ms = 3000
    void act('POST', '/faults', spec)
  }
  return html`<form class="fault-form" onSubmit=${submit}>
    <input aria-label="fault path" value=${path} onInput=${(e: Event) => setPath((e.target as HTMLInputElement).value)} />
    <select aria-label="fault kind" value=${kind} onChange=${(e: Event) => setKind((e.target as HTMLSelectElement).value)}>
      ${FAULT_KINDS.map((k) => html`<option value=${k}>${k}</option>`)}
    </select>
    <input aria-label="times" class="narrow" value=${times} onInput=${(e: Event) => setTimes((e.target as HTMLInputElement).value)} />
    <button type="submit">Inject</button>
  </form>`
}

export function AccountPanel({ state, act }: { state: ConsoleState; act: Act }) {
  const advance = (ms: number) => act('POST', '/clock', { advanceMs: ms })
  const appId = state.app.appId
  const { tokens, usedToday } = state.tokens
  return html`<div class="account-panel">
    <h3>Clock</h3>
    <p><span class="mono" data-testid="clock">${dateTime(state.now)}</span></p>
    <div class="buttons">
      <button type="button" onClick=${() => advance(60_000)}>+1 min</button>
      <button type="button" onClick=${() => advance(3_600_000)}>+1 h</button>
      <button type="button" onClick=${() => advance(7_200_000)} title="every token issued so far expires">+2 h</button>
      <button type="button" onClick=${() => advance(48 * 3_600_000)} title="closes 48-hour windows">+48 h</button>
    </div>

    <h3>Access tokens</h3>
    ${tokens.length === 0 ? html`<p class="empty">None issued yet.</p>` : null}
    <table>
      ${tokens.map(
        (t) => html`<tr class=${t.live ? '' : 'dead'}>
          <td>${t.kind}</td><td class="mono">…${t.tail}</td>
          <td>${t.live ? `expires ${relative(t.deadAt, state.now)}` : `dead ${relative(t.deadAt, state.now)}`}</td>
          <td>${t.current ? 'current' : ''}</td>
        </tr>`,
      )}
    </table>
    <div class="buttons">
      <button type="button" onClick=${() => act('POST', '/tokens/revoke', { appId, mode: 'expire' })}>Expire tokens (42001)</button>
      <button type="button" onClick=${() => act('POST', '/tokens/revoke', { appId, mode: 'invalidate' })}>Invalidate (40001)</button>
    </div>

    <h3>Quotas today</h3>
    <table>
      <tr><td>classic token</td><td>${usedToday.classic ?? 0} / 2000</td></tr>
      <tr><td>stable token</td><td>${usedToday.stable ?? 0} / 500000</td></tr>
      <tr><td>forced stable refresh</td><td>${usedToday.force ?? 0} / 20</td></tr>
      <tr><td>template messages</td><td>${state.templateQuota.used} / ${state.templateQuota.daily}</td></tr>
    </table>

    <h3>Mass jobs</h3>
    ${state.massJobs.length === 0 ? html`<p class="empty">None.</p>` : null}
    <table>
      ${state.massJobs.map(
        (j) => html`<tr>
          <td class="mono">${j.msgId}</td><td>${j.msgtype}</td><td>${str((j.audience as { kind?: unknown }).kind)}</td>
          <td>${j.status}</td><td>${j.totalCount}</td>
          <td>${
            j.status === 'SENDING' ? html`<button type="button" onClick=${() => advance(j.doneAt - state.now + 1)}>Finish</button>` : null
          }</td>
        </tr>`,
      )}
    </table>

    <h3>Publish jobs</h3>
    ${state.publishJobs.length === 0 ? html`<p class="empty">None.</p>` : null}
    <table>
      ${state.publishJobs.map(
        (j) => html`<tr>
          <td class="mono">${str(j.publish_id)}</td><td>${str(j.outcome)}</td><td>publish_status ${str(j.publish_status)}</td>
          <td>${j.doneAt > state.now ? html`<button type="button" onClick=${() => advance(j.doneAt - state.now + 1)}>Finish</button>` : null}</td>
        </tr>`,
      )}
    </table>

    <h3>Faults for the next calls</h3>
    <${FaultForm} act=${act} />
    <ul>
      ${state.faults.map((f) => html`<li class="mono small">${f.kind} ${f.path} ×${f.remaining}</li>`)}
    </ul>
    ${state.faults.length > 0 ? html`<button type="button" onClick=${() => act('DELETE', '/faults')}>Clear faults</button>` : null}

    <h3>Counters</h3>
    <table>
      ${Object.entries(state.counters)
        .filter(([k]) => !k.startsWith('path:'))
        .map(([k, v]) => html`<tr><td>${k}</td><td>${v}</td></tr>`)}
    </table>
  </div>`
}

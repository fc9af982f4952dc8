// The console's snapshot: one app, one follower, read from the emulator's own state. Where a
// control route already answers (push config and log, the reply window, jobs, quotas, faults,
// counters) the snapshot asks that route in-process, so the console shows exactly what a test
// reads; the rest (followers, chat, QR tickets, tokens, menu) is read from the same objects the
// WeChat routes use. Nothing is stored here: the emulator stays the one source of truth.
import type { AppState } from '../context'
import type { EmulatorRuntime } from '../runtime'
import type { OutboxEntry, PushRecord } from '../types'
import { appOf, ControlError } from '../control/kit'
import { menuSeenBy } from '../modules/menu/store'
import { storeOf as qrStoreOf } from '../modules/qrcode/index'
import { tokensOf } from '../tokens'
import type { ChatItem, ConsoleState } from './types'

/** Asks a control route of this emulator in-process, with the caller's own (checked) headers. */
export type AskControl = <T>(path: string) => Promise<T>

const PUSHES_SHOWN = 100
const FOLLOWERS_SHOWN = 8
/** The newest chat lines, QR tickets and jobs sent: the page polls every second, so the answer stays small. */
const CHAT_SHOWN = 200
const LIST_SHOWN = 50
/** Besides the first and latest, the followers who pushed most recently. */
const PUSHERS_SHOWN = 20

function nickname(app: AppState, openid: string): string {
  return app.followers.peek(openid)?.nickname ?? ''
}

/** The follower's chat: their messages and actions (pushes), what the account sent them (outbox), mass sends to all. */
function chatOf(rt: EmulatorRuntime, app: AppState, openid: string, massJobs: ConsoleState['massJobs']): ChatItem[] {
  const items: ChatItem[] = []
  for (const p of app.pushes) {
    if (p.from !== openid) continue
    if (p.kind === 'message') {
      items.push({
        side: 'follower',
        key: `p${p.seq}`,
        at: p.at,
        msgType: p.type,
        fields: p.fields,
        status: p.status,
        ...(p.error === undefined ? {} : { error: p.error }),
      })
    } else items.push({ side: 'event', key: `p${p.seq}`, at: p.at, event: p.type, fields: p.fields })
  }
  const sent = (e: OutboxEntry | { seq: string; channel: string; msgtype: string; payload: Record<string, unknown>; at: number }) => {
    items.push({ side: 'account', key: `o${e.seq}`, at: e.at, channel: e.channel, msgtype: e.msgtype, payload: e.payload })
  }
  for (const e of rt.outbox.list({ appId: app.appId, touser: openid })) sent(e)
  // A send to all (or a tag) is one job record, not an outbox entry per follower: show it to those it reached.
  const following = app.followers.isFollowing(openid)
  const tags = new Set(app.tags.tagsOf(openid).map(String))
  for (const job of massJobs) {
    const audience = job.audience as { kind: string; tagId?: number }
    const reached = audience.kind === 'all' || (audience.kind === 'tag' && tags.has(String(audience.tagId)))
    if (reached && following && job.status !== 'DELETE')
      sent({ seq: `m${job.msgId}`, channel: 'mass', msgtype: job.msgtype, payload: job.payload, at: job.createdAt })
  }
  // By emulator time; a push comes before the reply it caused (pushes were added first: the sort is stable).
  return items.sort((a, b) => a.at - b.at)
}

/** Followers worth listing: the first few, the latest added, and anyone who pushed something. */
function followersOf(app: AppState, selected: string | undefined): ConsoleState['followers'] {
  const ids = new Set<string>()
  const total = app.followers.total
  for (let i = 0; i < Math.min(FOLLOWERS_SHOWN, total); i++) ids.add(app.followers.at(i) as string)
  for (let i = Math.max(FOLLOWERS_SHOWN, total - FOLLOWERS_SHOWN); i < total; i++) ids.add(app.followers.at(i) as string)
  const pushers = new Set<string>()
  for (let i = app.pushes.length - 1; i >= 0 && pushers.size < PUSHERS_SHOWN; i--) {
    const from = (app.pushes[i] as { from: string }).from
    if (app.followers.exists(from)) pushers.add(from)
  }
  for (const id of pushers) ids.add(id)
  if (selected !== undefined && app.followers.exists(selected)) ids.add(selected)
  return [...ids].map((openid) => ({ openid, nickname: nickname(app, openid), subscribed: app.followers.isFollowing(openid) }))
}

/** Builds the snapshot for `appId` (first app when undefined) and follower `openid`. */
export async function buildConsoleState(
  rt: EmulatorRuntime,
  ask: AskControl,
  appId: string | undefined,
  openid: string | undefined,
): Promise<ConsoleState> {
  const app = appOf(rt, appId)
  if (openid !== undefined && !/^[\w-]{1,64}$/.test(openid)) throw new ControlError('openid must be 1 to 64 letters, digits, - or _')
  const q = `appId=${encodeURIComponent(app.appId)}`
  const [push, pushes, massJobs, publishJobs, templateQuota, faults, counters] = await Promise.all([
    ask<ConsoleState['push']>(`/push/config?${q}`),
    ask<PushRecord[]>(`/push/log?${q}`),
    ask<ConsoleState['massJobs']>(`/mass/jobs?${q}`),
    ask<ConsoleState['publishJobs']>(`/publish/jobs?${q}`),
    ask<ConsoleState['templateQuota']>(`/template/quota?${q}`),
    ask<ConsoleState['faults']>('/faults'),
    ask<ConsoleState['counters']>(`/counters?${q}`),
  ])
  const now = rt.clock.now()
  let follower: ConsoleState['follower'] = null
  if (openid !== undefined && app.followers.exists(openid)) {
    const window = await ask<{ open: boolean; lastInteraction: number | null; closesAt: number | null; remaining: number }>(
      `/custom/window?${q}&openid=${encodeURIComponent(openid)}`,
    )
    const menu = menuSeenBy(app, openid)
    const chat = chatOf(rt, app, openid, massJobs)
    follower = {
      openid,
      nickname: nickname(app, openid),
      subscribed: app.followers.isFollowing(openid),
      window: { open: window.open, lastInteraction: window.lastInteraction, closesAt: window.closesAt, remaining: window.remaining },
      menu: menu ? { menuId: menu.menuId, buttons: menu.buttons } : null,
      chat: chat.slice(-CHAT_SHOWN),
      chatHidden: Math.max(0, chat.length - CHAT_SHOWN),
    }
  }
  return {
    now,
    apps: [...rt.apps.keys()],
    app: { appId: app.appId, originalId: app.originalId, followers: app.followers.total },
    push,
    followers: followersOf(app, openid),
    follower,
    pushes: pushes.slice(-PUSHES_SHOWN),
    qrTickets: qrStoreOf(app)
      .list()
      .slice(-LIST_SHOWN)
      .map((t) => ({
        ticket: t.ticket,
        kind: t.kind,
        scene: t.scene,
        createdAt: t.createdAt,
        expiresAt: t.expiresAt ?? null,
        image: `/cgi-bin/showqrcode?ticket=${encodeURIComponent(t.ticket)}`,
      })),
    tokens: tokensOf(app).describe(now),
    templateQuota,
    counters,
    massJobs: massJobs.slice(-LIST_SHOWN),
    publishJobs: publishJobs.slice(-LIST_SHOWN),
    faults: faults.slice(-LIST_SHOWN),
  }
}

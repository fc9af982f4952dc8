// The test-only control API, mounted under /__emulator: clock, counters, reset, followers,
// interactions, outbox and faults. Modules add their own control routes beside these.
import type { Context } from 'hono'
import type { EmuHono } from './context'
import type { EmulatorRuntime } from './runtime'
import type { FaultSpec } from './types'
import type { UserRecord } from './model/followers'
import { invalidFault } from './faults'
import { jsonText } from './wechat'

class BadRequest extends Error {}

/** The JSON object body; `{}` when empty. Control callers are tests: a bad body is a 400 that says why. */
async function body(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text()
  if (text.trim() === '') return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new BadRequest('body is not JSON')
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new BadRequest('body must be a JSON object')
  return parsed as Record<string, unknown>
}

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw new BadRequest(`${name} must be a string`)
  return value
}

function integer(value: unknown, name: string, min = 0): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < min) throw new BadRequest(`${name} must be an integer >= ${min}`)
  return n
}

/** JSON with BigInt support (outbox payloads may carry 64-bit ids). */
function json(c: Context, value: unknown, status = 200): Response {
  return c.body(jsonText(value), status as 200, { 'Content-Type': 'application/json; charset=utf-8' })
}

export function registerControl(control: EmuHono, rt: EmulatorRuntime): void {
  const appOf = (appId: unknown) => {
    const app = rt.app(optionalString(appId, 'appId'))
    if (!app) throw new BadRequest(`unknown appId ${String(appId)}`)
    return app
  }

  control.onError((err, c) => {
    if (err instanceof BadRequest) return c.json({ error: err.message }, 400)
    throw err
  })

  control.get('/clock', (c) => c.json({ now: rt.clock.now() }))
  control.post('/clock', async (c) => {
    const b = await body(c)
    if (b.set !== undefined) rt.clock.set(integer(b.set, 'set'))
    if (b.advanceMs !== undefined) {
      if (typeof b.advanceMs !== 'number' || !Number.isFinite(b.advanceMs)) throw new BadRequest('advanceMs must be a number')
      rt.clock.advance(b.advanceMs)
    }
    return c.json({ now: rt.clock.now() })
  })

  control.get('/counters', (c) => {
    if (c.req.query('scope') === 'global') return c.json(Object.fromEntries(rt.requests))
    return c.json(Object.fromEntries(appOf(c.req.query('appId')).counters))
  })

  control.post('/reset', (c) => {
    rt.reset()
    return c.json({ ok: true })
  })

  control.get('/apps', (c) =>
    c.json([...rt.apps.values()].map((a) => ({ appId: a.appId, appSecret: a.appSecret, followers: a.followers.total }))),
  )

  control.post('/followers/seed', async (c) => {
    const b = await body(c)
    const app = appOf(b.appId)
    app.followers.count = integer(b.count, 'count')
    return c.json({ appId: app.appId, count: app.followers.count, total: app.followers.total })
  })

  control.get('/followers/at', (c) => {
    const app = appOf(c.req.query('appId'))
    const index = integer(c.req.query('index'), 'index')
    const openid = app.followers.at(index)
    if (openid === undefined) return c.json({ error: `no follower at index ${index} (total ${app.followers.total})` }, 404)
    return c.json({ openid })
  })

  control.post('/followers/add', async (c) => {
    const { appId, openid, ...patch } = await body(c)
    const app = appOf(appId)
    const id = app.followers.add(optionalString(openid, 'openid'), patch as Partial<UserRecord>)
    return c.json({ openid: id })
  })

  control.post('/users/interact', async (c) => {
    const b = await body(c)
    const app = appOf(b.appId)
    const openid = optionalString(b.openid, 'openid')
    if (openid === undefined || openid === '') throw new BadRequest('openid is required')
    const at = b.at === undefined ? rt.clock.now() : integer(b.at, 'at')
    app.interactions.set(openid, at)
    app.interactionScenes.delete(openid)
    return c.json({ openid, at })
  })

  control.get('/outbox', (c) => {
    const filter: { appId?: string; touser?: string; channel?: string } = {}
    for (const key of ['appId', 'touser', 'channel'] as const) {
      const value = c.req.query(key)
      if (value !== undefined) filter[key] = value
    }
    return json(c, rt.outbox.list(filter))
  })
  control.delete('/outbox', (c) => {
    rt.outbox.clear()
    return c.json({ ok: true })
  })

  control.get('/faults', (c) => c.json(rt.faults.list()))
  control.post('/faults', async (c) => {
    const spec = (await body(c)) as Partial<FaultSpec>
    const problem = invalidFault(spec)
    if (problem) throw new BadRequest(problem)
    return c.json(rt.faults.add(spec as FaultSpec))
  })
  control.delete('/faults', (c) => {
    rt.faults.clear()
    return c.json({ ok: true })
  })
}

// The core control routes under /__emulator: clock, counters, reset, followers, interactions,
// outbox and faults. Modules add their own control routes beside these.
import type { EmuHono } from '../context'
import type { EmulatorRuntime } from '../runtime'
import type { FaultSpec } from '../types'
import type { UserRecord } from '../model/followers'
import { invalidFault } from '../faults'
import { ControlError, appOf, bigJson, integer, optionalString, readBody, requiredString } from './kit'

export function registerControl(control: EmuHono, rt: EmulatorRuntime): void {
  control.get('/clock', (c) => c.json({ now: rt.clock.now() }))
  control.post('/clock', async (c) => {
    const b = await readBody(c)
    if (b.set !== undefined) rt.clock.set(integer(b.set, 'set'))
    if (b.advanceMs !== undefined) {
      if (typeof b.advanceMs !== 'number' || !Number.isFinite(b.advanceMs)) throw new ControlError('advanceMs must be a number')
      rt.clock.advance(b.advanceMs)
    }
    return c.json({ now: rt.clock.now() })
  })

  control.get('/counters', (c) => {
    if (c.req.query('scope') === 'global') return c.json(Object.fromEntries(rt.requests))
    return c.json(Object.fromEntries(appOf(rt, c.req.query('appId')).counters))
  })

  control.post('/reset', (c) => {
    rt.reset()
    return c.json({ ok: true, now: rt.clock.now() })
  })

  control.get('/apps', (c) =>
    c.json([...rt.apps.values()].map((a) => ({ appId: a.appId, appSecret: a.appSecret, followers: a.followers.total }))),
  )

  control.post('/followers/seed', async (c) => {
    const b = await readBody(c)
    const state = appOf(rt, b.appId)
    state.followers.count = integer(b.count, 'count')
    return c.json({ appId: state.appId, count: state.followers.count, total: state.followers.total })
  })

  control.get('/followers/at', (c) => {
    const state = appOf(rt, c.req.query('appId'))
    const index = integer(c.req.query('index'), 'index')
    const openid = state.followers.at(index)
    if (openid === undefined) throw new ControlError(`no follower at index ${index} (total ${state.followers.total})`, 404)
    return c.json({ openid })
  })

  control.post('/followers/add', async (c) => {
    const { appId, openid, ...patch } = await readBody(c)
    const id = appOf(rt, appId).followers.add(optionalString(openid, 'openid'), patch as Partial<UserRecord>)
    return c.json({ openid: id })
  })

  control.post('/users/interact', async (c) => {
    const b = await readBody(c)
    const state = appOf(rt, b.appId)
    const openid = requiredString(b.openid, 'openid')
    const at = b.at === undefined ? rt.clock.now() : integer(b.at, 'at')
    state.interactions.set(openid, at)
    state.interactionScenes.delete(openid)
    return c.json({ openid, at })
  })

  control.get('/outbox', (c) => {
    const filter: { appId?: string; touser?: string; channel?: string } = {}
    for (const key of ['appId', 'touser', 'channel'] as const) {
      const value = c.req.query(key)
      if (value !== undefined) filter[key] = value
    }
    return bigJson(c, rt.outbox.list(filter))
  })
  control.delete('/outbox', (c) => {
    rt.outbox.clear()
    return c.json({ ok: true })
  })

  control.get('/faults', (c) => c.json(rt.faults.list()))
  control.post('/faults', async (c) => {
    const spec = (await readBody(c)) as Partial<FaultSpec>
    const problem = invalidFault(spec)
    if (problem) throw new ControlError(problem)
    return c.json(rt.faults.add(spec as FaultSpec))
  })
  control.delete('/faults', (c) => {
    rt.faults.clear()
    return c.json({ ok: true })
  })
}

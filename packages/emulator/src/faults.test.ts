import { beforeAll, describe, expect, it } from 'vitest'
import { useEmulator } from '../../../test-support/emulator'

const { emu } = useEmulator({ reset: true })
let tokenUrl: string

beforeAll(async () => {
  tokenUrl = `${emu.url}/cgi-bin/token?grant_type=client_credential&appid=${emu.appId}&secret=${emu.appSecret}`
})

describe('fault injection', () => {
  it('latency delays the answer by ms, then answers normally', async () => {
    await emu.control.fault({ path: '/cgi-bin/token', kind: 'latency', ms: 300 })
    const started = Date.now()
    const res = await fetch(tokenUrl)
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
    expect(await res.json()).toMatchObject({ expires_in: 7200 })
  })

  it('errcode answers -1 by default without running the handler', async () => {
    await emu.control.fault({ path: '/cgi-bin/token', kind: 'errcode' })
    expect(await (await fetch(tokenUrl)).json()).toMatchObject({ errcode: -1, errmsg: expect.stringMatching(/^system error rid: /) })
    expect((await emu.control.counters()).token).toBeUndefined()
  })

  it('errcode answers the given code', async () => {
    await emu.control.fault({ path: '/cgi-bin/token', kind: 'errcode', errcode: 45009 })
    expect(await (await fetch(tokenUrl)).json()).toMatchObject({ errcode: 45009 })
  })

  it('http answers the status (500 by default) with a non-JSON body', async () => {
    await emu.control.fault({ path: '/cgi-bin/token', kind: 'http' })
    await emu.control.fault({ path: '/cgi-bin/token', kind: 'http', status: 502 })
    const first = await fetch(tokenUrl)
    expect(first.status).toBe(500)
    expect(first.headers.get('content-type')).toMatch(/^text\/html/)
    await first.text()
    expect((await fetch(tokenUrl)).status).toBe(502)
  })

  it('reset drops the connection without an answer', async () => {
    await emu.control.fault({ path: '/cgi-bin/token', kind: 'reset' })
    await expect(fetch(tokenUrl)).rejects.toThrow(TypeError)
    expect((await emu.control.counters()).token).toBeUndefined()
  })

  it('malformed answers HTTP 200 with a body that is not JSON', async () => {
    await emu.control.fault({ path: '/cgi-bin/token', kind: 'malformed' })
    const res = await fetch(tokenUrl)
    expect(res.status).toBe(200)
    const text = await res.text()
    expect(() => JSON.parse(text)).toThrow(SyntaxError)
  })

  it("phase 'after' lets the request take effect and loses the answer", async () => {
    await emu.control.fault({ path: '/cgi-bin/token', kind: 'reset', phase: 'after' })
    await expect(fetch(tokenUrl)).rejects.toThrow(TypeError)
    expect((await emu.control.counters()).token).toBe(1)
  })

  it("phase 'after' with errcode, http and malformed replaces a real answer", async () => {
    await emu.control.fault({ path: '/cgi-bin/token', kind: 'errcode', phase: 'after' })
    await emu.control.fault({ path: '/cgi-bin/token', kind: 'http', status: 502, phase: 'after' })
    await emu.control.fault({ path: '/cgi-bin/token', kind: 'malformed', phase: 'after' })
    expect(await (await fetch(tokenUrl)).json()).toMatchObject({ errcode: -1 })
    expect((await fetch(tokenUrl)).status).toBe(502)
    const truncated = await (await fetch(tokenUrl)).text()
    expect(truncated).toMatch(/^\{"access_token":"/)
    expect(() => JSON.parse(truncated)).toThrow(SyntaxError)
    expect((await emu.control.counters()).token).toBe(3)
  })

  it('applies to `times` matching requests, then stops', async () => {
    await emu.control.fault({ path: '/cgi-bin/token', kind: 'errcode', times: 2 })
    expect(await (await fetch(tokenUrl)).json()).toMatchObject({ errcode: -1 })
    expect(await emu.control.faults()).toMatchObject([{ remaining: 1 }])
    expect(await (await fetch(tokenUrl)).json()).toMatchObject({ errcode: -1 })
    expect(await (await fetch(tokenUrl)).json()).toMatchObject({ expires_in: 7200 })
    expect(await emu.control.faults()).toEqual([])
  })

  it('matches a path prefix ending in *, and leaves other paths alone', async () => {
    await emu.control.fault({ path: '/cgi-bin/user/*', kind: 'errcode', errcode: 40003 })
    expect(await (await fetch(tokenUrl)).json()).toMatchObject({ expires_in: 7200 })
    expect(await (await fetch(`${emu.url}/cgi-bin/user/info`)).json()).toMatchObject({ errcode: 40003 })
  })

  it('runs before the token check', async () => {
    await emu.control.fault({ path: '/cgi-bin/message/custom/send', kind: 'errcode' })
    const res = await fetch(`${emu.url}/cgi-bin/message/custom/send`, { method: 'POST', body: '{}' })
    expect(await res.json()).toMatchObject({ errcode: -1 })
  })

  it('is cleared by clearFaults', async () => {
    await emu.control.fault({ path: '/cgi-bin/token', kind: 'errcode', times: 5 })
    await emu.control.clearFaults()
    expect(await (await fetch(tokenUrl)).json()).toMatchObject({ expires_in: 7200 })
  })

  it('relabel answers the real body byte for byte under another Content-Type', async () => {
    await emu.control.fault({ path: '/cgi-bin/token', kind: 'relabel', contentType: 'text/plain' })
    const res = await fetch(tokenUrl)
    expect(res.headers.get('content-type')).toBe('text/plain')
    expect(await res.json()).toMatchObject({ expires_in: 7200 })
    expect((await emu.control.counters()).token).toBe(1)
  })

  it('relabel with contentType null answers with no Content-Type at all', async () => {
    await emu.control.fault({ path: '/cgi-bin/token', kind: 'relabel', contentType: null })
    const res = await fetch(tokenUrl)
    expect(res.headers.has('content-type')).toBe(false)
    expect(await res.json()).toMatchObject({ expires_in: 7200 })
  })

  it('relabel refuses a spec without a contentType', async () => {
    await expect(emu.control.fault({ path: '/cgi-bin/token', kind: 'relabel' })).rejects.toThrow(/relabel needs contentType/)
  })

  it('refuses a spec it cannot apply, saying why', async () => {
    await expect(emu.control.fault({ path: '/cgi-bin/token', kind: 'explode' as 'reset' })).rejects.toThrow(/kind must be one of/)
    await expect(emu.control.fault({ path: 'cgi-bin/token', kind: 'reset' })).rejects.toThrow(/path must/)
    await expect(emu.control.fault({ path: '/cgi-bin/token', kind: 'reset', times: 0 })).rejects.toThrow(/times/)
  })

  it('counts faulted requests in the global counters', async () => {
    await emu.control.fault({ path: '/cgi-bin/token', kind: 'errcode' })
    await fetch(tokenUrl)
    await fetch(tokenUrl)
    expect(await emu.control.globalCounters()).toMatchObject({ requests: 2, 'path:/cgi-bin/token': 2 })
    expect((await emu.control.counters()).token).toBe(1)
  })
})

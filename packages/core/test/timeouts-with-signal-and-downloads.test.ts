// The timeout applies to every kind of call: one that passes its own AbortSignal, and a file
// download while its answer has not started. Once a download's answer has started, the timeout is
// over: the caller may read the file at its own pace. The fixture server holds each answer until the
// test releases it, and the timeout's clock is vitest's fake one, so nothing here waits on real time:
// a timeout that should have fired but did not shows as a call that succeeded.
import type { ServerResponse } from 'node:http'
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest'
import { createClient, type WeChatClient } from '@wxmp/core'
import { startFixtureServer, type FixtureServer } from './fixture-server'

let server: FixtureServer
let wx: WeChatClient
beforeAll(async () => {
  server = await startFixtureServer()
  // A token first, on real timers: the tests below only time their own call.
  wx = createClient({ appId: 'wxfixture', appSecret: 'fixture-secret-value', baseUrl: server.url })
  await wx.getAccessToken()
})
afterAll(() => server.close())
beforeEach(() => {
  // Only the timers: the sockets, and Date.now, stay real.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
})
afterEach(() => {
  vi.useRealTimers()
})

/** Queues an answer for `path` that is held: resolves with the response once the request arrived. */
function hold(path: string): Promise<ServerResponse> {
  return new Promise((resolve) => server.queue(path, (res) => resolve(res)))
}

const FILE_START = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4])
const FILE_REST = Buffer.from([5, 6, 7, 8, 0xff, 0xd9])

it('times out a call that passes its own signal when WeChat does not answer in time', async () => {
  const arrived = hold('/held-json')
  const call = wx.request('/held-json', { signal: new AbortController().signal, timeout: 1000, idempotent: false }).catch((e: unknown) => e)
  const res = await arrived
  vi.advanceTimersByTime(2000)
  // Answered only now: a call still waiting would take this answer and succeed.
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}')
  const error = (await call) as Error
  expect(error).toMatchObject({ name: 'WeChatTransportError', kind: 'timeout' })
  // The message says it was the timeout, and which one, not only that the call failed.
  expect(error.message).toMatch(/^WeChat request timed out: timed out after 1000 ms \(GET /)
})

it('times out a file download whose answer does not start in time', async () => {
  const arrived = hold('/held-file')
  const call = wx.request('/held-file', { responseType: 'response', timeout: 1000, idempotent: false }).catch((e: unknown) => e)
  const res = await arrived
  vi.advanceTimersByTime(2000)
  res.writeHead(200, { 'content-type': 'image/jpeg' }).end(Buffer.concat([FILE_START, FILE_REST]))
  expect(await call).toMatchObject({ name: 'WeChatTransportError', kind: 'timeout' })
})

it('lets the caller read a download for longer than its timeout once the answer has started', async () => {
  const arrived = hold('/slow-read')
  const call = wx.request('/slow-read', { responseType: 'response', timeout: 1000, idempotent: false })
  const res = await arrived
  res.writeHead(200, { 'content-type': 'image/jpeg' })
  res.write(FILE_START)
  const reader = (await call).body!.getReader()
  const chunks: Uint8Array[] = []
  const first = await reader.read()
  chunks.push(first.value!)
  // The caller is still reading, five timeouts later.
  vi.advanceTimersByTime(5000)
  res.end(FILE_REST)
  for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value)
  expect(Buffer.concat(chunks)).toEqual(Buffer.concat([FILE_START, FILE_REST]))
})

it('keeps a download readable when calls started together with it time out', async () => {
  const fileArrived = hold('/file-beside-slow')
  const slowArrived = hold('/slow-beside-file')
  const slowFileArrived = hold('/slow-file-beside-file')
  // Started together, with the same timeout: a JSON call and another download that get no answer.
  const download = wx.request('/file-beside-slow', { responseType: 'response', timeout: 1000, idempotent: false })
  const slow = wx.request('/slow-beside-file', { timeout: 1000, idempotent: false }).catch((e: unknown) => e)
  const slowFile = wx
    .request('/slow-file-beside-file', { responseType: 'response', timeout: 1000, idempotent: false })
    .catch((e: unknown) => e)
  const res = await fileArrived
  res.writeHead(200, { 'content-type': 'image/jpeg' })
  res.write(FILE_START)
  const reader = (await download).body!.getReader()
  const chunks: Uint8Array[] = [(await reader.read()).value!]
  await Promise.all([slowArrived, slowFileArrived])
  vi.advanceTimersByTime(2000)
  expect(await slow).toMatchObject({ name: 'WeChatTransportError', kind: 'timeout' })
  expect(await slowFile).toMatchObject({ name: 'WeChatTransportError', kind: 'timeout' })
  res.end(FILE_REST)
  for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value)
  expect(Buffer.concat(chunks)).toEqual(Buffer.concat([FILE_START, FILE_REST]))
})

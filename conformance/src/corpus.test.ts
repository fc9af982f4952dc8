// Every documented request and answer in ../data, through the SDK function that makes it, against a
// recording server: what we send must be what WeChat documents (method, path, query, body field
// names, types, nesting, msgtype values, multipart field names), and what WeChat documents answering
// must come back typed (fields mapped, 64-bit ids exact, errcodes thrown as WeChatApiError).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isWeChatApiError } from '@wxmp/core'
import { errcodeOf, loadCorpus, type DocEntry, type DocField } from './corpus'
import { startRecorder, type Recorded, type Recorder } from './recorder'
import { makeEnv, type Case, type Env } from './cases/types'
import { cases } from './cases'

const corpus = loadCorpus()
let recorder: Recorder
let env: Env

beforeAll(async () => {
  recorder = await startRecorder()
  env = makeEnv(recorder.url)
})
afterAll(() => recorder.close())

async function run(entry: DocEntry, answerName: string): Promise<{ result?: unknown; error?: unknown; request: Recorded | undefined }> {
  const c = cases[entry.id] as Case
  recorder.answerWith(entry.answers[answerName]!)
  recorder.requests.length = 0
  try {
    const result = await c.call(env)
    return { result, request: recorder.requests.at(-1) }
  } catch (error) {
    return { error, request: recorder.requests.at(-1) }
  }
}

/** The test app's secret and tokens (the docs' placeholders) never show in an error. */
const SECRETS = ['APPSECRET', 'ACCESS_TOKEN', 'REFRESH_TOKEN']
function expectNoSecrets(error: unknown): void {
  const e = error as Error
  const text = [String(e), e.message, JSON.stringify(e), e.stack ?? ''].join('\n')
  for (const secret of SECRETS) expect(text, `the error shows ${secret}`).not.toContain(secret)
}

function expectField(name: string, got: unknown, want: DocField): void {
  if (typeof want === 'string') return void expect(got, `multipart field ${name}`).toBe(want)
  if ('json' in want) return void expect(JSON.parse(String(got)), `multipart field ${name} (JSON)`).toEqual(want.json)
  expect(got, `multipart field ${name} is a file`).toMatchObject({
    file: true,
    ...(want.filename ? { filename: want.filename } : {}),
    ...(want.contentType ? { contentType: want.contentType } : {}),
  })
}

it('has an SDK call for every documented entry, and a documented entry for every case', () => {
  const ids = corpus.flatMap((a) => a.entries.map((e) => e.id))
  expect(ids.filter((id) => !(id in cases))).toEqual([])
  expect(Object.keys(cases).filter((id) => !ids.includes(id))).toEqual([])
  expect(new Set(ids).size).toBe(ids.length)
})

for (const area of corpus) {
  describe(area.area, () => {
    for (const entry of area.entries) {
      const names = Object.keys(entry.answers)
      const first = names[0]!

      it(`${entry.id}: sends the request WeChat documents (${entry.request.method} ${entry.request.path})`, async () => {
        const { request, error } = await run(entry, first)
        expect(request, `no request reached the server${error ? `: ${String(error)}` : ''}`).toBeDefined()
        const doc = entry.request
        expect(request!.method).toBe(doc.method)
        expect(request!.path).toBe(doc.path)
        expect(request!.query).toEqual(doc.query ?? {})
        if (doc.multipart) {
          expect(request!.headers['content-type'], 'uploads are multipart').toMatch(/^multipart\/form-data; ?boundary=/)
          expect(Object.keys(request!.multipart ?? {}).sort(), 'multipart field names').toEqual(Object.keys(doc.multipart).sort())
          for (const [name, want] of Object.entries(doc.multipart)) expectField(name, request!.multipart![name], want)
        } else {
          // WeChat reads POST bodies as UTF-8 JSON.
          if (doc.body !== undefined) expect(request!.headers['content-type'], 'JSON bodies say so').toMatch(/^application\/json/)
          expect(request!.body).toEqual(doc.body ?? null)
          // Chinese goes out as raw UTF-8: some endpoints answer 40033 to \uXXXX escapes.
          expect(request!.raw, 'no \\uXXXX escapes').not.toMatch(/\\u[0-9a-fA-F]{4}/)
        }
      })

      for (const name of names) {
        const answer = entry.answers[name]!
        const errcode = errcodeOf(answer)
        const want = (cases[entry.id] as Case | undefined)?.expect?.[name]
        const thrown = (cases[entry.id] as Case | undefined)?.throws?.[name]
        if (thrown) {
          it(`${entry.id}: throws what it documents on WeChat's documented ${name} answer`, async () => {
            const { error } = await run(entry, name)
            expect(error, 'an error').toBeDefined()
            thrown(error)
            expectNoSecrets(error)
            expect(recorder.requests, 'asked once').toHaveLength(1)
          })
        } else if (errcode !== 0 && want === undefined) {
          it(`${entry.id}: throws WeChatApiError ${errcode} on WeChat's documented ${name} answer`, async () => {
            const { error } = await run(entry, name)
            expect(isWeChatApiError(error), String(error)).toBe(true)
            expect((error as { errcode: number }).errcode).toBe(errcode)
            expectNoSecrets(error)
            // Retries are off in these clients: a second request would be a token refresh taken for
            // a platform-token error (wrong on the sns endpoints, whose token is the user's).
            expect(recorder.requests, 'asked once').toHaveLength(1)
          })
        } else if (want !== undefined) {
          it(`${entry.id}: reads WeChat's documented ${name} answer into the typed result`, async () => {
            const { result, error } = await run(entry, name)
            expect(error).toBeUndefined()
            if (typeof want === 'function') await (want as (r: unknown) => unknown)(result)
            else if (want !== null && typeof want === 'object') expect(result).toMatchObject(want)
            else expect(result).toEqual(want)
          })
        }
      }
    }
  })
}

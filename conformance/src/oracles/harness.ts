// Running other people's SDKs, unchanged, against the emulator: an emulator with followers in the
// 48-hour window, files on disk for their path-taking upload methods, and the SDK instance's own
// `request` method pointed at the emulator (they build https://api.weixin.qq.com, file.api... and
// mp.weixin.qq.com URLs, some hard-coded inside methods: the host is rewritten, nothing else).
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '@wxmp/emulator'

export interface OracleEnv {
  readonly emu: Emulator
  /** Followers who wrote in the last 48 hours (custom messages reach them). */
  readonly a: string
  readonly b: string
  /** Files their upload methods read by path. */
  readonly files: { readonly jpg: string; readonly png: string; readonly mp4: string; readonly amr: string; readonly mp3: string }
  close(): Promise<void>
}

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9])
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])
const MP4 = Buffer.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x6d, 0x70, 0x34, 0x32, 0, 0, 0, 0])
const AMR = Buffer.from('#!AMR\n\u0000\u0000\u0000\u0000', 'latin1')
const MP3 = Buffer.from([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 0, 0xff, 0xfb])

export async function startOracleEnv(): Promise<OracleEnv> {
  const emu = await startEmulator({ port: 0 })
  const a = await emu.control.followerAt(0)
  const b = await emu.control.followerAt(1)
  await emu.control.interact(a)
  await emu.control.interact(b)
  const dir = await mkdtemp(join(tmpdir(), 'wxmp-oracles-'))
  const files = {
    jpg: join(dir, 'photo.jpg'),
    png: join(dir, 'photo.png'),
    mp4: join(dir, 'clip.mp4'),
    amr: join(dir, 'voice.amr'),
    mp3: join(dir, 'voice.mp3'),
  }
  await Promise.all([
    writeFile(files.jpg, JPEG),
    writeFile(files.png, PNG),
    writeFile(files.mp4, MP4),
    writeFile(files.amr, AMR),
    writeFile(files.mp3, MP3),
  ])
  return {
    emu,
    a,
    b,
    files,
    async close() {
      await emu.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

const WECHAT_HOSTS = /^https?:\/\/(?:api|file\.api|mp|sh\.api|sz\.api|hk\.api|api2)\.weixin\.qq\.com/

/** Rewrites the host of every URL the instance requests; the SDK's own code runs as published. */
export function pointAtEmulator<T extends { request: (url: string, ...rest: never[]) => unknown }>(api: T, emulatorUrl: string): T {
  const original = api.request.bind(api) as (url: string, ...rest: unknown[]) => unknown
  ;(api as unknown as { request: (url: string, ...rest: unknown[]) => unknown }).request = (url: string, ...rest: unknown[]) =>
    original(url.replace(WECHAT_HOSTS, emulatorUrl), ...rest)
  return api
}

/** One method run: what it is called, how to call it, and (for the explicit list) why it must fail. */
export interface OracleCall<S> {
  readonly name: string
  readonly run: (sdk: S) => Promise<unknown>
  /** Set for the SDK's own bugs and retired endpoints: the call must still fail, for this reason. */
  readonly fails?: string
}

/** A summary line for the report: how many of the calls outside the explicit list worked. */
export function tally<S>(results: ReadonlyMap<string, boolean>, calls: readonly OracleCall<S>[]): string {
  const expected = calls.filter((c) => !c.fails)
  const worked = expected.filter((c) => results.get(c.name) === true).length
  const failing = calls.filter((c) => c.fails)
  return `${worked} of ${expected.length} calls worked; ${failing.length} listed as the SDK's own bugs or retired endpoints (${failing.filter((c) => results.get(c.name) === false).length} still fail); ${worked + failing.filter((c) => results.get(c.name) === true).length} of ${calls.length} in all`
}

/**
 * The runner both oracle files share: a test per call, in order (later calls use what earlier ones
 * made); a listed call must still fail, every other must work. The n-of-m tally is logged after.
 */
export function describeOracle<S>(title: string, calls: readonly OracleCall<S>[], sdk: () => S): void {
  const results = new Map<string, boolean>()
  afterAll(() => console.log(`${title}: ${tally(results, calls)}`))
  describe(title, () => {
    for (const call of calls) {
      if (call.fails) {
        it(`api.${call.name} still fails: ${call.fails}`, async () => {
          const ok = await call.run(sdk()).then(
            () => true,
            () => false,
          )
          results.set(call.name, ok)
          expect(ok).toBe(false)
        })
      } else {
        it(`api.${call.name} works`, async () => {
          results.set(call.name, false)
          await call.run(sdk())
          results.set(call.name, true)
        })
      }
    }
  })
}

/**
 * Fetches the image URL an SDK builds for a ticket holding '+', the character an unencoded query
 * turns into a space; throws unless the image comes back.
 */
export async function showQrCode(
  emulatorUrl: string,
  showUrl: (ticket: string) => string,
  create: () => Promise<{ ticket?: unknown }>,
): Promise<void> {
  let ticket = ''
  for (let i = 0; i < 50 && !ticket.includes('+'); i++) ticket = String((await create()).ticket)
  if (!ticket.includes('+')) throw new Error('no ticket with + in 50 tries')
  const res = await fetch(showUrl(ticket).replace(/^https:\/\/mp\.weixin\.qq\.com/, emulatorUrl))
  await res.arrayBuffer()
  if (res.status !== 200 || !/^image\//.test(res.headers.get('content-type') ?? '')) throw new Error(`showqrcode answered ${res.status}`)
}

// Benchmark: peak memory of uploading and downloading a 10 MB video with @wxmp/media. The emulator
// runs in a child process, so the figures are the SDK process's alone. Figures, never pass/fail.
// Alone: `pnpm exec tsx bench/src/media-memory.ts`.
import { fork, type ChildProcess } from 'node:child_process'
import { mkdtempSync, openAsBlob, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { createClient, type WeChatClient } from '@wxmp/core'
import { startEmulator } from '@wxmp/emulator'
import { downloadMediaUrl, downloadTemporaryMedia, uploadTemporaryMedia } from '@wxmp/media'
import { fileFromPath } from '@wxmp/media/node'

export interface MediaMemoryPhase {
  /** What was measured. */
  readonly phase: string
  readonly ms: number
  /** RSS growth over the phase's start: the most seen while it ran. */
  readonly rssPeakDeltaMb: number
  /** Growth of memory held by ArrayBuffers / Blobs-in-JS (`process.memoryUsage().arrayBuffers`). */
  readonly arrayBuffersPeakDeltaMb: number
  readonly heapPeakDeltaMb: number
}

export interface MediaMemoryFigures {
  readonly name: 'media-memory'
  readonly fileMb: number
  readonly rssStartMb: number
  readonly phases: readonly MediaMemoryPhase[]
}

const SIZE = 10 * 1024 * 1024
const CHILD_FLAG = '--media-bench-emulator'
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10

interface Started {
  url: string
  appId: string
  appSecret: string
}

function startChild(): Promise<{ child: ChildProcess; started: Started }> {
  const child = fork(fileURLToPath(import.meta.url), [CHILD_FLAG], { stdio: 'inherit' })
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`emulator child exited with ${code}`)))
    child.once('message', (started) => resolve({ child, started: started as Started }))
  })
}

// A full GC before each phase, so one phase's garbage is not counted against (or hidden from) the
// next; works without starting node with --expose-gc.
setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

/** Runs `work`, sampling memory every 2 ms; growth is against the moment it started. */
async function measure(phase: string, work: () => Promise<void>): Promise<MediaMemoryPhase> {
  gc()
  const start = process.memoryUsage()
  const peak = { rss: start.rss, arrayBuffers: start.arrayBuffers, heap: start.heapUsed }
  const sample = () => {
    const m = process.memoryUsage()
    peak.rss = Math.max(peak.rss, m.rss)
    peak.arrayBuffers = Math.max(peak.arrayBuffers, m.arrayBuffers)
    peak.heap = Math.max(peak.heap, m.heapUsed)
  }
  const timer = setInterval(sample, 2)
  const t0 = performance.now()
  try {
    await work()
  } finally {
    clearInterval(timer)
    sample()
  }
  return {
    phase,
    ms: Math.round(performance.now() - t0),
    rssPeakDeltaMb: mb(peak.rss - start.rss),
    arrayBuffersPeakDeltaMb: mb(peak.arrayBuffers - start.arrayBuffers),
    heapPeakDeltaMb: mb(peak.heap - start.heapUsed),
  }
}

async function videoUrl(wx: WeChatClient, mediaId: string): Promise<string> {
  const media = await downloadTemporaryMedia(wx, mediaId)
  if (media.kind !== 'video') throw new Error('a video media answers its URL')
  return media.videoUrl
}

export async function run(): Promise<MediaMemoryFigures> {
  const { child, started } = await startChild()
  const dir = mkdtempSync(join(tmpdir(), 'wxmp-media-bench-'))
  try {
    const wx = createClient({ appId: started.appId, appSecret: started.appSecret, baseUrl: started.url, timeout: 120_000 })
    await wx.getAccessToken()
    const path = join(dir, 'video.mp4')
    writeFileSync(path, new Uint8Array(SIZE).fill(7))
    // Warm up the code paths (module loading, the connection) with a small file, then one 10 MB
    // upload by hand: the first large body any code sends maps memory (undici's and the
    // allocator's) that a running app already has, so it is not counted against the first phase.
    await uploadTemporaryMedia(wx, 'video', new Uint8Array(1024), { filename: 'warm.mp4' })
    const token = await wx.getAccessToken()
    const byHand = async (): Promise<void> => {
      const form = new FormData()
      form.append('media', await openAsBlob(path, { type: 'video/mp4' }), 'video.mp4')
      const res = await fetch(`${started.url}/cgi-bin/media/upload?type=video&access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        body: form,
      })
      if (!res.ok || !((await res.json()) as { media_id?: string }).media_id) throw new Error('hand-written upload failed')
    }
    await byHand()
    const rssStart = process.memoryUsage.rss()
    const phases: MediaMemoryPhase[] = []
    let mediaId = ''

    // The baseline: the same file sent by a hand-written fetch of a FormData (what the SDK sends).
    phases.push(await measure('baseline: hand-written fetch, FormData of openAsBlob', byHand))

    phases.push(
      await measure('upload from disk (fileFromPath)', async () => {
        mediaId = (await uploadTemporaryMedia(wx, 'video', await fileFromPath(path))).mediaId
      }),
    )
    async function* chunks() {
      for (let sent = 0; sent < SIZE; sent += 65_536) yield new Uint8Array(Math.min(65_536, SIZE - sent)).fill(7)
    }
    phases.push(
      await measure('upload from a stream of 64 KB chunks, with options.size (streamed)', async () => {
        await uploadTemporaryMedia(wx, 'video', chunks(), { filename: 'stream.mp4', size: SIZE })
      }),
    )
    phases.push(
      await measure('upload from a stream of 64 KB chunks, length unknown (read into memory first)', async () => {
        await uploadTemporaryMedia(wx, 'video', chunks(), { filename: 'stream.mp4' })
      }),
    )
    const url = await videoUrl(wx, mediaId)
    phases.push(
      await measure('download, streamed and discarded', async () => {
        const video = await downloadMediaUrl(wx, url)
        const reader = video.body.getReader()
        let n = 0
        for (let r = await reader.read(); !r.done; r = await reader.read()) n += r.value.byteLength
        if (n !== SIZE) throw new Error(`streamed ${n} bytes, expected ${SIZE}`)
      }),
    )
    phases.push(
      await measure('download into one Uint8Array (bytes())', async () => {
        const bytes = await (await downloadMediaUrl(wx, url)).bytes()
        if (bytes.byteLength !== SIZE) throw new Error(`read ${bytes.byteLength} bytes, expected ${SIZE}`)
      }),
    )
    return { name: 'media-memory', fileMb: mb(SIZE), rssStartMb: mb(rssStart), phases }
  } finally {
    rmSync(dir, { recursive: true, force: true })
    child.removeAllListeners('exit')
    child.kill()
  }
}

export function toMarkdown(figures: MediaMemoryFigures): string {
  const rows = figures.phases.map(
    (p) => `| ${p.phase} | ${p.ms} | ${p.rssPeakDeltaMb} | ${p.arrayBuffersPeakDeltaMb} | ${p.heapPeakDeltaMb} |`,
  )
  return [
    `Memory of moving one ${figures.fileMb} MB video (RSS at start ${figures.rssStartMb} MB; growth is the peak over each phase's start):`,
    '',
    '| phase | ms | RSS peak growth (MB) | ArrayBuffer peak growth (MB) | heap peak growth (MB) |',
    '|---|---:|---:|---:|---:|',
    ...rows,
  ].join('\n')
}

const isMain = import.meta.url === pathToFileURL(process.argv[1] ?? '').href
if (process.argv.includes(CHILD_FLAG)) {
  // The emulator side: start, tell the parent where, then serve until killed.
  const emu = await startEmulator({ port: 0 })
  process.send?.({ url: emu.url, appId: emu.appId, appSecret: emu.appSecret } satisfies Started)
} else if (isMain) {
  const figures = await run()
  console.log(toMarkdown(figures))
  console.log(JSON.stringify(figures))
}

// What the package's tests share: an emulator and a client per file, and permanent covers.
import { afterAll, beforeAll } from 'vitest'
import { createClient, type WeChatClient } from '@wxmp/core'
import { startEmulator, type Emulator } from '@wxmp/emulator'

export interface Env {
  emu: Emulator
  wx: WeChatClient
  /** A permanent image material's media id, made through add_material. */
  image(): Promise<string>
  /** Requests the emulator saw on `path`. */
  calls(path: string): Promise<number>
}

export function useEmulator(): Env {
  const env = {} as Env
  beforeAll(async () => {
    env.emu = await startEmulator({ port: 0 })
    env.wx = createClient({ appId: env.emu.appId, appSecret: env.emu.appSecret, baseUrl: env.emu.url })
  })
  afterAll(() => env.emu.close())
  env.image = async () => {
    const form = new FormData()
    form.append('media', new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 1, 2, 3])], { type: 'image/jpeg' }), 'cover.jpg')
    const answer = await env.wx.request<{ media_id: string }>('/cgi-bin/material/add_material', { query: { type: 'image' }, body: form })
    return answer.media_id
  }
  env.calls = async (path) => (await env.emu.control.counters())[`path:${path}`] ?? 0
  return env
}

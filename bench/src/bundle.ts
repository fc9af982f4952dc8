// Bundle size of a "send one text message" app per side: esbuild, bundled, minified, platform
// node (these SDKs are Node CJS packages), gzip level 9. Node built-ins stay external. When a
// package does not bundle, the row carries esbuild's first error instead of a size.
import { build, type Plugin } from 'esbuild'
import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import { round } from './stats'

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url))
const STUB = fileURLToPath(new URL('./sides/stubs/provider-interface.cjs', import.meta.url))

const env = `const { APP_ID, APP_SECRET, OPENID } = process.env`

interface App {
  readonly name: string
  readonly code: string
  readonly plugins?: Plugin[]
  readonly note?: string
}

/** The same job in each style: create a client from env, send "hello" to one user. */
const APPS: App[] = [
  {
    name: 'hand-written fetch',
    code: `${env}
const tokenRes = await fetch('https://api.weixin.qq.com/cgi-bin/stable_token', { method: 'POST', headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ grant_type: 'client_credential', appid: APP_ID, secret: APP_SECRET }) })
const { access_token } = await tokenRes.json()
const res = await fetch('https://api.weixin.qq.com/cgi-bin/message/custom/send?access_token=' + access_token, { method: 'POST',
  headers: { 'content-type': 'application/json' }, body: JSON.stringify({ touser: OPENID, msgtype: 'text', text: { content: 'hello' } }) })
const data = await res.json()
if (data.errcode) throw new Error(data.errmsg)`,
  },
  {
    name: 'wxmp (createClient + sendText)',
    code: `import { createClient } from '@wxmp/core'
import { sendText } from '@wxmp/custom'
${env}
await sendText(createClient({ appId: APP_ID, appSecret: APP_SECRET }), OPENID, 'hello')`,
  },
  {
    name: 'wxmp (createClient + wx.request)',
    code: `import { createClient } from '@wxmp/core'
${env}
await createClient({ appId: APP_ID, appSecret: APP_SECRET }).request('/cgi-bin/message/custom/send', { json: { touser: OPENID, msgtype: 'text', text: { content: 'hello' } } })`,
  },
  {
    name: 'co-wechat-api',
    code: `import API from 'co-wechat-api'
${env}
await new API(APP_ID, APP_SECRET).sendText(OPENID, 'hello')`,
  },
  {
    name: 'wechat-api',
    code: `import API from 'wechat-api'
${env}
new API(APP_ID, APP_SECRET).sendText(OPENID, 'hello', (err) => { if (err) throw err })`,
  },
  {
    name: 'node-easywechat',
    code: `import { OfficialAccount } from 'node-easywechat'
${env}
const res = await new OfficialAccount({ app_id: APP_ID, secret: APP_SECRET }).getClient().postJson('cgi-bin/message/custom/send', { touser: OPENID, msgtype: 'text', text: { content: 'hello' } })
if (res.toObject().errcode) throw new Error(res.toObject().errmsg)`,
  },
  {
    name: 'node-easywechat (stubbed ProviderInterface)',
    note: 'node-socialite 1.5.x lacks dist/Core/ProviderInterface; bundled with a one-line stub for it',
    plugins: [
      {
        name: 'stub-provider-interface',
        setup(b) {
          b.onResolve({ filter: /^node-socialite\/dist\/Core\/ProviderInterface$/ }, () => ({ path: STUB }))
        },
      },
    ],
    code: `import { OfficialAccount } from 'node-easywechat'
${env}
const res = await new OfficialAccount({ app_id: APP_ID, secret: APP_SECRET }).getClient().postJson('cgi-bin/message/custom/send', { touser: OPENID, msgtype: 'text', text: { content: 'hello' } })
if (res.toObject().errcode) throw new Error(res.toObject().errmsg)`,
  },
]

export interface BundleRow {
  readonly app: string
  readonly minifiedBytes?: number
  readonly gzipBytes?: number
  /** gzip size over the hand-written fetch app's. */
  readonly vsFetch?: number
  readonly error?: string
  readonly note?: string
}

export async function runBundle(log: (line: string) => void): Promise<BundleRow[]> {
  const sized: { app: App; min?: number; gz?: number; error?: string }[] = []
  for (const app of APPS) {
    try {
      const result = await build({
        stdin: { contents: app.code, resolveDir: BENCH_DIR, loader: 'js', sourcefile: 'app.mjs' },
        bundle: true,
        minify: true,
        format: 'esm',
        platform: 'node',
        target: 'node20',
        write: false,
        logLevel: 'silent',
        plugins: app.plugins ?? [],
        // Resolve @wxmp/* through package.json `exports` (the builds users install), not the
        // monorepo's tsconfig paths to sources.
        tsconfigRaw: {},
      })
      const code = result.outputFiles[0]!.contents
      sized.push({ app, min: code.length, gz: gzipSync(code, { level: 9 }).length })
    } catch (error) {
      const e = error as { errors?: { text: string }[]; message: string }
      sized.push({ app, error: (e.errors?.[0]?.text ?? e.message).split('\n')[0]! })
      log(`  bundle ${app.name}: ${sized.at(-1)!.error}`)
    }
  }
  const base = sized[0]!.gz ?? NaN
  return sized.map(({ app, min, gz, error }) => ({
    app: app.name,
    ...(min !== undefined ? { minifiedBytes: min, gzipBytes: gz!, vsFetch: round(gz! / base, 1) } : {}),
    ...(error ? { error } : {}),
    ...(app.note ? { note: app.note } : {}),
  }))
}

#!/usr/bin/env node
// Tree-shaking proof: bundles an app that imports ONE function of a package (from its built dist,
// by package name from an app directory holding the packages as installed, scripts/lib/installed-app.mjs;
// esbuild, minified, browser platform, as an app bundler would) and greps the bundle. The function's
// own endpoint path must be there (so the bundle is real), and no other function's path may be.
// A case whose package is not built, or does not export the function yet, prints "not built";
// once it is exported the case must pass. One line per case; exits 1 on any failure.
import { build } from 'esbuild'
import { createInstalledApp } from './lib/installed-app.mjs'

const app = createInstalledApp()
process.on('exit', app.dispose)
/** A string only ky's code carries: pure helpers must not bundle the HTTP client. */
const KY = 'Request failed after all retries'
/** Strings only the errcode table carries: core must not bundle it unless @wxmp/core/errcodes is imported. */
const ERRCODE_TABLE = ['系统繁忙', 'invalid grant_type', 'invalid media_id']
/** The client's token endpoint: pure helpers must not bundle the client. */
const CLIENT = '/cgi-bin/stable_token'
/** Brands of error classes (Symbol.for keys): a single-file dist kept them in every bundle (issue 17). */
const CORE_ERRORS = 'wxmp.error'
const OAUTH_ERRORS = 'wxmp.oauth-error'

const cases = [
  // JS-SDK config signing (sha1 over jsapi_ticket, noncestr, timestamp, url: appendix 1 of
  // https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html) needs neither core nor ky.
  { pkg: 'jssdk/sign', fn: 'signJsApiConfig', has: ['jsapi_ticket'], not: [KY, CLIENT, CORE_ERRORS, ...ERRCODE_TABLE] },
  { pkg: 'jssdk', fn: 'signJsApiConfig', has: ['jsapi_ticket'], not: [KY, CLIENT, CORE_ERRORS, ...ERRCODE_TABLE] },
  // The push receiver for Workers and browser-like runtimes: no client, no Node adapter.
  // It may ask the runtime for node:crypto (process.getBuiltinModule('node:crypto'), issue 30), but
  // never import it, nor bundle the /node adapter.
  {
    pkg: 'server',
    fn: 'createMessageServer',
    has: ['ToUserName'],
    not: [KY, CLIENT, 'from"node:crypto"', 'require("node:crypto")', 'toNodeHandler:', 'node:http', ...ERRCODE_TABLE],
  },
  { pkg: 'core', fn: 'createClient', has: [CLIENT], not: [...ERRCODE_TABLE, '/cgi-bin/openapi/', '/cgi-bin/clear_quota'] },
  {
    pkg: 'core/openapi',
    fn: 'getRidInfo',
    has: ['/cgi-bin/openapi/rid/get'],
    not: ['/cgi-bin/clear_quota', '/cgi-bin/callback/check', '/cgi-bin/getcallbackip', '/cgi-bin/openapi/quota/get', ...ERRCODE_TABLE],
  },
  {
    pkg: 'core/validate',
    fn: 'assertString',
    has: ['must be a string'],
    not: [KY, CLIENT, CORE_ERRORS, 'must be an absolute http(s) URL', ...ERRCODE_TABLE],
  },
  { pkg: 'core/errcodes', fn: 'describeErrcode', has: ['invalid grant_type'], not: [KY, CLIENT] },
  {
    pkg: 'custom',
    fn: 'sendText',
    has: ['/cgi-bin/message/custom/send'],
    not: ['/customservice/kfaccount', '/cgi-bin/customservice/', '/cgi-bin/message/custom/typing', ...ERRCODE_TABLE],
  },
  {
    pkg: 'custom',
    fn: 'setTyping',
    has: ['/cgi-bin/message/custom/typing'],
    not: ['/cgi-bin/message/custom/send', '/customservice/kfaccount'],
  },
  {
    pkg: 'user',
    fn: 'getUserInfo',
    has: ['/cgi-bin/user/info'],
    not: ['/cgi-bin/user/get', 'info/batchget', 'info/updateremark', 'batchblacklist', 'getblacklist'],
  },
  { pkg: 'user', fn: 'iterateFollowers', has: ['/cgi-bin/user/get'], not: ['/cgi-bin/user/info', 'batchblacklist', 'getblacklist'] },
  {
    pkg: 'groups',
    fn: 'createTag',
    has: ['/cgi-bin/tags/create'],
    not: ['/cgi-bin/groups/', '/cgi-bin/tags/delete', 'batchtagging', 'batchuntagging', '/cgi-bin/user/tag/get'],
  },
  {
    pkg: 'groups',
    fn: 'createGroup',
    has: ['/cgi-bin/groups/create'],
    not: ['/cgi-bin/tags/', '/cgi-bin/groups/delete', 'members/batchupdate'],
  },
  {
    pkg: 'mass',
    fn: 'previewMassMessage',
    has: ['/cgi-bin/message/mass/preview'],
    not: ['/cgi-bin/message/mass/delete', '/cgi-bin/message/mass/get', '/cgi-bin/message/mass/speed', 'mass/sendall'],
  },
  {
    pkg: 'media',
    fn: 'uploadTemporaryMedia',
    has: ['/cgi-bin/media/upload'],
    not: ['/cgi-bin/material/', '/cgi-bin/media/uploadimg', '/cgi-bin/media/uploadnews', '/cgi-bin/media/get'],
  },
  {
    pkg: 'media',
    fn: 'getMaterialCount',
    has: ['/cgi-bin/material/get_materialcount'],
    not: ['/cgi-bin/media/', 'add_material', 'del_material', 'batchget_material', 'wxmp.media.size-error'],
  },
  { pkg: 'template', fn: 'sendTemplateMessage', has: ['/cgi-bin/message/template/send'], not: ['/cgi-bin/template/'] },
  {
    pkg: 'template',
    fn: 'listTemplates',
    has: ['/cgi-bin/template/get_all_private_template'],
    not: ['/cgi-bin/message/template/send', 'api_add_template', 'del_private_template', 'api_set_industry'],
  },
  // The open tag's detail reader is browser code: no client, no ky, no core.
  {
    pkg: 'subscribe/open-tag',
    fn: 'parseSubscribeDetails',
    has: ['subscribeDetails'],
    not: [KY, CLIENT, CORE_ERRORS, '/cgi-bin/', '/wxaapi/'],
  },
  { pkg: 'subscribe', fn: 'sendSubscribeMessage', has: ['/cgi-bin/message/subscribe/bizsend'], not: ['/wxaapi/newtmpl/'] },
  {
    pkg: 'subscribe',
    fn: 'listSubscribeTemplates',
    has: ['/wxaapi/newtmpl/gettemplate'],
    not: ['/cgi-bin/message/subscribe/bizsend', '/wxaapi/newtmpl/addtemplate', '/wxaapi/newtmpl/deltemplate', 'getpubtemplatetitles'],
  },
  { pkg: 'qrcode', fn: 'qrCodeImageUrl', has: ['showqrcode'], not: ['/cgi-bin/qrcode/create', KY, CLIENT, CORE_ERRORS] },
  { pkg: 'qrcode', fn: 'createTemporaryQrCode', has: ['/cgi-bin/qrcode/create'], not: ['showqrcode'] },
  {
    pkg: 'publish',
    fn: 'addDraft',
    has: ['/cgi-bin/draft/add'],
    not: ['/cgi-bin/freepublish/', '/cgi-bin/draft/batchget', '/cgi-bin/draft/delete'],
  },
  {
    pkg: 'publish',
    fn: 'getPublishStatus',
    has: ['/cgi-bin/freepublish/get'],
    not: ['/cgi-bin/draft/', '/cgi-bin/freepublish/submit', '/cgi-bin/freepublish/batchget', 'title must be'],
  },
  // The key helper goes into push receivers: no client, no HTTP, no menu endpoints.
  { pkg: 'menu', fn: 'menuEventKey', has: ['location_select'], not: ['/cgi-bin/menu/', KY, CLIENT, CORE_ERRORS, ...ERRCODE_TABLE] },
  {
    pkg: 'menu',
    fn: 'createMenu',
    has: ['/cgi-bin/menu/create'],
    not: ['/cgi-bin/menu/addconditional', '/cgi-bin/menu/trymatch', 'get_current_selfmenu_info', 'news_info'],
  },
  {
    pkg: 'menu',
    fn: 'tryMatchMenu',
    has: ['/cgi-bin/menu/trymatch'],
    not: ['/cgi-bin/menu/create', '/cgi-bin/menu/addconditional', 'carries no action of its own'],
  },
  {
    pkg: 'oauth',
    fn: 'buildAuthorizeUrl',
    has: ['/connect/oauth2/authorize'],
    not: ['/connect/qrconnect', '/sns/oauth2/access_token', '/sns/userinfo', 'HMAC', KY, CLIENT, CORE_ERRORS, OAUTH_ERRORS],
  },
  { pkg: 'oauth', fn: 'createState', has: ['HMAC'], not: ['/connect/oauth2/authorize', '/sns/', KY, CLIENT, CORE_ERRORS, OAUTH_ERRORS] },
  // The error classifier names '/sns/userinfo' and '/sns/auth' as data, so the profile's and the
  // refresh's own code is looked for instead: the refresh path and the profile's wire fields.
  {
    pkg: 'oauth',
    fn: 'exchangeCode',
    has: ['/sns/oauth2/access_token'],
    not: ['/sns/oauth2/refresh_token', 'headimgurl', '/connect/oauth2/authorize', 'HMAC'],
  },
  {
    pkg: 'oauth',
    fn: 'getOAuthUserInfo',
    has: ['/sns/userinfo', 'headimgurl'],
    not: ['/sns/oauth2/access_token', '/sns/oauth2/refresh_token', '/connect/', 'HMAC'],
  },
]

async function bundle(pkg, fn) {
  const result = await build({
    stdin: { contents: `export { ${fn} } from '@wxmp/${pkg}'`, resolveDir: app.dir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    tsconfig: app.tsconfig,
  })
  return result.outputFiles[0].text
}

function exported(pkg, fn) {
  return app.exportsOf(`@wxmp/${pkg}`)?.includes(fn) ?? false
}

let failed = 0
let passed = 0
console.log("\nTree-shaking (one function bundled from dist: its own path present, no other function's)")
for (const c of cases) {
  const label = `@wxmp/${c.pkg} ${c.fn}`.padEnd(42)
  if (!exported(c.pkg, c.fn)) {
    console.log(`-    ${label} not built`)
    continue
  }
  const code = await bundle(c.pkg, c.fn)
  const missing = c.has.filter((s) => !code.includes(s))
  const leaked = c.not.filter((s) => code.includes(s))
  const kb = `${(code.length / 1024).toFixed(1)} KB min`
  if (missing.length || leaked.length) {
    failed++
    console.log(
      `FAIL ${label} ${kb}; ${missing.length ? `missing its own ${missing.map((s) => JSON.stringify(s)).join(', ')} ` : ''}${leaked.length ? `holds ${leaked.map((s) => JSON.stringify(s)).join(', ')}` : ''}`,
    )
  } else {
    passed++
    console.log(`ok   ${label} ${kb}, none of ${c.not.length} others`)
  }
}
if (passed === 0) {
  console.error('tree-shaking: no case ran (is @wxmp/core built? run `pnpm build`)')
  process.exit(1)
}
if (failed) {
  console.error(`${failed} tree-shaking case(s) failed`)
  process.exit(1)
}

// Every bad argument is refused before any request, with a message naming it (issue 15).
// Limits: https://developers.weixin.qq.com/doc/service/api/qrcode/qrcodes/api_createqrcode.html
// (temporary: expire_seconds at most 2592000, scene_id a non-zero 32-bit integer; permanent: scene_id
// 1-100000; scene_str 1-64 characters).
import { describe, expect, it } from 'vitest'
import { badInputHarness, type BadInputRow } from '../../../test-support/bad-input'
import { createPermanentQrCode, createTemporaryQrCode, downloadQrCode, qrCodeImageUrl } from './index'

const h = badInputHarness()

// Loosely typed on purpose: these are the calls plain JavaScript (or a cast) can make.
const tmp = createTemporaryQrCode as (...args: unknown[]) => Promise<unknown>
const perm = createPermanentQrCode as (...args: unknown[]) => Promise<unknown>
const dl = downloadQrCode as (...args: unknown[]) => Promise<unknown>
const img = qrCodeImageUrl as (...args: unknown[]) => string

// [what is wrong, text the message must contain, the call]
const rows: readonly BadInputRow[] = [
  [
    'a misspelt option (expiresSeconds)',
    'createTemporaryQrCode options has no option "expiresSeconds" (did you mean "expireSeconds"?)',
    () => tmp(h.wx, 1, { expiresSeconds: 600 }),
  ],
  ['expire_seconds in WeChat spelling', '(did you mean "expireSeconds"?)', () => tmp(h.wx, 1, { expire_seconds: 600 })],
  ['null options', 'createTemporaryQrCode options must be an object, got null', () => tmp(h.wx, 1, null)],
  ['options as a number', 'createTemporaryQrCode options must be an object, got number 600', () => tmp(h.wx, 1, 600)],
  [
    'a signal that is not an AbortSignal',
    'createTemporaryQrCode options.signal must be an AbortSignal',
    () => tmp(h.wx, 1, { signal: 'stop' }),
  ],
  ['expireSeconds over 30 days', 'expireSeconds must be at most 2592000, got 2592001', () => tmp(h.wx, 1, { expireSeconds: 2_592_001 })],
  ['expireSeconds zero', 'expireSeconds must be at least 1, got 0', () => tmp(h.wx, 1, { expireSeconds: 0 })],
  ['expireSeconds fractional', 'expireSeconds must be an integer, got number 1.5', () => tmp(h.wx, 1, { expireSeconds: 1.5 })],
  [
    'expireSeconds as a string',
    'expireSeconds must be an integer, got a string of 3 characters',
    () => tmp(h.wx, 1, { expireSeconds: '600' }),
  ],
  ['expireSeconds NaN', 'expireSeconds must be an integer, got number NaN', () => tmp(h.wx, 1, { expireSeconds: NaN })],
  ['scene 0', 'scene must be at least 1, got 0', () => tmp(h.wx, 0)],
  ['scene negative', 'scene must be at least 1, got -1', () => tmp(h.wx, -1)],
  ['scene above 32 bits', 'scene must be at most 4294967295, got 4294967296', () => tmp(h.wx, 2 ** 32)],
  ['scene 1e21', 'scene must be at most 4294967295, got 1e+21', () => tmp(h.wx, 1e21)],
  ['scene fractional', 'scene must be an integer, got number 2.5', () => tmp(h.wx, 2.5)],
  ['scene NaN', 'scene must be an integer, got number NaN', () => tmp(h.wx, NaN)],
  ['scene null', 'scene must be a number or a string, got null', () => tmp(h.wx, null)],
  ['scene a bigint', 'scene must be a number or a string, got bigint 5', () => tmp(h.wx, 5n)],
  ['scene an object', 'scene must be a number or a string, got an object', () => tmp(h.wx, { id: 1 })],
  ['scene string empty', 'scene must not be empty', () => tmp(h.wx, '')],
  ['scene string of 65 characters', 'scene must be at most 64 characters, got 65', () => tmp(h.wx, 'a'.repeat(65))],
  [
    'scene string with a line break',
    'scene must not contain control characters (including line breaks), got U+000A',
    () => tmp(h.wx, 'a\nb'),
  ],
  ['scene string with NUL', 'scene must not contain control characters', () => tmp(h.wx, 'a\u0000')],
  ['scene string with a lone surrogate', 'scene must be well-formed Unicode', () => tmp(h.wx, 'x\ud83d')],
  ['permanent scene 0', 'scene must be at least 1, got 0', () => perm(h.wx, 0)],
  ['permanent scene above 100000', 'scene must be at most 100000, got 100001', () => perm(h.wx, 100_001)],
  ['permanent scene of 65 characters', 'scene must be at most 64 characters, got 65', () => perm(h.wx, 'é'.repeat(65))],
  ['permanent scene with CR', 'scene must not contain control characters', () => perm(h.wx, 'a\rb')],
  [
    'permanent with an option it does not take',
    'createPermanentQrCode options has no option "expireSeconds"; it takes signal',
    () => perm(h.wx, 1, { expireSeconds: 60 }),
  ],
  ['permanent with null options', 'createPermanentQrCode options must be an object, got null', () => perm(h.wx, 1, null)],
  ['download ticket empty', 'ticket must not be empty', () => dl('')],
  ['download ticket a number', 'ticket must be a string, got number 5', () => dl(5)],
  ['download ticket with CR/LF', 'ticket must not contain control characters', () => dl('abc\r\nHost: evil')],
  [
    'download baseUrl relative',
    'baseUrl must be an absolute http(s) URL, got a string of 4 characters (a relative URL)',
    () => dl('t', { baseUrl: '/img' }),
  ],
  ['download baseUrl javascript:', 'baseUrl must be an absolute http(s) URL', () => dl('t', { baseUrl: 'javascript:alert(1)' })],
  ['download maxBytes zero', 'maxBytes must be at least 1, got 0', () => dl('t', { baseUrl: h.emu.url, maxBytes: 0 })],
  [
    'download maxBytes Infinity',
    'maxBytes must be an integer, got number Infinity',
    () => dl('t', { baseUrl: h.emu.url, maxBytes: Infinity }),
  ],
  ['download fetch not a function', 'fetch must be a function, got a string', () => dl('t', { baseUrl: h.emu.url, fetch: 'curl' })],
  [
    'download a misspelt option',
    'downloadQrCode options has no option "maxbytes" (did you mean "maxBytes"?)',
    () => dl('t', { baseUrl: h.emu.url, maxbytes: 10 }),
  ],
  ['download null options', 'downloadQrCode options must be an object, got null', () => dl('t', null)],
  ['image URL ticket null', 'ticket must be a string, got null', () => img(null)],
  [
    'image URL baseUrl ftp:',
    'baseUrl must be an absolute http(s) URL, got a string',
    () => img('t', { baseUrl: 'ftp://mp.weixin.qq.com' }),
  ],
  [
    'image URL a misspelt option',
    'qrCodeImageUrl options has no option "baseURL"; it takes baseUrl',
    () => img('t', { baseURL: 'https://x' }),
  ],
  ['image URL baseUrl relative', 'baseUrl must be an absolute http(s) URL, got a string', () => img('t', { baseUrl: '/img' })],
  ['image URL ticket with LF', 'ticket must not be empty or contain control characters', () => img('a\nb')],
  ['image URL null options', 'qrCodeImageUrl options must be an object, got null', () => img('t', null)],
]

describe('qrcode refuses bad input before any request', () => {
  h.refuses(rows)

  it('still makes a code from good input', async () => {
    await expect(createTemporaryQrCode(h.wx, 'ok', { expireSeconds: 600 })).resolves.toMatchObject({ expireSeconds: 600 })
  })
})

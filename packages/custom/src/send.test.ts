import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createClient, isWeChatApiError, isWeChatTransportError, type CustomMessage } from '@wxmp/core'
import { sendCustomMessage } from './send'
import { useEmulator } from '../../../test-support/emulator'

const { emu, wx } = useEmulator()
let openid: string
const PATH = '/cgi-bin/message/custom/send'

beforeAll(async () => {
  openid = await emu.control.followerAt(3)
})
beforeEach(async () => {
  await emu.control.clearOutbox()
  await emu.control.clearFaults()
  await emu.control.interact(openid)
})

const sent = (n: number) => emu.control.counters().then((c) => expect(c[`path:${PATH}`] ?? 0).toBe(n))
const sendCount = async () => (await emu.control.counters())[`path:${PATH}`] ?? 0

describe('sendCustomMessage', () => {
  // Each kind with the wire body WeChat expects for it.
  const cases: [CustomMessage, Record<string, unknown>][] = [
    [{ type: 'text', content: '你好 <a href="https://example.com">link</a>' }, { content: '你好 <a href="https://example.com">link</a>' }],
    [{ type: 'image', mediaId: 'IMG' }, { media_id: 'IMG' }],
    [{ type: 'voice', mediaId: 'VOICE' }, { media_id: 'VOICE' }],
    [
      { type: 'video', mediaId: 'VID', thumbMediaId: 'THUMB', title: 'T', description: 'D' },
      { media_id: 'VID', thumb_media_id: 'THUMB', title: 'T', description: 'D' },
    ],
    [
      { type: 'music', musicUrl: 'https://m/1.mp3', hqMusicUrl: 'https://m/1hq.mp3', thumbMediaId: 'TH', title: 'Song' },
      { title: 'Song', musicurl: 'https://m/1.mp3', hqmusicurl: 'https://m/1hq.mp3', thumb_media_id: 'TH' },
    ],
    [
      { type: 'news', articles: [{ title: 'Receipt', description: 'Order 42', url: 'https://e.com/r/42', picUrl: 'https://e.com/p.jpg' }] },
      { articles: [{ title: 'Receipt', description: 'Order 42', url: 'https://e.com/r/42', picurl: 'https://e.com/p.jpg' }] },
    ],
    [{ type: 'mpnews', mediaId: 'NEWS' }, { media_id: 'NEWS' }],
    [{ type: 'mpnewsarticle', articleId: 'ART' }, { article_id: 'ART' }],
    [
      {
        type: 'msgmenu',
        headContent: 'Satisfied?',
        items: [
          { id: '101', content: 'Yes' },
          { id: '102', content: 'No' },
        ],
        tailContent: 'Thanks',
      },
      {
        head_content: 'Satisfied?',
        list: [
          { id: '101', content: 'Yes' },
          { id: '102', content: 'No' },
        ],
        tail_content: 'Thanks',
      },
    ],
    [{ type: 'wxcard', cardId: 'CARD' }, { card_id: 'CARD' }],
    [
      { type: 'miniprogrampage', title: 'Order', appId: 'wxmini', pagePath: 'pages/o?id=1', thumbMediaId: 'TH' },
      { title: 'Order', appid: 'wxmini', pagepath: 'pages/o?id=1', thumb_media_id: 'TH' },
    ],
  ]

  for (const [message, wire] of cases) {
    it(`delivers a ${message.type} message to the outbox in WeChat's wire form`, async () => {
      await sendCustomMessage(wx, openid, message)
      const [entry, ...more] = await emu.control.outbox({ touser: openid, channel: 'custom' })
      expect(more).toHaveLength(0)
      expect(entry?.msgtype).toBe(message.type)
      expect(entry?.payload).toEqual(wire)
    })
  }

  it('sends as a customer-service account when kfAccount is given', async () => {
    await wx.request('/customservice/kfaccount/add', { json: { kf_account: 'anna@acct', nickname: 'Anna' } })
    await sendCustomMessage(wx, openid, { type: 'text', content: 'hi' }, { kfAccount: 'anna@acct' })
    const [entry] = await emu.control.outbox({ touser: openid })
    expect(entry?.payload).toEqual({ content: 'hi', customservice: { kf_account: 'anna@acct' } })
  })

  it('is refused with 45015 when the user has not interacted in 48 hours', async () => {
    const quiet = await emu.control.followerAt(40)
    const error = await sendCustomMessage(wx, quiet, { type: 'text', content: 'hi' }).catch((e: unknown) => e)
    expect(isWeChatApiError(error) && error.errcode).toBe(45015)
    expect(await emu.control.outbox({ touser: quiet })).toHaveLength(0)
  })

  it('works again once the user interacts, and closes 48 hours later', async () => {
    const user = await emu.control.followerAt(41)
    await emu.control.interact(user)
    await sendCustomMessage(wx, user, { type: 'text', content: 'within the window' })
    await emu.control.advanceClock(48 * 3600 * 1000 + 1000)
    const error = await sendCustomMessage(wx, user, { type: 'text', content: 'too late' }).catch((e: unknown) => e)
    expect(isWeChatApiError(error) && error.errcode).toBe(45015)
    expect((await emu.control.outbox({ touser: user })).map((e) => e.payload.content)).toEqual(['within the window'])
  })

  it('is refused with 45047 after five messages without a new interaction', async () => {
    const user = await emu.control.followerAt(42)
    await emu.control.interact(user)
    for (let i = 0; i < 5; i++) await sendCustomMessage(wx, user, { type: 'text', content: `m${i}` })
    const error = await sendCustomMessage(wx, user, { type: 'text', content: 'sixth' }).catch((e: unknown) => e)
    expect(isWeChatApiError(error) && error.errcode).toBe(45047)
    expect(await emu.control.outbox({ touser: user })).toHaveLength(5)
  })

  it('is not sent twice when WeChat answers errcode -1 after delivering', async () => {
    await emu.control.fault({ path: PATH, kind: 'errcode', errcode: -1, phase: 'after' })
    const before = await sendCount()
    const error = await sendCustomMessage(wx, openid, { type: 'text', content: 'once' }).catch((e: unknown) => e)
    expect(isWeChatApiError(error) && error.errcode).toBe(-1)
    expect(await emu.control.outbox({ touser: openid })).toHaveLength(1)
    await sent(before + 1)
  })

  it('is not sent twice when the answer times out after delivering', async () => {
    const impatient = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url, timeout: 300 })
    await emu.control.fault({ path: PATH, kind: 'latency', ms: 1500, phase: 'after' })
    const before = await sendCount()
    const error = await sendCustomMessage(impatient, openid, { type: 'text', content: 'once' }).catch((e: unknown) => e)
    expect(isWeChatTransportError(error) && error.kind).toBe('timeout')
    expect(await emu.control.outbox({ touser: openid })).toHaveLength(1)
    await sent(before + 1)
  })

  it('is not sent twice when the connection resets after delivering', async () => {
    await emu.control.fault({ path: PATH, kind: 'reset', phase: 'after' })
    const error = await sendCustomMessage(wx, openid, { type: 'text', content: 'once' }).catch((e: unknown) => e)
    expect(isWeChatTransportError(error)).toBe(true)
    expect(await emu.control.outbox({ touser: openid })).toHaveLength(1)
  })

  it('is retried once after a token error, which WeChat answers before sending', async () => {
    await emu.control.revokeTokens()
    await sendCustomMessage(wx, openid, { type: 'text', content: 'after refresh' })
    expect(await emu.control.outbox({ touser: openid })).toHaveLength(1)
  })

  describe('refuses bad input before any request', () => {
    const bad: [string, unknown, unknown, RegExp][] = [
      ['an openid that is not one', 'not an openid!', { type: 'text', content: 'x' }, /openid must be an openid/],
      ['an unknown kind', 'OPENID', { type: 'images', mediaIds: ['a'] }, /message.type must be one of text, image/],
      ['empty text', 'OPENID', { type: 'text', content: '' }, /message.content must not be empty/],
      [
        'text over 2048 bytes',
        'OPENID',
        { type: 'text', content: '字'.repeat(683) },
        /message.content must be at most 2048 bytes of UTF-8, got 2049/,
      ],
      ['an image without mediaId', 'OPENID', { type: 'image' }, /message.mediaId must be a string/],
      ['a video without its thumbnail', 'OPENID', { type: 'video', mediaId: 'v' }, /message.thumbMediaId must be a string/],
      [
        'news with two articles',
        'OPENID',
        {
          type: 'news',
          articles: [
            { title: 'a', url: 'u' },
            { title: 'b', url: 'u' },
          ],
        },
        /message.articles must have at most 1 items, got 2/,
      ],
      ['news with no article', 'OPENID', { type: 'news', articles: [] }, /message.articles must not be empty/],
      ['an article without url', 'OPENID', { type: 'news', articles: [{ title: 'a' }] }, /message.articles\[0\].url must be a string/],
      ['a menu without items', 'OPENID', { type: 'msgmenu', items: [] }, /message.items must not be empty/],
      ['a menu item without content', 'OPENID', { type: 'msgmenu', items: [{ id: '1' }] }, /message.items\[0\].content must be a string/],
      [
        'a mini-program page without pagePath',
        'OPENID',
        { type: 'miniprogrampage', title: 't', appId: 'a', thumbMediaId: 't' },
        /message.pagePath must be a string/,
      ],
      ['a message that is not an object', 'OPENID', 'hello', /message must be a message object/],
    ]
    for (const [what, to, message, pattern] of bad) {
      it(`refuses ${what}`, async () => {
        const before = await sendCount()
        await expect(sendCustomMessage(wx, to as string, message as CustomMessage)).rejects.toThrow(pattern)
        await sent(before)
      })
    }
  })
})

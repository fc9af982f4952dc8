import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createClient, isWeChatApiError, type MassMessage } from '@wxmp/core'
import { sendMassMessage, type MassAudience } from './send'
import { isMassSendUnconfirmedError, type MassSendUnconfirmedError } from './errors'
import { useEmulator } from '../../../test-support/emulator'

interface JobView {
  msgId: string
  msgDataId: string | null
  clientmsgid: string | null
  audience: { kind: string; tagId?: number }
  msgtype: string
  payload: Record<string, unknown>
  sendIgnoreReprint: number | null
  totalCount: number
  delivered: number
  status: string
}

const { emu, wx } = useEmulator()
let a: string
let b: string
const jobs = () => emu.control.massJobs()
const calls = async (path: string) => (await emu.control.counters())[`path:${path}`] ?? 0

async function tagWith(name: string, openIds: string[]): Promise<number> {
  const { tag } = await wx.request<{ tag: { id: number } }>('/cgi-bin/tags/create', { json: { tag: { name } } })
  await wx.request('/cgi-bin/tags/members/batchtagging', { json: { openid_list: openIds, tagid: tag.id } })
  return tag.id
}

beforeAll(async () => {
  a = await emu.control.followerAt(0)
  b = await emu.control.followerAt(1)
})
beforeEach(async () => {
  await emu.control.clearFaults()
  await emu.control.clearOutbox()
  // Past the 24-hour dedup and the once-a-day send-to-all limit of earlier tests.
  await emu.control.advanceClock(25 * 3600 * 1000)
})

describe('sendMassMessage', () => {
  it('sends to a list of openids and delivers to each', async () => {
    const r = await sendMassMessage(wx, { openIds: [a, b] }, { type: 'text', content: 'Doors open at 9' })
    expect(r.duplicate).toBe(false)
    const outbox = await emu.control.outbox({ channel: 'mass' })
    expect(outbox.map((e) => e.touser).sort()).toEqual([a, b].sort())
    expect(outbox.every((e) => e.ref === r.msgId && e.payload.content === 'Doors open at 9')).toBe(true)
  })

  it('sends to the members of a tag', async () => {
    const tagId = await tagWith('vip', [a])
    // An mpnews media_id is a draft's (draft/add); WeChat refuses an unknown one with 40007.
    const r = await sendMassMessage(wx, { tagId }, { type: 'mpnews', mediaId: await emu.control.seedDraft() }, { sendIgnoreReprint: true })
    expect((await emu.control.outbox({ channel: 'mass' })).map((e) => e.touser)).toEqual([a])
    const job = (await jobs()).find((j) => j.msgId === r.msgId)
    expect(job).toMatchObject({ audience: { kind: 'tag', tagId }, totalCount: 1, msgtype: 'mpnews' })
    expect(r.msgDataId).toBe(job?.msgDataId)
  })

  it('sends to all followers as one job, without an outbox entry per follower', async () => {
    await emu.control.seedFollowers(1_000_000)
    const r = await sendMassMessage(wx, { all: true }, { type: 'voice', mediaId: 'VOX' })
    const job = (await jobs()).find((j) => j.msgId === r.msgId)
    expect(job).toMatchObject({ audience: { kind: 'all' }, totalCount: 1_000_000, delivered: 0 })
    expect(await emu.control.outbox({ channel: 'mass' })).toHaveLength(0)
    await emu.control.seedFollowers(100)
  })

  it('puts the send_ignore_reprint flag and the clientmsgid on the wire', async () => {
    const r = await sendMassMessage(
      wx,
      { openIds: [a, b] },
      { type: 'mpnews', mediaId: await emu.control.seedDraft() },
      { clientMsgId: 'campaign-42', sendIgnoreReprint: false },
    )
    expect(r.clientMsgId).toBe('campaign-42')
    expect((await jobs()).find((j) => j.msgId === r.msgId)).toMatchObject({ clientmsgid: 'campaign-42', sendIgnoreReprint: 0 })
  })

  it('generates a clientmsgid when none is given and returns it', async () => {
    const r = await sendMassMessage(wx, { openIds: [a, b] }, { type: 'text', content: 'generated id' })
    expect(r.clientMsgId).toMatch(/^[0-9a-f-]{36}$/)
    expect((await jobs()).find((j) => j.msgId === r.msgId)?.clientmsgid).toBe(r.clientMsgId)
  })

  const kinds: [MassMessage, string, Record<string, unknown>][] = [
    [{ type: 'text', content: 'hi' }, 'text', { content: 'hi' }],
    // WeChat's image post: msgtype `image`, body under `images` (api_sendall); never msgtype `images`.
    [{ type: 'image', mediaId: 'I1' }, 'image', { media_ids: ['I1'] }],
    [
      { type: 'images', mediaIds: ['I1', 'I2'], recommend: 'Look', needOpenComment: true, onlyFansCanComment: false },
      'image',
      { media_ids: ['I1', 'I2'], recommend: 'Look', need_open_comment: 1, only_fans_can_comment: 0 },
    ],
    [{ type: 'voice', mediaId: 'V1' }, 'voice', { media_id: 'V1' }],
    [{ type: 'mpnews', mediaId: 'N1' }, 'mpnews', { media_id: 'N1' }],
    [{ type: 'mpvideo', mediaId: 'MV1', title: 'Launch' }, 'mpvideo', { media_id: 'MV1', title: 'Launch' }],
    [{ type: 'wxcard', cardId: 'C1' }, 'wxcard', { card_id: 'C1' }],
  ]
  for (const [message, msgtype, payload] of kinds) {
    it(`delivers a ${message.type} message as WeChat's ${msgtype}`, async () => {
      // The emulator holds mpnews to a real draft: seed one under the id the row names.
      if (message.type === 'mpnews') {
        const mediaId = await emu.control.seedDraft()
        await sendMassMessage(wx, { openIds: [a, b] }, { ...message, mediaId })
        expect((await emu.control.outbox({ channel: 'mass', touser: a }))[0]).toMatchObject({ msgtype, payload: { media_id: mediaId } })
        return
      }
      await sendMassMessage(wx, { openIds: [a, b] }, message)
      const [entry] = await emu.control.outbox({ channel: 'mass', touser: a })
      expect(entry).toMatchObject({ msgtype, payload })
    })
  }

  it('returns 64-bit msg ids exactly, beyond 2^53 too', async () => {
    const results = [
      await sendMassMessage(wx, { openIds: [a, b] }, { type: 'mpnews', mediaId: await emu.control.seedDraft() }),
      await sendMassMessage(wx, { openIds: [a, b] }, { type: 'mpnews', mediaId: await emu.control.seedDraft() }),
    ]
    const ids = results.flatMap((r) => [r.msgId, r.msgDataId ?? ''])
    const recorded = (await jobs()).filter((j) => results.some((r) => r.msgId === j.msgId)).flatMap((j) => [j.msgId, j.msgDataId ?? ''])
    expect(ids.sort()).toEqual(recorded.sort())
    expect(ids.some((id) => BigInt(id) > 2n ** 53n)).toBe(true)
  })

  it('turns a repeated clientmsgid into the earlier result, sending nothing new', async () => {
    const first = await sendMassMessage(wx, { openIds: [a, b] }, { type: 'text', content: 'once' }, { clientMsgId: 'repeat-1' })
    await emu.control.advanceClock(61_000)
    const again = await sendMassMessage(wx, { openIds: [a, b] }, { type: 'text', content: 'once' }, { clientMsgId: 'repeat-1' })
    expect(again).toEqual({ msgId: first.msgId, clientMsgId: 'repeat-1', duplicate: true })
    expect(await emu.control.outbox({ channel: 'mass' })).toHaveLength(2)
  })

  it('ends with one job and its id when the answer is lost after WeChat accepted the send', async () => {
    const path = '/cgi-bin/message/mass/sendall'
    const tagId = await tagWith('lost-answer', [a, b])
    const before = (await jobs()).length
    await emu.control.fault({ path, kind: 'reset', phase: 'after' })
    // The client repeats the send at once (the clientmsgid makes that safe); WeChat answers the
    // repeat within a minute with 45066, so the caller learns to repeat later with the same id.
    const error = (await sendMassMessage(wx, { tagId }, { type: 'text', content: 'lost answer' }).catch(
      (e: unknown) => e,
    )) as MassSendUnconfirmedError
    expect(isMassSendUnconfirmedError(error)).toBe(true)
    expect(error.reason).toBe('pending')
    expect(isWeChatApiError(error.cause) && error.cause.errcode).toBe(45066)
    expect(await calls(path)).toBeGreaterThanOrEqual(2)

    await emu.control.advanceClock(error.retryAfterMs)
    const result = await sendMassMessage(wx, { tagId }, { type: 'text', content: 'lost answer' }, { clientMsgId: error.clientMsgId })
    const after = await jobs()
    expect(after).toHaveLength(before + 1)
    expect(result).toMatchObject({ duplicate: true, msgId: after.at(-1)?.msgId, clientMsgId: error.clientMsgId })
    expect(await emu.control.outbox({ channel: 'mass' })).toHaveLength(2)
  })

  it('repeats a send that failed before reaching WeChat and creates one job', async () => {
    const before = (await jobs()).length
    await emu.control.fault({ path: '/cgi-bin/message/mass/send', kind: 'reset' })
    const r = await sendMassMessage(wx, { openIds: [a, b] }, { type: 'text', content: 'retried' })
    expect(r.duplicate).toBe(false)
    expect(await jobs()).toHaveLength(before + 1)
  })

  it('reports an unconfirmed send with its clientmsgid when no answer ever comes', async () => {
    const noRetry = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url, retry: false })
    await emu.control.fault({ path: '/cgi-bin/message/mass/send', kind: 'http', status: 502, phase: 'after' })
    const error = (await sendMassMessage(
      noRetry,
      { openIds: [a, b] },
      { type: 'text', content: 'no answer' },
      { clientMsgId: 'x-1' },
    ).catch((e: unknown) => e)) as MassSendUnconfirmedError
    expect(isMassSendUnconfirmedError(error) && error.reason).toBe('no-answer')
    expect(error.clientMsgId).toBe('x-1')
  })

  it('refuses a second send to all on the same day with 45028', async () => {
    await sendMassMessage(wx, { all: true }, { type: 'text', content: 'first today' })
    const error = await sendMassMessage(wx, { all: true }, { type: 'text', content: 'second today' }).catch((e: unknown) => e)
    expect(isWeChatApiError(error) && error.errcode).toBe(45028)
  })

  it('answers 45159 for a tag that does not exist', async () => {
    const error = await sendMassMessage(wx, { tagId: 9999 }, { type: 'text', content: 'x' }).catch((e: unknown) => e)
    expect(isWeChatApiError(error) && error.errcode).toBe(45159)
  })

  describe('refuses bad input before any request', () => {
    const cases: [string, unknown, unknown, object, RegExp][] = [
      ['one openid', { openIds: ['oA'] }, { type: 'text', content: 'x' }, {}, /audience.openIds must have at least 2 items, got 1/],
      [
        '10,001 openids',
        { openIds: Array.from({ length: 10_001 }, (_, i) => `o${i}`) },
        { type: 'text', content: 'x' },
        {},
        /audience.openIds must have at most 10000 items, got 10001/,
      ],
      [
        'two audiences at once',
        { all: true, tagId: 1 },
        { type: 'text', content: 'x' },
        {},
        /exactly one of all, tagId, openIds, got all, tagId/,
      ],
      ['all: false', { all: false }, { type: 'text', content: 'x' }, {}, /audience.all must be true/],
      ['a fractional tag id', { tagId: 1.5 }, { type: 'text', content: 'x' }, {}, /audience.tagId must be an integer/],
      [
        'a customer-service-only kind',
        { tagId: 1 },
        { type: 'news', articles: [{ title: 't', url: 'u' }] },
        {},
        /message.type must be one of text, image, voice, images, mpnews, mpvideo, wxcard/,
      ],
      ['images without ids', { tagId: 1 }, { type: 'images', mediaIds: [] }, {}, /message.mediaIds must not be empty/],
      [
        'a clientMsgId over 64 bytes',
        { tagId: 1 },
        { type: 'text', content: 'x' },
        { clientMsgId: 'x'.repeat(65) },
        /clientMsgId must be at most 64 bytes of UTF-8, got 65/,
      ],
      [
        'sendIgnoreReprint on text',
        { tagId: 1 },
        { type: 'text', content: 'x' },
        { sendIgnoreReprint: true },
        /sendIgnoreReprint applies to mpnews messages only, got a text message/,
      ],
    ]
    for (const [what, audience, message, options, pattern] of cases) {
      it(`refuses ${what}`, async () => {
        const before = (await calls('/cgi-bin/message/mass/send')) + (await calls('/cgi-bin/message/mass/sendall'))
        await expect(sendMassMessage(wx, audience as MassAudience, message as MassMessage, options)).rejects.toThrow(pattern)
        expect((await calls('/cgi-bin/message/mass/send')) + (await calls('/cgi-bin/message/mass/sendall'))).toBe(before)
      })
    }
  })
})

// Status, delete, speed and preview: the calls around a mass job.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { isWeChatApiError, type MassMessage } from '@wxmp/core'
import { sendMassMessage } from './send'
import { getMassMessageStatus } from './status'
import { deleteMassMessage } from './delete'
import { getMassSpeed, setMassSpeed, type MassSpeed } from './speed'
import { previewMassMessage, type MassPreviewTarget } from './preview'
import { useEmulator } from '../../../test-support/emulator'

const { emu, wx } = useEmulator()
let a: string
let b: string
const calls = async (path: string) => (await emu.control.counters())[`path:${path}`] ?? 0
// An mpnews send takes a draft's media_id (draft/add): the emulator seeds one per send.
const news = async () => sendMassMessage(wx, { openIds: [a, b] }, { type: 'mpnews', mediaId: await emu.control.seedDraft() })

beforeAll(async () => {
  a = await emu.control.followerAt(0)
  b = await emu.control.followerAt(1)
})
beforeEach(() => emu.control.clearOutbox())

describe('getMassMessageStatus', () => {
  it('reports SENDING until the job has gone out at the set speed, then SEND_SUCCESS', async () => {
    await emu.control.seedFollowers(1_000_000)
    await setMassSpeed(wx, 4) // 100,000 a minute: ten minutes for a million
    const { msgId } = await sendMassMessage(wx, { all: true }, { type: 'text', content: 'big one' })
    expect(await getMassMessageStatus(wx, msgId)).toEqual({ msgId, status: 'SENDING' })
    await emu.control.advanceClock(10 * 60_000 + 1000)
    expect((await getMassMessageStatus(wx, msgId)).status).toBe('SEND_SUCCESS')
    await setMassSpeed(wx, 0)
    await emu.control.seedFollowers(100)
  })

  it('reports SEND_FAIL for a job WeChat failed', async () => {
    const { msgId } = await news()
    await emu.control.setMassJobStatus(msgId, 'SEND_FAIL')
    expect((await getMassMessageStatus(wx, msgId)).status).toBe('SEND_FAIL')
  })

  it('reads a msg_id beyond 2^53 exactly', async () => {
    const [one, two] = [await news(), await news()]
    const big = [one.msgId, two.msgId].find((id) => BigInt(id) > 2n ** 53n)
    expect(big).toBeDefined()
    expect((await getMassMessageStatus(wx, big!)).msgId).toBe(big)
  })

  it('answers 40059 for an unknown msg_id', async () => {
    const error = await getMassMessageStatus(wx, '12345').catch((e: unknown) => e)
    expect(isWeChatApiError(error) && error.errcode).toBe(40059)
  })

  it('refuses a msgId that is not a decimal id before any request', async () => {
    const before = await calls('/cgi-bin/message/mass/get')
    await expect(getMassMessageStatus(wx, '12a')).rejects.toThrow(/msgId must be a decimal id without sign or leading zeros/)
    expect(await calls('/cgi-bin/message/mass/get')).toBe(before)
  })
})

describe('deleteMassMessage', () => {
  it('deletes a sent message, which then reports DELETE', async () => {
    const { msgId } = await news()
    await emu.control.advanceClock(1000)
    await deleteMassMessage(wx, msgId)
    expect((await getMassMessageStatus(wx, msgId)).status).toBe('DELETE')
  })

  it('deletes one article by its index', async () => {
    const { msgId } = await news()
    await emu.control.advanceClock(1000)
    await deleteMassMessage(wx, msgId, { articleIdx: 2 })
    const jobs = await emu.control.massJobs()
    expect(jobs.find((j) => j.msgId === msgId)).toMatchObject({ deletedArticles: [2], status: 'SEND_SUCCESS' })
  })

  it('answers 40008 for a text message, which has no page to delete', async () => {
    const { msgId } = await sendMassMessage(wx, { openIds: [a, b] }, { type: 'text', content: 'gone forever' })
    await emu.control.advanceClock(1000)
    const error = await deleteMassMessage(wx, msgId).catch((e: unknown) => e)
    expect(isWeChatApiError(error) && error.errcode).toBe(40008)
  })

  it('refuses an article index over 8 before any request', async () => {
    const before = await calls('/cgi-bin/message/mass/delete')
    await expect(deleteMassMessage(wx, '1', { articleIdx: 9 })).rejects.toThrow(/articleIdx must be at most 8, got 9/)
    await expect(deleteMassMessage(wx, '', {})).rejects.toThrow(/msgId must be a decimal id without sign or leading zeros/)
    expect(await calls('/cgi-bin/message/mass/delete')).toBe(before)
  })
})

describe('mass speed', () => {
  it('sets the speed level and reads it back with its real speed', async () => {
    await setMassSpeed(wx, 3)
    expect(await getMassSpeed(wx)).toEqual({ speed: 3, realSpeed: 30 })
    await setMassSpeed(wx, 0)
    expect(await getMassSpeed(wx)).toEqual({ speed: 0, realSpeed: 80 })
  })

  it('refuses a level outside 0-4 before any request', async () => {
    const before = await calls('/cgi-bin/message/mass/speed/set')
    await expect(setMassSpeed(wx, 5 as MassSpeed)).rejects.toThrow(/speed must be at most 4, got 5/)
    await expect(setMassSpeed(wx, 1.5 as MassSpeed)).rejects.toThrow(/speed must be an integer/)
    expect(await calls('/cgi-bin/message/mass/speed/set')).toBe(before)
  })
})

describe('previewMassMessage', () => {
  it('delivers a preview to one follower without creating a job', async () => {
    const jobsBefore = (await emu.control.massJobs()).length
    const draft = await emu.control.seedDraft()
    const { msgId } = await previewMassMessage(wx, { openId: a }, { type: 'mpnews', mediaId: draft })
    expect(await emu.control.outbox({ channel: 'preview' })).toEqual([
      expect.objectContaining({ touser: a, msgtype: 'mpnews', payload: { media_id: draft }, ref: msgId }),
    ])
    expect(await emu.control.massJobs()).toHaveLength(jobsBefore)
  })

  it('delivers a preview to a WeChat ID', async () => {
    await previewMassMessage(wx, { wxName: 'editor_wx' }, { type: 'text', content: 'draft' })
    expect((await emu.control.outbox({ channel: 'preview' }))[0]).toMatchObject({ touser: 'editor_wx', payload: { content: 'draft' } })
  })

  it('answers 40003 for an openid that does not follow the account', async () => {
    const error = await previewMassMessage(wx, { openId: 'oNotAFollowerOfThisAccount00' }, { type: 'text', content: 'x' }).catch(
      (e: unknown) => e,
    )
    expect(isWeChatApiError(error) && error.errcode).toBe(40003)
  })

  it('refuses a target with both openId and wxName before any request', async () => {
    const before = await calls('/cgi-bin/message/mass/preview')
    await expect(
      previewMassMessage(wx, { openId: a, wxName: 'x' } as unknown as MassPreviewTarget, { type: 'text', content: 'x' }),
    ).rejects.toThrow(/exactly one of openId, wxName/)
    await expect(previewMassMessage(wx, { openId: a }, { type: 'music' } as unknown as MassMessage)).rejects.toThrow(
      /message.type must be one of/,
    )
    expect(await calls('/cgi-bin/message/mass/preview')).toBe(before)
  })
})

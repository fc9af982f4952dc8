import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  sendCard,
  sendImage,
  sendMenu,
  sendMiniProgramPage,
  sendMpNews,
  sendMpNewsArticle,
  sendMusic,
  sendNews,
  sendText,
  sendVideo,
  sendVoice,
} from './index'
import { useEmulator } from '../../../test-support/emulator'

const { emu, wx } = useEmulator()
let openid: string

beforeAll(async () => {
  openid = await emu.control.followerAt(7)
})
beforeEach(async () => {
  await emu.control.clearOutbox()
  await emu.control.interact(openid)
})

async function delivered() {
  const entries = await emu.control.outbox({ touser: openid, channel: 'custom' })
  expect(entries).toHaveLength(1)
  return entries[0]!
}

describe('send helpers', () => {
  it('sendText sends the text as given', async () => {
    await sendText(wx, openid, 'hello 世界')
    expect(await delivered()).toMatchObject({ msgtype: 'text', payload: { content: 'hello 世界' } })
  })
  it('sendImage sends the media id', async () => {
    await sendImage(wx, openid, 'IMG1')
    expect(await delivered()).toMatchObject({ msgtype: 'image', payload: { media_id: 'IMG1' } })
  })
  it('sendVoice sends the media id', async () => {
    await sendVoice(wx, openid, 'VOX1')
    expect(await delivered()).toMatchObject({ msgtype: 'voice', payload: { media_id: 'VOX1' } })
  })
  it('sendVideo sends the video with its thumbnail', async () => {
    await sendVideo(wx, openid, { mediaId: 'V', thumbMediaId: 'T', title: 'Unboxing' })
    expect(await delivered()).toMatchObject({ msgtype: 'video', payload: { media_id: 'V', thumb_media_id: 'T', title: 'Unboxing' } })
  })
  it('sendMusic sends both music links', async () => {
    await sendMusic(wx, openid, { musicUrl: 'https://m/a.mp3', hqMusicUrl: 'https://m/hq.mp3', thumbMediaId: 'T' })
    expect(await delivered()).toMatchObject({ msgtype: 'music', payload: { musicurl: 'https://m/a.mp3', hqmusicurl: 'https://m/hq.mp3' } })
  })
  it('sendNews sends one article', async () => {
    await sendNews(wx, openid, { title: 'Receipt', url: 'https://e.com/r' })
    expect((await delivered()).payload).toEqual({ articles: [{ title: 'Receipt', url: 'https://e.com/r' }] })
  })
  it('sendMpNews sends the news media id', async () => {
    await sendMpNews(wx, openid, 'NEWS1')
    expect(await delivered()).toMatchObject({ msgtype: 'mpnews', payload: { media_id: 'NEWS1' } })
  })
  it('sendMpNewsArticle sends the article id', async () => {
    await sendMpNewsArticle(wx, openid, 'ART1')
    expect(await delivered()).toMatchObject({ msgtype: 'mpnewsarticle', payload: { article_id: 'ART1' } })
  })
  it('sendMenu sends the choices', async () => {
    await sendMenu(wx, openid, { items: [{ id: '1', content: 'Yes' }] })
    expect(await delivered()).toMatchObject({ msgtype: 'msgmenu', payload: { list: [{ id: '1', content: 'Yes' }] } })
  })
  it('sendCard sends the card id', async () => {
    await sendCard(wx, openid, 'CARD1')
    expect(await delivered()).toMatchObject({ msgtype: 'wxcard', payload: { card_id: 'CARD1' } })
  })
  it('sendMiniProgramPage sends the page', async () => {
    await sendMiniProgramPage(wx, openid, { title: 'Order', appId: 'wxmini', pagePath: 'pages/o', thumbMediaId: 'T' })
    expect(await delivered()).toMatchObject({ msgtype: 'miniprogrampage', payload: { appid: 'wxmini', pagepath: 'pages/o' } })
  })
  it('sendText refuses text over 2048 bytes', async () => {
    await expect(sendText(wx, openid, 'a'.repeat(2049))).rejects.toThrow(/content must be at most 2048 bytes of UTF-8, got 2049/)
  })
  it('sendText sends as a kf account', async () => {
    await wx.request('/customservice/kfaccount/add', { json: { kf_account: 'kim@acct', nickname: 'Kim' } })
    await sendText(wx, openid, 'from Kim', { kfAccount: 'kim@acct' })
    expect((await delivered()).payload).toEqual({ content: 'from Kim', customservice: { kf_account: 'kim@acct' } })
  })
  it('sendText refuses empty text before any request', async () => {
    const before = (await emu.control.counters())['path:/cgi-bin/message/custom/send'] ?? 0
    await expect(sendText(wx, openid, '')).rejects.toThrow(/content must not be empty/)
    expect((await emu.control.counters())['path:/cgi-bin/message/custom/send'] ?? 0).toBe(before)
  })
})

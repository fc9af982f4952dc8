// The emulator's draft box and publishing, over HTTP as a raw client sees them, checked against the
// doc pages: draft/add https://developers.weixin.qq.com/doc/service/api/draftbox/draftmanage/api_draft_add,
// freepublish/get https://developers.weixin.qq.com/doc/service/api/public/api_freepublish_get, and the
// PUBLISHJOBFINISH push developers receive (PublishEventInfo), reported in
// https://developers.weixin.qq.com/community/develop/doc/00000c2a54c2a83059ecb9ba056c00 about
// https://developers.weixin.qq.com/doc/offiaccount/Publish/Callback_on_finish.html
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../index'

let server: Server
let bodies: string[] = []
let emu: Emulator
let token: string
let cover: string

async function call(path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(
    `${emu.url}${path}?access_token=${token}`,
    body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) },
  )
  return (await res.json()) as Record<string, unknown>
}

const article = (title = 'Hello') => ({ title, content: '<p>body</p>', thumb_media_id: cover })

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'))
      res.end('success')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  emu = await startEmulator()
  await emu.control.configurePush({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, token: 'tok123' })
  const res = await fetch(`${emu.url}/cgi-bin/token?grant_type=client_credential&appid=${emu.appId}&secret=${emu.appSecret}`)
  token = ((await res.json()) as { access_token: string }).access_token
  const form = new FormData()
  form.append('media', new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], { type: 'image/jpeg' }), 'cover.jpg')
  const up = await fetch(`${emu.url}/cgi-bin/material/add_material?type=image&access_token=${token}`, { method: 'POST', body: form })
  cover = ((await up.json()) as { media_id: string }).media_id
})
afterAll(async () => {
  await emu.close()
  server.closeAllConnections()
  server.close()
})
beforeEach(async () => {
  bodies = []
  await emu.control.setPublishBehaviour({ outcome: 'success', failIdx: null, permission: true, durationMs: 1_000 })
})

describe('draft box', () => {
  it('adds, counts, reads and deletes a draft', async () => {
    const before = (await call('/cgi-bin/draft/count')).total_count as number
    const { media_id } = (await call('/cgi-bin/draft/add', { articles: [article()] })) as { media_id: string }
    expect((await call('/cgi-bin/draft/count')).total_count).toBe(before + 1)
    const got = (await call('/cgi-bin/draft/get', { media_id })) as { news_item: Record<string, unknown>[] }
    expect(got.news_item[0]).toMatchObject({ article_type: 'news', title: 'Hello', thumb_media_id: cover, need_open_comment: 0 })
    expect(await call('/cgi-bin/draft/delete', { media_id })).toMatchObject({ errcode: 0 })
    expect((await call('/cgi-bin/draft/get', { media_id })).errcode).toBe(40007)
  })

  it('refuses a title over 32 characters with 45003 and a cover that is not a permanent image with 40007', async () => {
    expect((await call('/cgi-bin/draft/add', { articles: [article('x'.repeat(33))] })).errcode).toBe(45003)
    expect((await call('/cgi-bin/draft/add', { articles: [{ ...article(), thumb_media_id: 'nope' }] })).errcode).toBe(40007)
  })
})

describe('publishing', () => {
  it('publishes a draft on the clock, pushes PUBLISHJOBFINISH with PublishEventInfo, and takes the draft out of the box', async () => {
    const { media_id } = (await call('/cgi-bin/draft/add', { articles: [article('A'), article('B')] })) as { media_id: string }
    const submitted = await call('/cgi-bin/freepublish/submit', { media_id })
    expect(submitted).toMatchObject({ errcode: 0, publish_id: expect.stringMatching(/^\d+$/) })
    expect(await call('/cgi-bin/freepublish/get', { publish_id: submitted.publish_id })).toMatchObject({ publish_status: 1 })
    await emu.control.advanceClock(1_000)
    const push = await emu.control.waitForPush(
      (p) =>
        p.type === 'PUBLISHJOBFINISH' && String((p.fields.PublishEventInfo as { publish_id: number }).publish_id) === submitted.publish_id,
    )
    const status = (await call('/cgi-bin/freepublish/get', { publish_id: submitted.publish_id })) as {
      publish_status: number
      article_id: string
      article_detail: { count: number; item: { idx: number; article_url: string }[] }
    }
    expect(status).toMatchObject({ publish_status: 0, article_detail: { count: 2 } })
    expect(push.fields.PublishEventInfo).toMatchObject({
      publish_status: 0,
      article_id: status.article_id,
      article_detail: { count: 2, item: status.article_detail.item },
    })
    // XML as developers receive it: repeated <item>s beside <count>, no wrapper.
    const xml = bodies.find((b) => b.includes('PUBLISHJOBFINISH'))!
    expect(xml).toContain(
      `<PublishEventInfo><publish_id>${submitted.publish_id}</publish_id><publish_status>0</publish_status><article_id><![CDATA[${status.article_id}]]></article_id><article_detail><count>2</count><item><idx>1</idx>`,
    )
    expect((await call('/cgi-bin/draft/get', { media_id })).errcode).toBe(40007)
    expect((await call('/cgi-bin/freepublish/getarticle', { article_id: status.article_id })).news_item).toHaveLength(2)
  })

  it('fails a job the way a test chose, with fail_idx in the push as repeated elements', async () => {
    await emu.control.setPublishBehaviour({ outcome: 'review-failed', failIdx: [1, 2] })
    const { media_id } = (await call('/cgi-bin/draft/add', { articles: [article('A'), article('B')] })) as { media_id: string }
    const { publish_id } = (await call('/cgi-bin/freepublish/submit', { media_id })) as { publish_id: string }
    await emu.control.advanceClock(1_000)
    await emu.control.waitForPush(
      (p) => p.type === 'PUBLISHJOBFINISH' && String((p.fields.PublishEventInfo as { publish_id: number }).publish_id) === publish_id,
    )
    expect(await call('/cgi-bin/freepublish/get', { publish_id })).toMatchObject({ publish_status: 4, fail_idx: [1, 2] })
    expect(bodies.find((b) => b.includes(`<publish_id>${publish_id}<`))).toContain(
      '<publish_status>4</publish_status><fail_idx>1</fail_idx><fail_idx>2</fail_idx></PublishEventInfo>',
    )
    // A draft that failed stays in the box to be fixed.
    expect((await call('/cgi-bin/draft/get', { media_id })).news_item).toBeDefined()
  })

  it('answers 48001 to an account without the publish permission', async () => {
    await emu.control.setPublishBehaviour({ permission: false })
    expect((await call('/cgi-bin/freepublish/batchget', { offset: 0, count: 20 })).errcode).toBe(48001)
  })
})

describe('mass mpnews and news materials', () => {
  it('mass-sends a draft, takes it out of the box, and refuses an unknown media_id with 40007', async () => {
    const touser = [await emu.control.followerAt(0), await emu.control.followerAt(1)]
    const mediaId = await emu.control.seedDraft()
    expect(
      await call('/cgi-bin/message/mass/send', { touser, msgtype: 'mpnews', mpnews: { media_id: mediaId }, send_ignore_reprint: 0 }),
    ).toMatchObject({ errcode: 0 })
    expect((await call('/cgi-bin/draft/get', { media_id: mediaId })).errcode).toBe(40007)
    expect(
      (await call('/cgi-bin/message/mass/send', { touser, msgtype: 'mpnews', mpnews: { media_id: 'UNKNOWN' }, send_ignore_reprint: 0 }))
        .errcode,
    ).toBe(40007)
  })

  // 45103 reported in 2022 (https://developers.weixin.qq.com/community/develop/doc/00048460eac240f0699d03fa45b800),
  // 45106 for add_news in 2024 (https://developers.weixin.qq.com/community/develop/doc/0008a2b5344b48d6bd915427166c00).
  // MASSSENDJOBFINISH's ArticleUrlResult, as developers receive it for an mpnews send:
  // https://developers.weixin.qq.com/community/develop/doc/00000c2a54c2a83059ecb9ba056c00
  it("pushes MASSSENDJOBFINISH with each article's URL for a mass-sent draft", async () => {
    const touser = [await emu.control.followerAt(2), await emu.control.followerAt(3)]
    const { media_id } = (await call('/cgi-bin/draft/add', { articles: [article('A'), article('B')] })) as { media_id: string }
    const sent = JSON.parse(
      (
        await (
          await fetch(`${emu.url}/cgi-bin/message/mass/send?access_token=${token}`, {
            method: 'POST',
            body: JSON.stringify({ touser, msgtype: 'mpnews', mpnews: { media_id }, send_ignore_reprint: 0 }),
          })
        ).text()
      ).replace(/"msg_id":(\d+)/, '"msg_id":"$1"'),
    ) as { msg_id: string }
    const push = await emu.control.waitForPush('MASSSENDJOBFINISH', { msgId: sent.msg_id })
    expect(push.fields.ArticleUrlResult).toMatchObject({ Count: 2, ResultList: [{ ArticleIdx: 1 }, { ArticleIdx: 2 }] })
    const xml = bodies.find((b) => b.includes('MASSSENDJOBFINISH') && b.includes(`<MsgID>${sent.msg_id}</MsgID>`))!
    expect(xml).toMatch(
      /<ArticleUrlResult><Count>2<\/Count><ResultList><item><ArticleIdx>1<\/ArticleIdx><ArticleUrl><!\[CDATA\[http[^\]]+\]\]><\/ArticleUrl><\/item><item><ArticleIdx>2<\/ArticleIdx>/,
    )
  })

  it('answers add_news with 45106 and update_news with 45103, as WeChat does since 2022-02', async () => {
    expect((await call('/cgi-bin/material/add_news', { articles: [article()] })).errcode).toBe(45106)
    expect((await call('/cgi-bin/material/update_news', { media_id: 'x', index: 0, articles: article() })).errcode).toBe(45103)
  })
})

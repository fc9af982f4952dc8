// Subscription templates against the emulator. Doc pages:
// getcategory https://developers.weixin.qq.com/doc/service/api/notify/notify/api_getcategory.html
// getpubtemplatetitles https://developers.weixin.qq.com/doc/service/api/notify/notify/api_getpubnewtemplatetitles.html
// getpubtemplatekeywords https://developers.weixin.qq.com/doc/service/api/notify/notify/api_getpubnewtemplatekeywords.html
// addtemplate https://developers.weixin.qq.com/doc/service/api/notify/notify/api_addwxanewtemplate.html
// gettemplate https://developers.weixin.qq.com/doc/service/api/notify/notify/api_getwxapubnewtemplate.html
// deltemplate https://developers.weixin.qq.com/doc/service/api/notify/notify/api_delwxanewtemplate.html
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient, type WeChatClient } from '@wxmp/core'
import { startEmulator, type Emulator } from '@wxmp/emulator'
import {
  addSubscribeTemplate,
  deleteSubscribeTemplate,
  getCategories,
  getPublicTemplateKeywords,
  iteratePublicTemplateTitles,
  listPublicTemplateTitles,
  listSubscribeTemplates,
} from './index'

let emu: Emulator
let wx: WeChatClient
const calls = async (path: string) => (await emu.control.counters())[`path:${path}`] ?? 0

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
  wx = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url })
})
afterAll(() => emu.close())

describe('the public library', () => {
  it('lists the account categories', async () => {
    expect(await getCategories(wx)).toContainEqual({ id: 616, name: '公交' })
  })

  it('lists one page of titles with the total count', async () => {
    const page = await listPublicTemplateTitles(wx, [307], { start: 0, limit: 30 })
    expect(page.titles).toHaveLength(30)
    expect(page.count).toBe(41)
    expect(page.titles[0]).toEqual({ tid: 1001, title: '到货提醒', type: 2, categoryId: 307 })
  })

  it('iterates every title of several categories, a page of 30 at a time', async () => {
    const before = await calls('/wxaapi/newtmpl/getpubtemplatetitles')
    const tids: number[] = []
    for await (const t of iteratePublicTemplateTitles(wx, [616, 307])) tids.push(t.tid)
    expect(tids).toHaveLength(43)
    expect(new Set(tids).size).toBe(43)
    expect((await calls('/wxaapi/newtmpl/getpubtemplatetitles')) - before).toBe(2)
  })

  it("reads a title's keywords with their value kinds", async () => {
    const keywords = await getPublicTemplateKeywords(wx, 1001)
    expect(keywords).toContainEqual({ kid: 4, name: '配送状态', example: '已送达', rule: 'phrase' })
  })

  it('fails with 200014 for a title id WeChat does not have', async () => {
    await expect(getPublicTemplateKeywords(wx, 424242)).rejects.toMatchObject({ errcode: 200014 })
  })
})

describe("the account's templates", () => {
  it('adds a template with the keywords in the order chosen, and lists its keys', async () => {
    const templateId = await addSubscribeTemplate(wx, 1001, [2, 1], { sceneDesc: '到货提醒' })
    const listed = (await listSubscribeTemplates(wx)).find((t) => t.templateId === templateId)
    expect(listed).toMatchObject({ title: '到货提醒', type: 2, keys: ['time2', 'thing1'] })
    expect(listed!.content).toBe('到货时间:{{time2.DATA}}\n物品名称:{{thing1.DATA}}')
  })

  it('fails with 200020 for a keyword id the title does not have', async () => {
    await expect(addSubscribeTemplate(wx, 1001, [1, 9])).rejects.toMatchObject({ errcode: 200020 })
  })

  it('deletes a template', async () => {
    const templateId = await addSubscribeTemplate(wx, 99, [1, 2])
    await deleteSubscribeTemplate(wx, templateId)
    expect((await listSubscribeTemplates(wx)).map((t) => t.templateId)).not.toContain(templateId)
  })

  it('fails with 40037 deleting a template the account does not have', async () => {
    await expect(deleteSubscribeTemplate(wx, 'not-a-template')).rejects.toMatchObject({ errcode: 40037 })
  })
})

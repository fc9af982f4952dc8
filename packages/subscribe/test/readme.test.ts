// The README's example, run against the emulator: find a title, add it, and send once the follower
// accepted. https://developers.weixin.qq.com/doc/service/Subscription_Messages/intro.html
import { expect, it } from 'vitest'
import { createClient } from '@wxmp/core'
import { startEmulator } from '@wxmp/emulator'
import { addSubscribeTemplate, getPublicTemplateKeywords, iteratePublicTemplateTitles, sendSubscribeMessage } from '@wxmp/subscribe'
import { parseSubscribeDetails } from '@wxmp/subscribe/open-tag'

it('runs the README example', async () => {
  const emu = await startEmulator({ port: 0 })
  try {
    const wx = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url })
    let tid: number | undefined
    for await (const t of iteratePublicTemplateTitles(wx, [307])) if (t.title === '到货提醒') tid = t.tid
    expect(tid).toBe(1001)
    const keywords = await getPublicTemplateKeywords(wx, tid!)
    expect(keywords[0]).toMatchObject({ kid: 1, name: '物品名称', rule: 'thing' })
    const templateId = await addSubscribeTemplate(wx, tid!, [1, 2], { sceneDesc: '到货提醒' })

    const openid = await emu.control.followerAt(0)
    await emu.control.subscribePopup(openid, [{ templateId, status: 'accept' }])
    const { msgId } = await sendSubscribeMessage(wx, {
      openid,
      templateId,
      data: { thing1: 'Bluetooth headphones', time2: new Date() },
      page: 'https://shop.example.com/orders/42',
    })
    expect(msgId).toMatch(/^\d+$/)

    const detail = { errMsg: 'subscribe:ok', subscribeDetails: JSON.stringify({ [templateId]: JSON.stringify({ status: 'accept' }) }) }
    expect(
      parseSubscribeDetails(detail)
        .filter((d) => d.accepted)
        .map((d) => d.templateId),
    ).toEqual([templateId])
  } finally {
    await emu.close()
  }
})

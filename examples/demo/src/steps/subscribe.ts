// A subscription notification (订阅通知): the account picks a template from the public library, a
// follower accepts it in the popup, and one notification goes out; without the acceptance WeChat
// answers 43101, which is the most common "why did my notification not arrive".
import { isWeChatApiError } from '@wxmp/core'
import { addSubscribeTemplate, getPublicTemplateKeywords, iteratePublicTemplateTitles, sendSubscribeMessage } from '@wxmp/subscribe'
import type { DemoStep } from '../context'

export const subscribeStep: DemoStep = {
  title: 'Subscription notification after a follower accepts',
  run: async ({ wx, emu, log, openid }) => {
    if (!emu) {
      const templateId = process.env.WECHAT_SUBSCRIBE_TEMPLATE_ID
      if (!templateId || !openid)
        return log('set WECHAT_SUBSCRIBE_TEMPLATE_ID and WECHAT_TEST_OPENID (a follower who accepted) to send one: skipped')
      await sendSubscribeMessage(wx, { openid, templateId, data: { thing1: 'Your parcel', time2: new Date() } })
      return log(`subscription notification sent to ${openid}`)
    }
    let tid: number | undefined
    for await (const t of iteratePublicTemplateTitles(wx, [307])) if (t.title === '到货提醒') tid = t.tid
    if (tid === undefined) throw new Error('no 到货提醒 title in the library')
    const keywords = await getPublicTemplateKeywords(wx, tid)
    log(`public title ${tid} 到货提醒, keywords: ${keywords.map((k) => `${k.name} (${k.rule}, kid ${k.kid})`).join(', ')}`)
    const templateId = await addSubscribeTemplate(wx, tid, [1, 2], { sceneDesc: '到货提醒' })
    log(`added to the account as ${templateId}: keys thing1, time2`)

    const follower = openid ?? (await emu.control.followerAt(0))
    const data = { thing1: 'Spring gift box', time2: new Date() }
    try {
      await sendSubscribeMessage(wx, { openid: follower, templateId, data })
    } catch (error) {
      if (!isWeChatApiError(error) || error.errcode !== 43101) throw error
      log('before the follower accepted: WeChat answered 43101 (user refuse to accept the msg)')
    }
    await emu.control.subscribePopup(follower, [{ templateId, status: 'accept' }])
    log('the follower tapped 同意 in the popup (subscribe_msg_popup_event goes to the account server)')
    const { msgId } = await sendSubscribeMessage(wx, { openid: follower, templateId, data, page: 'https://shop.example.com/orders/42' })
    log(`subscription notification sent (msgid ${msgId ?? 'none'}); a one-time acceptance allows this one send`)
    const delivered = await emu.control.outbox({ channel: 'subscribe', touser: follower })
    log(`the emulator's outbox holds ${delivered.length} subscription notification(s) for ${follower}`)
  },
}

// Customer-service messages inside a user's 48-hour window, and a mass send to a tag.
import { sendNews, sendText } from '@wxmp/custom'
import { createTag, tagUsers } from '@wxmp/groups'
import { getMassMessageStatus, isMassSendUnconfirmedError, sendMassMessage } from '@wxmp/mass'
import type { DemoStep } from '../context'

export const messagesStep: DemoStep = {
  title: 'Customer-service and mass messages',
  // Opening a user's window is the emulator's control API; a real mass send is not a demo.
  needsEmulator: true,
  run: async ({ wx, emu, log, openid }) => {
    if (!emu || !openid) throw new Error('needs the emulator and a follower')

    // A customer-service message needs the user to have interacted in the last 48 hours.
    await emu.control.interact(openid)
    log(`${openid} sent us a message: their 48-hour reply window is open`)
    await sendText(wx, openid, 'Thanks for your message! Your order #42 has shipped.')
    await sendNews(wx, openid, {
      title: 'Track order #42',
      description: 'Arrives Thursday',
      url: 'https://shop.example/orders/42',
      picUrl: 'https://shop.example/img/42.jpg',
    })
    const inbox = await emu.control.outbox({ touser: openid, channel: 'custom' })
    log(`delivered to them: ${inbox.map((e) => e.msgtype).join(' + ')} (outbox shows ${inbox.length})`)

    // A mass send to a tag: every send carries a clientmsgid, so a retry can never send twice.
    const others = await Promise.all([1, 2, 3].map((i) => emu.control.followerAt(i)))
    const tag = await createTag(wx, 'demo-vip')
    await tagUsers(wx, [openid, ...others], tag.id)
    const sent = await sendMassMessage(wx, { tagId: tag.id }, { type: 'text', content: 'VIP preview sale starts tomorrow at 9' })
    const reached = await emu.control.outbox({ channel: 'mass' })
    log(`mass-sent to tag "${tag.name}" (${reached.length} followers): msg_id ${sent.msgId}, clientmsgid ${sent.clientMsgId}`)

    const again = await sendMassMessage(
      wx,
      { tagId: tag.id },
      { type: 'text', content: 'VIP preview sale starts tomorrow at 9' },
      { clientMsgId: sent.clientMsgId },
    ).catch((e: unknown) => e)
    const answer = isMassSendUnconfirmedError(again)
      ? `WeChat says 45066, repeat after ${again.retryAfterMs / 1000} s with the same id`
      : 'unexpected answer'
    log(
      `repeating it with the same clientmsgid within a minute: ${answer}; outbox still ${(await emu.control.outbox({ channel: 'mass' })).length}`,
    )
    const { status } = await getMassMessageStatus(wx, sent.msgId)
    log(`job status: ${status}`)
  },
}

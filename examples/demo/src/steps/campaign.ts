// A campaign: a QR code for a poster, its image saved to disk, and a template notification to a
// follower (typed data, a client_msg_id so a retry never sends it twice).
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createTemporaryQrCode, downloadQrCode, qrCodeImageUrl } from '@wxmp/qrcode'
import { addTemplate, defineTemplate, listTemplates, sendTemplateMessage } from '@wxmp/template'
import type { DemoStep } from '../context'

export const campaignStep: DemoStep = {
  title: 'Campaign QR code and template notification',
  run: async ({ wx, emu, outDir, log, openid }) => {
    // The image host is WeChat's mp.weixin.qq.com; on the emulator it serves the image itself.
    const imageHost = emu ? { baseUrl: emu.url } : {}
    const qr = await createTemporaryQrCode(wx, 'spring-campaign', { expireSeconds: 7 * 86_400 })
    log(`QR code for scene "${qr.scene}", valid ${qr.expireSeconds / 86_400} days, encodes ${qr.url}`)
    log(`image URL: ${qrCodeImageUrl(qr.ticket, imageHost).slice(0, 90)}...`)

    const image = await downloadQrCode(qr.ticket, imageHost)
    const file = join(outDir, `campaign-qr.${image.contentType === 'image/png' ? 'png' : 'jpg'}`)
    const bytes = await image.bytes()
    await writeFile(file, bytes)
    log(`saved the ${image.contentType} image (${bytes.byteLength} bytes) to ${file}`)

    if (!openid) {
      log('no openid to notify (set WECHAT_TEST_OPENID): template send skipped')
      return
    }
    const templateId =
      process.env.WECHAT_TEMPLATE_ID ?? (await addTemplate(wx, '43216', { keywordNames: ['商品名称', '快递单号', '发货时间'] }))
    const orderShipped = defineTemplate(templateId, ['thing1', 'character_string3', 'time4'])
    // The current template rules: a category template is added by its keyword names; each key's kind
    // has a rule checked before sending; first/remark are gone and colours are ignored since 2023.
    const listed = (await listTemplates(wx)).find((t) => t.templateId === templateId)
    log(
      `template ${listed?.title ?? templateId}: keys ${listed?.keys.join(', ') ?? 'thing1, character_string3, time4'} (thing ≤ 20 characters, character_string ≤ 32 letters/digits/symbols, time a date and time)`,
    )
    try {
      await sendTemplateMessage(wx, {
        openid,
        templateId: orderShipped,
        data: { thing1: 'A gift box with a name far over twenty characters', character_string3: 'SF1', time4: new Date() },
      })
    } catch (error) {
      log(`refused before sending: ${error instanceof Error ? error.message : String(error)}`)
    }
    const sent = await sendTemplateMessage(wx, {
      openid,
      templateId: orderShipped,
      data: { thing1: 'Spring gift box', character_string3: 'SF1234567890', time4: new Date() },
      url: 'https://shop.example.com/orders/42',
    })
    log(`template message sent: msgid ${sent.msgId} (exact 64-bit), client_msg_id ${sent.clientMsgId}`)
    if (emu) {
      const delivered = await emu.control.outbox({ channel: 'template', touser: openid })
      log(`the emulator's outbox holds ${delivered.length} template message(s) for ${openid}`)
    }
  },
}

// Emulator module: account migration (账号迁移) and its openid conversion.
//   POST /cgi-bin/changeopenid {"from_appid","openid_list"}   (the NEW account's token)
//        → {"result_list":[{"ori_openid","new_openid","err_msg":"ok"} | {"ori_openid","err_msg":"ori_openid error"}]}
// Works for 15 days after the migration, at most 100 openids a call, each a current follower of the
// old account. The doc calls from_appid the old account's original id (gh_...), while developers
// report that its appid is what works: both are taken.
// https://developers.weixin.qq.com/doc/service/api/usermanage/changeopenid/api_changeopenid.html
import { createHash } from 'node:crypto'
import { defineModule, type AppState } from '../../context'
import { readJson, wxError, wxOk } from '../../wechat'
import { appOf } from '../../control/kit'

/** Days the conversion works after the migration (the doc: 最多保留15天). */
export const CONVERSION_DAYS = 15
export const CHANGE_OPENID_MAX = 100

interface Migration {
  readonly from: AppState
  /** Emulator epoch ms. */
  readonly at: number
}

const migrationOf = (app: AppState) => app.ext<{ value: Migration | undefined }>('migration', () => ({ value: undefined }))

/** The follower's openid in the new account: stable, shaped like WeChat's (o + 27). */
function newOpenId(to: AppState, openid: string): string {
  return `o${createHash('sha1').update(`${to.appId}:${openid}`).digest('base64url').slice(0, 27)}`
}

export const migrationModule = defineModule({
  name: 'migration',
  routes(app, emu) {
    app.post('/cgi-bin/changeopenid', async (c) => {
      const body = await readJson(c)
      if (body instanceof Response) return body
      const to = c.get('app')
      const migration = migrationOf(to).value
      const { from_appid: fromAppId, openid_list: list } = body
      if (!migration || (fromAppId !== migration.from.appId && fromAppId !== migration.from.originalId))
        return wxError(c, 63178, 'appid wrong')
      if (emu.clock.now() - migration.at > CONVERSION_DAYS * 86_400_000) return wxError(c, 63178, 'appid wrong')
      if (!Array.isArray(list) || list.length === 0) return wxError(c, 63182, 'openid_list empty')
      if (list.length > CHANGE_OPENID_MAX) return wxError(c, 40032)
      const result_list = list.map((ori) =>
        typeof ori === 'string' && migration.from.followers.isFollowing(ori)
          ? { ori_openid: ori, new_openid: newOpenId(to, ori), err_msg: 'ok' }
          : { ori_openid: ori, err_msg: 'ori_openid error' },
      )
      return wxOk(c, { result_list })
    })
  },

  control(app, emu) {
    // The migration from `fromAppId` to the app (`appId`, default the first) is approved now.
    app.post('/migration', async (c) => {
      const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>
      const to = appOf(emu, body.appId)
      const from = typeof body.fromAppId === 'string' ? emu.apps.get(body.fromAppId) : undefined
      if (!to || !from || from === to) return c.json({ error: 'fromAppId must be another app of this emulator' }, 400)
      migrationOf(to).value = { from, at: emu.clock.now() }
      return c.json({ from: from.appId, originalId: from.originalId, to: to.appId })
    })
  },
})

// Control calls for the API modules' own routes (user, tags, custom, kf, mass, media, OAuth, QR,
// templates): what tests need to see or set that WeChat's API does not offer.
import { PushControl } from './push'
import { appBody, appQuery } from './transport'
import type {
  AppOption,
  FollowerRecord,
  IssuedCode,
  MassJob,
  MediaDownload,
  MediaItem,
  QrTicketInfo,
  TemplateOptions,
  TemplateQuota,
} from './types'

export class ModuleControl extends PushControl {
  /** A follower's stored record (remark, blacklist, tags, group), to check a write without the read API under test. */
  userRecord(openid: string, options?: AppOption): Promise<FollowerRecord> {
    return this.request('GET', appQuery('/user/record', options, { openid }))
  }

  /** Openids at follow positions `from .. from+count-1` (followerAt, in bulk). */
  followerRange(from: number, count: number, options?: AppOption): Promise<string[]> {
    return this.request('GET', appQuery('/user/openids', options, { from, count }))
  }

  /** Blacklists followers `from .. from+count-1` at once (the API takes 20 a call). Returns the blacklist's length. */
  async blacklistFollowers(from: number, count: number, options?: AppOption): Promise<number> {
    return (await this.request<{ blacklisted: number }>('POST', '/user/blacklist', { ...appBody(options), from, count })).blacklisted
  }

  /** Tags followers `from .. from+count-1` at once (the API takes 50 a call). Returns the tag's member count. */
  async tagFollowers(tagId: number, from: number, count: number, options?: AppOption): Promise<number> {
    return (await this.request<{ count: number }>('POST', '/tags/members', { ...appBody(options), tagId, from, count })).count
  }

  /** Members a tag counts without listing them (a tag too big to delete, 45057, without a million records). */
  async setTagExtraCount(tagId: number, extraCount: number, options?: AppOption): Promise<number> {
    return (await this.request<{ count: number }>('POST', '/tags/extra-count', { ...appBody(options), tagId, extraCount })).count
  }

  /** Whether "typing..." shows in the follower's chat now (WeChat drops it after 15 s). */
  async typing(openid: string, options?: AppOption): Promise<boolean> {
    return (await this.request<{ typing: boolean }>('GET', appQuery('/custom/typing', options, { openid }))).typing
  }

  /** The follower's customer-service window: open, when it closes, sends left. */
  replyWindow(
    openid: string,
    options?: AppOption,
  ): Promise<{ openid: string; open: boolean; lastInteraction: number | null; closesAt: number | null; remaining: number }> {
    return this.request('GET', appQuery('/custom/window', options, { openid }))
  }

  /** Puts a kf account online (or with `online: false` offline), so getonlinekflist lists it. */
  setKfOnline(
    kfAccount: string,
    options: AppOption & { online?: boolean; status?: number; acceptedCase?: number } = {},
  ): Promise<{ kfAccount: string; online: boolean }> {
    return this.request('POST', '/custom/kf/online', { ...options, kfAccount })
  }

  /** The invited WeChat user accepts the kf invitation (or binds `wechatId` directly). */
  acceptKfInvite(kfAccount: string, options: AppOption & { wechatId?: string } = {}): Promise<{ kfAccount: string; kfWx: string }> {
    return this.request('POST', '/kfsession/accept-invite', { ...options, kfAccount })
  }

  /** A follower writes while no kf serves them: they join the wait list. Returns how many wait. */
  async customerWaits(openid: string, options: AppOption & { text?: string } = {}): Promise<number> {
    return (await this.request<{ waiting: number }>('POST', '/kfsession/wait', { ...options, openid })).waiting
  }

  /** Every mass job of the app, oldest first, with its status now. */
  massJobs(options?: AppOption): Promise<MassJob[]> {
    return this.request('GET', appQuery('/mass/jobs', options))
  }

  /** Fails a mass job (`SEND_FAIL`, as review refusing it would) or gives it back to the clock (`null`). */
  setMassJobStatus(msgId: string, status: 'SEND_FAIL' | null, options?: AppOption): Promise<MassJob> {
    return this.request('POST', '/mass/jobs/status', { ...appBody(options), msgId, status })
  }

  /** Stored media of the app (no bytes). */
  mediaItems(options?: AppOption): Promise<MediaItem[]> {
    return this.request('GET', appQuery('/media/items', options))
  }

  /** Every file download the app served, oldest first, and how each ended. */
  mediaDownloads(options?: AppOption): Promise<MediaDownload[]> {
    return this.request('GET', appQuery('/media/downloads', options))
  }

  /** `chunkedDownloads`: files without Content-Length; `legacyNews: false`: add_news answers 45103 as WeChat has since 2022. */
  setMediaOptions(
    options: AppOption & { chunkedDownloads?: boolean; legacyNews?: boolean },
  ): Promise<{ chunkedDownloads: boolean; legacyNews: boolean }> {
    return this.request('POST', '/media/options', options)
  }

  /** An OAuth code as if the user (default: the first follower) approved on the consent page. */
  issueOAuthCode(options: AppOption & { openid?: string; scope?: IssuedCode['scope']; snapshotUser?: boolean } = {}): Promise<IssuedCode> {
    return this.request('POST', '/oauth/code', options)
  }

  /** The user revoked access: their OAuth tokens answer 42007. Returns how many died. */
  async revokeOAuth(openid: string, options?: AppOption): Promise<number> {
    return (await this.request<{ revoked: number }>('POST', '/oauth/revoke', { ...appBody(options), openid })).revoked
  }

  /** What a QR ticket stands for: the scene a scan reports, and whether it still lives. */
  qrTicket(ticket: string): Promise<QrTicketInfo> {
    return this.request('GET', `/qrcode/ticket?ticket=${encodeURIComponent(ticket)}`)
  }

  /** Lowers (or raises) the 100,000 permanent-QR limit so a test can reach it. */
  setPermanentQrLimit(limit: number, options?: AppOption): Promise<{ appId: string; limit: number; used: number }> {
    return this.request('POST', '/qrcode/permanent-limit', { ...appBody(options), limit })
  }

  /**
   * Registers a private template (any title and keys) for the app, as if added in the console.
   * Returns its id and content. Throws (400) without `keys` or a `content` with `{{key.DATA}}`.
   *
   * @example
   * ```ts
   * const { templateId } = await emu.control.addTemplate({ keys: ['thing1', 'time2'] })
   * ```
   */
  addTemplate(template: TemplateOptions): Promise<{ appId: string; templateId: string; content: string }> {
    return this.request('POST', '/template/templates', template)
  }

  /** The daily template send quota and what today used. */
  templateQuota(options?: AppOption): Promise<TemplateQuota> {
    return this.request('GET', appQuery('/template/quota', options))
  }

  /** Sets the daily template quota (`daily`) and/or what today has used (`used`). */
  setTemplateQuota(quota: { daily?: number; used?: number }, options?: AppOption): Promise<TemplateQuota> {
    return this.request('POST', '/template/quota', { ...appBody(options), ...quota })
  }

  /** How delivery to `openid` ends in TEMPLATESENDJOBFINISH (`null`: success again). The send itself succeeds. */
  setTemplateDelivery(
    openid: string,
    status: 'failed:user block' | 'failed: system failed' | null,
    options?: AppOption,
  ): Promise<{ appId: string; openid: string; status: string }> {
    return this.request('POST', '/template/delivery', { ...appBody(options), openid, status })
  }

  /** The user switched off the account's template messages (sends answer 43101); `refused: false` undoes it. */
  refuseTemplates(
    openid: string,
    options: AppOption & { refused?: boolean } = {},
  ): Promise<{ appId: string; openid: string; refused: boolean }> {
    return this.request('POST', '/template/refuse', { ...options, openid })
  }
}

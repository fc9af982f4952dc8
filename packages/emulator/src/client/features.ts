// Control calls for today's platform modules: publish (draft box, freepublish), menu (taps, the
// console's menu), subscribe (the popup and settings), kf session switches and account migration.
import type { MenuButtonRef, TapMenuOptions } from '../modules/menu/types'
import type { PushRecord } from '../types'
import { ModuleControl } from './modules'
import type { AppOption } from './types'

export class FeatureControl extends ModuleControl {
  /**
   * How the publish jobs (freepublish/submit) submitted from now on end (module publish): `outcome`
   * `'success'` (publish_status 0), `'original-check-failed'` (2), `'failed'` (3) or
   * `'review-failed'` (4), with `failIdx` (1-based, default `[1]`); `permission: false` makes every
   * freepublish call answer 48001, as for accounts that lost it in 2025; `durationMs` (emulator
   * clock) from submit to PUBLISHJOBFINISH. Returns the behaviour now in force.
   */
  setPublishBehaviour(behaviour: PublishBehaviour, options: AppOption = {}): Promise<Required<PublishBehaviour>> {
    return this.request('POST', '/publish/behaviour', { ...behaviour, ...options })
  }

  /** Every publish job of the app, oldest first, as freepublish/get answers it now (module publish). */
  publishJobs(options: AppOption = {}): Promise<PublishJobInfo[]> {
    return this.request('GET', options.appId === undefined ? '/publish/jobs' : `/publish/jobs?appId=${encodeURIComponent(options.appId)}`)
  }

  /** Puts a one-article draft (with its own permanent cover) in the app's draft box; returns its media_id. */
  async seedDraft(options: AppOption & { readonly title?: string } = {}): Promise<string> {
    return (await this.request<{ mediaId: string }>('POST', '/publish/drafts', options)).mediaId
  }

  /**
   * The follower taps a button of the menu they see (module menu: the newest conditional menu whose
   * tag is their latest tag, else the default menu). `button` is a key, or a path `[top]` /
   * `[top, sub]`. The emulator pushes the event WeChat would for that button type (CLICK, VIEW with
   * MenuId, view_miniprogram, scancode_* with ScanCodeInfo, pic_* with SendPicsInfo, location_select
   * with SendLocationInfo), opens the 1-minute customer-service window for click and scan buttons,
   * and resolves with the push record like {@link userEvent}; `null` for media_id and article
   * buttons, which push nothing. A button that does not exist throws {@link EmulatorControlError}
   * (404) listing the buttons there are.
   */
  tapMenu(openid: string, button: MenuButtonRef, options: TapMenuOptions = {}): Promise<PushRecord | null> {
    return this.request('POST', '/menu/tap', { ...options, openid, button })
  }

  /**
   * An operator publishes a menu in the admin console: `get_current_selfmenu_info` answers
   * `selfmenuInfo` (WeChat's wire form, `{ button: [...] }` with text/img/voice/video/news buttons)
   * until the API sets a menu again; `null` takes it down.
   */
  async setConsoleMenu(selfmenuInfo: { readonly button: readonly unknown[] } | null, options: AppOption = {}): Promise<void> {
    await this.request('POST', '/menu/console', { ...options, selfmenuInfo })
  }

  // Subscription notifications (module subscribe).

  /**
   * A follower answers the subscription popup (in an article, scene 2, or on a web page, scene 1):
   * each template accepted allows one send (one-time templates) or any number (long-term), each
   * rejected refuses sends with 43101; `subscribe_msg_popup_event` is pushed. Resolves with the push.
   */
  subscribePopup(openid: string, choices: readonly SubscribeChoice[], options: SubscribePopupOptions = {}): Promise<PushRecord> {
    return this.request('POST', '/subscribe/popup', { ...options, openid, choices })
  }

  /** A follower switches templates off in the notification settings: `subscribe_msg_change_event` is pushed. */
  subscribeReject(openid: string, templateIds: readonly string[], options: AppOption = {}): Promise<PushRecord> {
    return this.request('POST', '/subscribe/reject', { ...options, openid, templateIds })
  }

  // kf sessions (module kfsession).

  /**
   * A kf worker transfers the follower's session to another kf account (bound and online) in
   * WeChat's kf client, which no API does: the session moves and `kf_switch_session` is pushed.
   */
  switchKfSession(openid: string, toKfAccount: string, options: AppOption = {}): Promise<PushRecord> {
    return this.request('POST', '/kfsession/switch', { ...options, openid, toKfAccount })
  }

  // Account migration (module migration).

  /**
   * The migration of `fromAppId`'s followers to the app (`options.appId`, default the first) is
   * approved now: for 15 days (emulator clock) the app's `changeopenid` converts the old account's
   * followers' openids.
   */
  async approveMigration(fromAppId: string, options: AppOption = {}): Promise<{ from: string; originalId: string; to: string }> {
    return this.request('POST', '/migration', { ...options, fromAppId })
  }
}

/** See {@link EmulatorControl.setPublishBehaviour}. */
export interface PublishBehaviour {
  readonly outcome?: 'success' | 'original-check-failed' | 'failed' | 'review-failed'
  readonly failIdx?: readonly number[] | null
  readonly permission?: boolean
  readonly durationMs?: number
}

/** A publish job as {@link EmulatorControl.publishJobs} lists it: freepublish/get's wire answer and the draft. */
export interface PublishJobInfo {
  readonly draftId: string
  readonly outcome: NonNullable<PublishBehaviour['outcome']>
  readonly doneAt: number
  readonly publish_id: number
  readonly publish_status: number
  readonly article_id?: string
  readonly article_detail?: { readonly count: number; readonly item: readonly { readonly idx: number; readonly article_url: string }[] }
  readonly fail_idx: readonly number[]
}

/** A follower's answer for one template in {@link EmulatorControl.subscribePopup}. */
export interface SubscribeChoice {
  readonly templateId: string
  readonly status: 'accept' | 'reject'
}

/** Options of {@link EmulatorControl.subscribePopup}. */
export interface SubscribePopupOptions extends AppOption {
  /** Where the popup was: 1 a web page, 2 an article. @default 2 */
  readonly scene?: 1 | 2
}

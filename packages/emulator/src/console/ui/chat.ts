// The follower's phone: WeChat's chat view (the account's name on top, the account's messages in
// white on the left, the follower's in green on the right), the input and the account's menu.
// Everything a follower or a server wrote is interpolated as text: htm/Preact escape it, and the
// only links made are http(s) (format.ts safeHref).
import { html, useEffect, useRef, useState } from './html'
import type { ChatItem, ConsoleMenuButton, ConsoleState } from '../types'
import { clockTime, initials, linkParts, relative, safeHref, str } from './format'

type Follower = NonNullable<ConsoleState['follower']>
type Account = Extract<ChatItem, { side: 'account' }>

const CHANNEL_LABEL: Record<string, string> = {
  reply: '被动回复 passive reply',
  custom: '客服消息 customer service',
  template: '模板消息 template',
  subscribe: '订阅通知 subscription',
  mass: '群发 mass send',
  preview: '预览 preview',
}

/** Text with http(s) links (noopener, noreferrer, new tab); nothing else is ever a link. */
function Linked({ text }: { text: string }) {
  return linkParts(text).map((p) =>
    p.href === undefined ? p.text : html`<a href=${p.href} target="_blank" rel="noopener noreferrer">${p.text}</a>`,
  )
}

function Card({ title, lines, href, tag }: { title: string; lines: string[]; href?: string | undefined; tag: string }) {
  const body = html`<div class="card-tag">${tag}</div>
    <div class="card-title">${title}</div>
    ${lines.filter((l) => l !== '').map((l) => html`<div class="card-line">${l}</div>`)}`
  return href === undefined
    ? html`<div class="card">${body}</div>`
    : html`<a class="card" href=${href} target="_blank" rel="noopener noreferrer">${body}</a>`
}

function News({ articles }: { articles: Record<string, unknown>[] }) {
  return html`<div class="news">
    ${articles.map((a, i) => {
      const href = safeHref(a.url)
      const inner = html`<div class="news-pic" title=${str(a.picurl)}>${i === 0 ? '图文' : ''}</div>
        <div class="news-text"><div class="card-title">${str(a.title)}</div><div class="card-line">${str(a.description)}</div></div>`
      return href === undefined
        ? html`<div class="news-item" data-url=${str(a.url)}>${inner}</div>`
        : html`<a class="news-item" href=${href} target="_blank" rel="noopener noreferrer">${inner}</a>`
    })}
  </div>`
}

/** Template and subscription data: `{ key: { value } }` as `key: value` lines. */
function dataLines(data: unknown): string[] {
  if (data === null || typeof data !== 'object') return []
  return Object.entries(data as Record<string, unknown>).map(([k, v]) => `${k}: ${str((v as { value?: unknown } | null)?.value)}`)
}

/** One message from the account, drawn by its kind. */
function AccountMessage({ item }: { item: Account }) {
  const p = item.payload
  switch (item.msgtype) {
    case 'text':
      return html`<div class="bubble"><${Linked} text=${str(p.content)} /></div>`
    case 'image':
      return html`<div class="bubble media">[图片 image] ${str(p.media_id)}</div>`
    case 'voice':
      return html`<div class="bubble media">[语音 voice] ${str(p.media_id)}</div>`
    case 'video':
    case 'mpvideo':
      return html`<div class="bubble media">[视频 video] ${str(p.title) || str(p.media_id)}</div>`
    case 'music':
      return html`<${Card} tag="♪ 音乐 music" title=${str(p.title)} lines=${[str(p.description)]} href=${safeHref(p.musicurl)} />`
    case 'news':
      return html`<${News} articles=${((p.articles as unknown[]) ?? []) as Record<string, unknown>[]} />`
    case 'mpnews':
    case 'mpnewsarticle':
      return html`<${Card} tag="图文 article" title=${str(p.media_id) || str(p.article_id)} lines=${[]} />`
    case 'miniprogrampage':
      return html`<${Card} tag="小程序 mini program" title=${str(p.title)} lines=${[str(p.appid), str(p.pagepath)]} />`
    case 'msgmenu': {
      const list = ((p.list as unknown[]) ?? []) as Record<string, unknown>[]
      return html`<div class="bubble"><div>${str(p.head_content)}</div>
        ${list.map((o) => html`<div class="menu-option">${str(o.content)}</div>`)}<div>${str(p.tail_content)}</div></div>`
    }
    case 'template':
    case 'subscribe':
      return html`<${Card}
        tag=${item.msgtype === 'template' ? '模板消息 template' : '订阅通知 subscription'}
        title=${str(p.template_id)}
        lines=${dataLines(p.data)}
        href=${safeHref(p.url) ?? safeHref(p.page)}
      />`
    case 'system':
      return html`<div class="bubble system-bubble">${str(p.content)}</div>`
    default:
      return html`<div class="bubble media">[${item.msgtype}] ${JSON.stringify(p)}</div>`
  }
}

/** What the follower sent, as they see it. */
function followerText(item: Extract<ChatItem, { side: 'follower' }>): string {
  const f = item.fields
  switch (item.msgType) {
    case 'text':
      return str(f.Content)
    case 'location':
      return `[位置 location] ${str(f.Label)}`
    case 'link':
      return `[链接 link] ${str(f.Title)} ${str(f.Url)}`
    default:
      return `[${item.msgType}]`
  }
}

function eventText(item: Extract<ChatItem, { side: 'event' }>): string {
  const f = item.fields
  const key = str(f.EventKey)
  switch (item.event) {
    case 'subscribe':
      return key ? `关注了公众号 followed (scanned ${key})` : '关注了公众号 followed'
    case 'unsubscribe':
      return '取消关注 unfollowed'
    case 'SCAN':
      return `扫码 scanned QR, scene ${key}`
    case 'CLICK':
      return `点击菜单 tapped menu, key ${key}`
    case 'VIEW':
      return `打开菜单链接 opened ${key}`
    default:
      return `${item.event}${key ? ` ${key}` : ''}`
  }
}

function Line({ item, name, account }: { item: ChatItem; name: string; account: string }) {
  if (item.side === 'event') return html`<div class="event-line" data-testid="event">${eventText(item)} · ${clockTime(item.at)}</div>`
  if (item.side === 'follower') {
    const failed = item.error !== undefined
    return html`<div class="row mine" data-testid="mine">
      <div class="col">
        <div class="bubble green">${item.msgType === 'text' ? html`<${Linked} text=${followerText(item)} />` : followerText(item)}</div>
        ${failed ? html`<div class="failed" title=${item.error}>! ${item.error}</div>` : null}
      </div>
      <div class="avatar me">${initials(name)}</div>
    </div>`
  }
  return html`<div class="row theirs" data-testid="theirs" data-channel=${item.channel}>
    <div class="avatar account">${initials(account)}</div>
    <div class="col">
      <div class="channel">${CHANNEL_LABEL[item.channel] ?? item.channel} · ${clockTime(item.at)}</div>
      <${AccountMessage} item=${item} />
    </div>
  </div>`
}

/** The menu bar: up to 3 buttons, sub-buttons in a pop-up above, as WeChat draws it. */
function MenuBar({ buttons, onTap }: { buttons: readonly ConsoleMenuButton[]; onTap: (path: number[]) => void }) {
  const [open, setOpen] = useState<number | null>(null)
  return html`<nav class="menubar" data-testid="menu">
    ${buttons.slice(0, 3).map((b, i) => {
      const subs = b.sub_button ?? []
      return html`<div class="menu-slot">
        ${
          open === i && subs.length > 0
            ? html`<div class="submenu">
              ${subs.map((s, j) => html`<button type="button" onClick=${() => (setOpen(null), onTap([i, j]))}>${str(s.name)}</button>`)}
            </div>`
            : null
        }
        <button type="button" class="menu-button" onClick=${() => (subs.length > 0 ? setOpen(open === i ? null : i) : onTap([i]))}>
          ${subs.length > 0 ? '≡ ' : ''}${str(b.name)}
        </button>
      </div>`
    })}
  </nav>`
}

export interface PhoneProps {
  readonly state: ConsoleState
  readonly follower: Follower
  readonly send: (text: string) => Promise<void>
  readonly tap: (path: number[]) => void
  readonly toggleFollow: () => void
}

/** The phone: header, chat, input, menu. */
export function Phone({ state, follower, send, tap, toggleFollow }: PhoneProps) {
  const [text, setText] = useState('')
  const list = useRef<HTMLDivElement>(null)
  const count = follower.chat.length
  useEffect(() => {
    const el = list.current
    if (el) el.scrollTop = el.scrollHeight
    // The newest line's key, not the count: the count stops growing once the chat is capped.
  }, [follower.chat.at(-1)?.key, follower.openid])
  const account = state.app.originalId
  const name = follower.nickname || follower.openid
  const w = follower.window
  const submit = async (e: Event) => {
    e.preventDefault()
    if (text.trim() === '') return
    const sent = text
    setText('')
    await send(sent)
  }
  return html`<section class="phone" aria-label="follower's phone">
    <header class="phone-top">
      <div class="phone-title">${account}</div>
      <div class="phone-sub">
        <span>as ${name}</span>
        <button type="button" class="link-button" onClick=${toggleFollow}>${follower.subscribed ? '取消关注 unfollow' : '关注 follow'}</button>
      </div>
      <div class="window" data-testid="window">
        ${
          w.open
            ? `客服窗口 open until ${w.closesAt === null ? '?' : `${clockTime(w.closesAt)} (${relative(w.closesAt, state.now)})`}, ${w.remaining} sends left`
            : '客服窗口 closed: the account cannot send customer-service messages'
        }
      </div>
    </header>
    <div class="chat" ref=${list} data-testid="chat">
      ${count === 0 ? html`<div class="event-line">No messages yet. Say something below.</div>` : null}
      ${follower.chatHidden > 0 ? html`<div class="event-line" data-testid="hidden">${follower.chatHidden} earlier messages not shown</div>` : null}
      ${follower.chat.map((item) => html`<${Line} key=${item.key} item=${item} name=${name} account=${account} />`)}
    </div>
    <form class="composer" onSubmit=${submit}>
      <input
        type="text"
        aria-label="message"
        placeholder=${state.push ? '发消息 message the account' : 'no push URL configured: messages go nowhere'}
        value=${text}
        onInput=${(e: Event) => setText((e.target as HTMLInputElement).value)}
      />
      <button type="submit">发送 Send</button>
    </form>
    ${follower.menu ? html`<${MenuBar} buttons=${follower.menu.buttons} onTap=${tap} />` : null}
  </section>`
}

// Checks a customer-service message body the way WeChat does and answers its errcode, or returns
// the payload to deliver (the `<msgtype>` object as received).

const MSGTYPES = new Set([
  'text',
  'image',
  'voice',
  'video',
  'music',
  'news',
  'mpnews',
  'mpnewsarticle',
  'msgmenu',
  'wxcard',
  'miniprogrampage',
])

const str = (v: unknown): v is string => typeof v === 'string' && v !== ''
const bytes = (s: string) => new TextEncoder().encode(s).length

export type Checked = { payload: Record<string, unknown> } | { errcode: number; errmsg?: string }

export function checkCustomMessage(body: Record<string, unknown>, textMaxBytes: number): Checked {
  const msgtype = body.msgtype
  if (typeof msgtype !== 'string' || !MSGTYPES.has(msgtype)) return { errcode: 40008 }
  const raw = body[msgtype]
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { errcode: 47001 }
  const m = raw as Record<string, unknown>
  switch (msgtype) {
    case 'text':
      if (!str(m.content)) return { errcode: 44004 }
      if (bytes(m.content) > textMaxBytes) return { errcode: 45002 }
      break
    case 'image':
    case 'voice':
    case 'mpnews':
      if (!str(m.media_id)) return { errcode: 41006 }
      break
    case 'video':
      if (!str(m.media_id) || !str(m.thumb_media_id)) return { errcode: 41006 }
      break
    case 'music':
      if (!str(m.musicurl) || !str(m.hqmusicurl)) return { errcode: 40035 }
      if (!str(m.thumb_media_id)) return { errcode: 41006 }
      break
    case 'news': {
      const articles = m.articles
      if (!Array.isArray(articles) || articles.length === 0) return { errcode: 44003 }
      if (articles.length > 1) return { errcode: 45008, errmsg: 'article size out of limit' }
      const a = articles[0] as Record<string, unknown> | null
      if (a === null || typeof a !== 'object' || !str(a.title) || !str(a.url)) return { errcode: 40035 }
      break
    }
    case 'mpnewsarticle':
      if (!str(m.article_id)) return { errcode: 40035 }
      break
    case 'msgmenu': {
      const list = m.list
      if (!Array.isArray(list) || list.length === 0) return { errcode: 40035 }
      for (const item of list as unknown[]) {
        const it = item as Record<string, unknown> | null
        if (it === null || typeof it !== 'object' || !str(it.id) || !str(it.content)) return { errcode: 40035 }
      }
      break
    }
    case 'wxcard':
      if (!str(m.card_id)) return { errcode: 40035 }
      break
    case 'miniprogrampage':
      if (!str(m.title) || !str(m.appid) || !str(m.pagepath)) return { errcode: 40035 }
      if (!str(m.thumb_media_id)) return { errcode: 41006 }
      break
  }
  return { payload: m }
}

// Followers of one app: `count` synthetic ones generated on demand from their index (nothing is
// stored per synthetic follower), plus followers added explicitly, plus per-user records created
// only when something about a user changes. Memory grows with what tests change, not with `count`.

export interface UserRecord {
  openid: string
  subscribed: boolean
  /** Epoch seconds. */
  subscribeTime: number
  language: 'zh_CN' | 'zh_TW' | 'en'
  remark: string
  /** Tag ids in the order they were added (WeChat's `tagid_list`). */
  tagIds: number[]
  blacklisted: boolean
  subscribeScene: string
  qrScene: number
  qrSceneStr: string
  /** Profile used by OAuth `snsapi_userinfo` (user/info no longer returns it). */
  nickname: string
  headimgurl: string
  unionid?: string
}

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_'

function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h
}

function encode(value: number, width: number): string {
  let out = ''
  let v = value
  for (let i = 0; i < width; i++) {
    out = ALPHABET[v % 64] + out
    v = Math.floor(v / 64)
  }
  return out
}

export class Followers {
  /** Number of synthetic followers (indexes 0 .. count-1). */
  count: number
  /** Explicitly added openids, in follow order after the synthetic ones. */
  private readonly added: string[] = []
  private readonly addedIndex = new Map<string, number>()
  private readonly records = new Map<string, UserRecord>()
  private readonly prefix: string
  private readonly appId: string

  constructor(
    appId: string,
    count: number,
    private readonly epochSeconds: number,
  ) {
    this.appId = appId
    this.count = count
    // 28 characters like WeChat's: 'o' + 5 per app + 8 index + 14 check.
    this.prefix = 'o' + encode(fnv1a(appId), 5)
  }

  /** The deterministic openid of synthetic follower `index`. */
  openidAt(index: number): string {
    const check =
      encode(fnv1a(`${this.appId}:${index}`), 6) + encode(fnv1a(`${index}:${this.appId}`, 0x1234567), 6) + encode(index % 4096, 2)
    return this.prefix + encode(index, 8) + check
  }

  /** Total followers in list order (synthetic, then added). Unsubscribed users are still counted until removed. */
  get total(): number {
    return this.count + this.added.length
  }

  /** Position in follow order, or -1 if the openid is not (or no longer) a user of this app. */
  indexOf(openid: string): number {
    const added = this.addedIndex.get(openid)
    if (added !== undefined) return this.count + added
    if (openid.length !== 28 || !openid.startsWith(this.prefix)) return -1
    let index = 0
    for (const ch of openid.slice(6, 14)) {
      const d = ALPHABET.indexOf(ch)
      if (d < 0) return -1
      index = index * 64 + d
    }
    return index < this.count && this.openidAt(index) === openid ? index : -1
  }

  /** openid at list position `position` (synthetic or added). */
  at(position: number): string | undefined {
    if (position < 0) return undefined
    if (position < this.count) return this.openidAt(position)
    return this.added[position - this.count]
  }

  /** Whether `openid` belongs to this app (followed at some point). */
  exists(openid: string): boolean {
    return this.indexOf(openid) >= 0
  }

  /** Whether `openid` currently follows the account. */
  isFollowing(openid: string): boolean {
    return this.exists(openid) && (this.records.get(openid)?.subscribed ?? true)
  }

  /** Adds a follower (a real-looking openid is generated when none is given) and returns it. */
  add(openid?: string, patch: Partial<UserRecord> = {}): string {
    const id = openid ?? this.openidAt(this.count + 1_000_000_000 + this.added.length)
    if (!this.exists(id)) {
      this.addedIndex.set(id, this.added.length)
      this.added.push(id)
    }
    Object.assign(this.record(id), { subscribed: true }, patch)
    return id
  }

  /** The user's record; a synthetic user's defaults are derived from their index. Creates nothing. */
  peek(openid: string): UserRecord | undefined {
    const stored = this.records.get(openid)
    if (stored) return stored
    const index = this.indexOf(openid)
    if (index < 0) return undefined
    return this.defaults(openid, index)
  }

  /** The user's record, stored so it can be changed. Throws for an unknown openid. */
  record(openid: string): UserRecord {
    let stored = this.records.get(openid)
    if (!stored) {
      const index = this.indexOf(openid)
      if (index < 0) throw new Error(`unknown openid ${openid}`)
      stored = this.defaults(openid, index)
      this.records.set(openid, stored)
    }
    return stored
  }

  /** Users with a stored record (changed at some point): for tag membership scans. */
  storedRecords(): IterableIterator<UserRecord> {
    return this.records.values()
  }

  private defaults(openid: string, index: number): UserRecord {
    const n = index + 1
    return {
      openid,
      subscribed: true,
      subscribeTime: this.epochSeconds - Math.max(0, this.total - index) * 60,
      language: 'zh_CN',
      remark: '',
      tagIds: [],
      blacklisted: false,
      subscribeScene: index % 2 === 0 ? 'ADD_SCENE_SEARCH' : 'ADD_SCENE_QR_CODE',
      qrScene: 0,
      qrSceneStr: '',
      nickname: `Follower ${n}`,
      headimgurl: `https://thirdwx.qlogo.cn/mmopen/emulator/${n}/132`,
    }
  }
}

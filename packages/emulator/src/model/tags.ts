// Tags of one app. WeChat keeps groups and tags as one record (same id, name and members), so the
// groups routes and the tags routes both read and write this store.
import type { Followers } from './followers'

export interface TagRecord {
  readonly id: number
  name: string
  /** Members counted but not listed: lets a test make a tag "too big to delete" cheaply. */
  extraCount: number
}

/** Ids WeChat reserves: 0 未分组, 1 黑名单, 2 星标组. */
export const SYSTEM_TAG_IDS: readonly number[] = [0, 1, 2]

export class Tags {
  private readonly tags = new Map<number, TagRecord>()
  private readonly members = new Map<number, Set<string>>()
  private nextId = 100

  constructor(private readonly followers: Followers) {
    this.tags.set(0, { id: 0, name: '未分组', extraCount: 0 })
    this.tags.set(1, { id: 1, name: '黑名单', extraCount: 0 })
    this.tags.set(2, { id: 2, name: '星标组', extraCount: 0 })
  }

  list(): TagRecord[] {
    return [...this.tags.values()]
  }

  get(id: number): TagRecord | undefined {
    return this.tags.get(id)
  }

  findByName(name: string): TagRecord | undefined {
    for (const t of this.tags.values()) if (t.name === name) return t
    return undefined
  }

  /** Number of user-created tags (system ones excluded). */
  get userTagCount(): number {
    return this.tags.size - SYSTEM_TAG_IDS.length
  }

  create(name: string): TagRecord {
    const tag: TagRecord = { id: this.nextId++, name, extraCount: 0 }
    this.tags.set(tag.id, tag)
    return tag
  }

  delete(id: number): void {
    for (const openid of this.members.get(id) ?? []) {
      const rec = this.followers.record(openid)
      rec.tagIds = rec.tagIds.filter((t) => t !== id)
    }
    this.members.delete(id)
    this.tags.delete(id)
  }

  /** Members in the order they were tagged. */
  membersOf(id: number): string[] {
    return [...(this.members.get(id) ?? [])]
  }

  count(id: number): number {
    return (this.members.get(id)?.size ?? 0) + (this.tags.get(id)?.extraCount ?? 0)
  }

  has(openid: string, id: number): boolean {
    return this.members.get(id)?.has(openid) ?? false
  }

  tag(openid: string, id: number): void {
    let set = this.members.get(id)
    if (!set) this.members.set(id, (set = new Set()))
    if (set.has(openid)) return
    set.add(openid)
    this.followers.record(openid).tagIds.push(id)
  }

  untag(openid: string, id: number): void {
    if (!this.members.get(id)?.delete(openid)) return
    const rec = this.followers.record(openid)
    rec.tagIds = rec.tagIds.filter((t) => t !== id)
  }

  tagsOf(openid: string): number[] {
    return [...(this.followers.peek(openid)?.tagIds ?? [])]
  }
}

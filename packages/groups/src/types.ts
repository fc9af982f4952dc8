// Public types of @wxmp/groups: legacy groups and user tags, camelCased.
import type { CallOptions } from '@wxmp/core'

/** A legacy group (分组). */
export interface Group {
  readonly id: number
  readonly name: string
  /** Followers in the group (only `listGroups` reports it). */
  readonly count: number
}

/** A user tag (标签). */
export interface Tag {
  readonly id: number
  readonly name: string
  /** Followers with the tag (only `listTags` reports it). */
  readonly count: number
}

/** What `createGroup` / `createTag` return: the new id and the name WeChat stored. */
export interface Created {
  readonly id: number
  readonly name: string
}

/** One page of a tag's followers (`user/tag/get`, 10,000 a page). */
export interface TagUsersPage {
  /** Openids on this page. */
  readonly count: number
  readonly openids: readonly string[]
  /** Cursor for the next page: this page's last openid; '' when there is nothing more. */
  readonly nextOpenid: string
}

export interface ListTagUsersOptions extends CallOptions {
  /** Start after this openid (a previous page's `nextOpenid`). @default '' (the beginning) */
  readonly nextOpenid?: string
}

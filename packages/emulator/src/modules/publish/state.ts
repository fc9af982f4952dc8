// Per-app state of the draft box and publishing: drafts by media_id, publish jobs by publish_id,
// published articles by article_id, and the behaviour a test chose for the next publish jobs.
import { randomBytes } from 'node:crypto'
import type { AppState } from '../../context'

/** An article as stored: WeChat's wire names (draft/add's `articles[]`), defaults filled in. */
export type DraftArticle = Record<string, unknown> & { article_type: 'news' | 'newspic'; title: string; content: string }

export interface Draft {
  readonly mediaId: string
  articles: DraftArticle[]
  readonly createdAt: number
  updatedAt: number
}

/** How a publish job ends: 0 success, 2 original-check failure, 3 failure, 4 review refused. */
export type Outcome = 'success' | 'original-check-failed' | 'failed' | 'review-failed'
export const OUTCOME_STATUS: Record<Outcome, number> = { success: 0, 'original-check-failed': 2, failed: 3, 'review-failed': 4 }

export interface PublishJob {
  readonly publishId: number
  readonly msgDataId: number
  readonly draftId: string
  readonly articles: DraftArticle[]
  readonly createdAt: number
  readonly doneAt: number
  readonly outcome: Outcome
  /** 1-based indexes of the articles that failed (failure outcomes only). */
  readonly failIdx: number[]
  /** Set when the job settles successfully. */
  articleId: string | undefined
  settled: boolean
}

export interface Published {
  readonly articleId: string
  readonly publishId: number
  readonly articles: DraftArticle[]
  /** 1-based indexes deleted through freepublish/delete. */
  readonly deleted: Set<number>
  readonly updatedAt: number
}

export interface Behaviour {
  outcome: Outcome
  failIdx: number[] | undefined
  /** false: the account lost the publish permission (48001 on every freepublish call). */
  permission: boolean
  /** Emulator ms from submit to the job's end. */
  durationMs: number
}

export class PublishState {
  readonly drafts = new Map<string, Draft>()
  readonly jobs = new Map<string, PublishJob>()
  readonly published = new Map<string, Published>()
  readonly behaviour: Behaviour = { outcome: 'success', failIdx: undefined, permission: true, durationMs: 1_000 }
  private seq = 0

  newDraftId(): string {
    return randomBytes(32).toString('base64url')
  }

  /** publish_id and msg_data_id like today's WeChat (10 digits, `2247483655`). */
  nextIds(): { publishId: number; msgDataId: number } {
    const n = ++this.seq
    return { publishId: 2_247_483_647 + n, msgDataId: 2_247_483_647 + n }
  }

  /** Drafts, most recently updated first (WeChat lists the latest first). */
  draftList(): Draft[] {
    return [...this.drafts.values()].reverse().sort((a, b) => b.updatedAt - a.updatedAt)
  }

  publishedList(): Published[] {
    return [...this.published.values()].reverse().sort((a, b) => b.updatedAt - a.updatedAt)
  }
}

export const publishState = (app: AppState): PublishState => app.ext('publish', () => new PublishState())

/** Whether `mediaId` is a draft in the app's box (mass mpnews sends take one). */
export function isDraft(app: AppState, mediaId: string): boolean {
  return publishState(app).drafts.has(mediaId)
}

/** How many articles a draft holds (0 when it is not a draft). */
export function draftArticleCount(app: AppState, mediaId: string): number {
  return publishState(app).drafts.get(mediaId)?.articles.length ?? 0
}

/** Takes a draft out of the box: WeChat does once it is published or mass-sent. */
export function removeDraft(app: AppState, mediaId: string): void {
  publishState(app).drafts.delete(mediaId)
}

// Per-app state of the mass module: jobs by msg_id, the clientmsgid index WeChat dedups on, the
// send speed. Jobs hold counts, never per-follower lists: a send to a million followers is one record.
import type { AppState } from '../../context'

export type MassStatus = 'SEND_SUCCESS' | 'SENDING' | 'SEND_FAIL' | 'DELETE'

export type Audience = { kind: 'all' } | { kind: 'tag'; tagId: number } | { kind: 'openids' }

export interface MassJob {
  readonly msgId: bigint
  readonly msgDataId: bigint | undefined
  /** The clientmsgid sent, or the digest WeChat derives when none was. */
  readonly dedupKey: string
  readonly clientmsgid: string | undefined
  readonly audience: Audience
  readonly msgtype: string
  readonly payload: Record<string, unknown>
  /** `send_ignore_reprint` as sent (mpnews). */
  readonly sendIgnoreReprint: number | undefined
  /** Followers addressed (the whole tag or list; every follower for `all`). */
  readonly totalCount: number
  /** Outbox entries written (explicit audiences only). */
  readonly delivered: number
  readonly createdAt: number
  /** When the job finishes sending at the speed in force when it started. */
  readonly doneAt: number
  /** mpnews: each article's link once sent (MASSSENDJOBFINISH's ArticleUrlResult). */
  readonly articleUrls?: readonly string[]
  override: 'SEND_FAIL' | 'DELETE' | undefined
  readonly deletedArticles: number[]
}

/** `realspeed` per level, in 10,000 followers a minute (WeChat's table). */
export const REALSPEED: readonly number[] = [80, 60, 45, 30, 10]

export class MassState {
  readonly jobs = new Map<string, MassJob>()
  readonly byKey = new Map<string, MassJob>()
  seq = 0
  speed = 0
  lastToAll: number | undefined

  /**
   * Next ids. Odd jobs get a 10-digit msg_id like today's WeChat and a msg_data_id beyond 2^53;
   * even jobs the other way round, so clients meet both and must keep 64-bit ids exact.
   */
  nextIds(): { msgId: bigint; msgDataId: bigint } {
    const n = BigInt(++this.seq)
    const small = 3_147_483_648n + n
    const big = 2n ** 62n + n * 7919n
    return this.seq % 2 === 1 ? { msgId: small, msgDataId: big } : { msgId: big, msgDataId: 2_455_891_296n + n }
  }

  status(job: MassJob, now: number): MassStatus {
    return job.override ?? (now < job.doneAt ? 'SENDING' : 'SEND_SUCCESS')
  }
}

export const massState = (appState: AppState): MassState => appState.ext('mass', () => new MassState())

// A process per SDK (sides/worker.mjs), driven over IPC. Plain `node`, no tsx: each SDK is loaded
// the way a user's app loads it (wxmp through its packages' `exports`, i.e. the tsup builds).
import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** `fetch` first: every ratio is against it. `node-http` is the second baseline (no fetch at all). */
export const SIDES = ['fetch', 'node-http', 'wxmp', 'wxmp-undici', 'co-wechat-api', 'wechat-api', 'node-easywechat'] as const
export type Side = (typeof SIDES)[number]
export type Mode = 'send' | 'read'

export interface ClientEnv {
  readonly url: string
  readonly appId: string
  readonly appSecret: string
  readonly mode: Mode
}

export interface BatchResult {
  readonly latencies: Float64Array
  readonly elapsedMs: number
  /** CPU time the side's process spent on the batch, µs. */
  readonly cpuUs: number
  readonly errors: number
  readonly firstError?: string
}

export const SIDES_DIR = fileURLToPath(new URL('./sides/', import.meta.url))

type Reply = { type: 'ok'; [key: string]: unknown } | { type: 'error'; message: string }

export class SideProcess {
  private readonly child: ChildProcess
  private pending: ((reply: Reply) => void) | undefined
  private exited: string | undefined

  private constructor(readonly side: Side) {
    this.child = fork(`${SIDES_DIR}worker.mjs`, [], {
      execArgv: [],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    this.child.on('message', (reply: Reply) => {
      const resolve = this.pending
      this.pending = undefined
      resolve?.(reply)
    })
    this.child.once('exit', (code, signal) => {
      this.exited = `worker for ${side} exited (${signal ?? code})`
      this.pending?.({ type: 'error', message: this.exited })
    })
  }

  /** Starts the worker and creates its client; `how` says which call the side makes. */
  static async start(side: Side, env: ClientEnv): Promise<{ worker: SideProcess; how: string }> {
    const worker = new SideProcess(side)
    const reply = await worker.ask({ type: 'init', side, env })
    return { worker, how: String(reply.how) }
  }

  private ask(message: Record<string, unknown>): Promise<Extract<Reply, { type: 'ok' }>> {
    if (this.exited) return Promise.reject(new Error(this.exited))
    return new Promise((resolve, reject) => {
      this.pending = (reply) => (reply.type === 'ok' ? resolve(reply) : reject(new Error(`${this.side}: ${reply.message}`)))
      this.child.send(message)
    })
  }

  /** One call per target (an openid), `conc` at a time, on the warm client. */
  async batch(targets: readonly string[], conc: number): Promise<BatchResult> {
    return redacted((await this.ask({ type: 'batch', targets, conc })) as unknown as BatchResult)
  }

  /** A new client in this process, then every target at once. */
  async cold(targets: readonly string[], env: ClientEnv): Promise<BatchResult> {
    return redacted((await this.ask({ type: 'cold', targets, env })) as unknown as BatchResult)
  }

  close(): void {
    if (!this.exited) this.child.kill()
  }
}

/** Other SDKs put the secret and token in their error messages; the report never carries them. */
export function redactSecrets(text: string): string {
  return text.replace(/((?:access_token|secret|appsecret)=)[^&\s"']+/gi, '$1[REDACTED]')
}

function redacted(result: BatchResult): BatchResult {
  return result.firstError === undefined ? result : { ...result, firstError: redactSecrets(result.firstError) }
}

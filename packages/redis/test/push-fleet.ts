// A receiving fleet: @wxmp/server instances in their own processes (push-worker.ts) behind a
// round-robin proxy, so a push WeChat retries lands on the other instance, as behind a load balancer.
import { fork } from 'node:child_process'
import { createServer, request, type Server } from 'node:http'
import { fileURLToPath } from 'node:url'
import type { FromPushWorker, PushWorkerConfig } from './push-worker'

const packageDir = fileURLToPath(new URL('..', import.meta.url))
const workerFile = fileURLToPath(new URL('./push-worker.ts', import.meta.url))

export interface PushInstance {
  readonly port: number
  report(): Promise<Extract<FromPushWorker, { type: 'report' }>>
  exit(): Promise<void>
}

export async function startPushInstance(config: PushWorkerConfig): Promise<PushInstance> {
  const child = fork(workerFile, [], {
    cwd: packageDir,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, WXMP_PUSH_WORKER: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const reports: ((r: Extract<FromPushWorker, { type: 'report' }>) => void)[] = []
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`push worker exited with ${code} before it was ready`)))
    child.on('message', (m: FromPushWorker) => {
      if (m.type === 'ready') resolve(m.port)
      else reports.shift()?.(m)
    })
  })
  return {
    port,
    report: () =>
      new Promise((resolve) => {
        reports.push(resolve)
        child.send({ type: 'report' })
      }),
    async exit() {
      if (child.exitCode === null && child.signalCode === null && child.connected) child.send({ type: 'exit' })
      await exited
    },
  }
}

/** An HTTP proxy on 127.0.0.1 sending each request to the next of `ports` in turn. */
export async function startRoundRobin(ports: readonly number[]): Promise<{ url: string; close(): Promise<void> }> {
  let next = 0
  const server: Server = createServer((req, res) => {
    const port = ports[next++ % ports.length] as number
    const upstream = request({ host: '127.0.0.1', port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    upstream.on('error', () => {
      res.statusCode = 502
      res.end()
    })
    req.pipe(upstream)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return { url: `http://127.0.0.1:${port}/wx`, close: () => new Promise((resolve) => server.close(() => resolve())) }
}

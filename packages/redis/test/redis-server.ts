// A private redis-server for tests and the benchmark: a free port, no persistence, killed after.
// Tests need a real server (the lock and the scripts are the point); CI installs redis-server.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createServer, connect } from 'node:net'
import { canRun } from '../../../scripts/lib/system-tools.mjs'

/** True when `redis-server` is on PATH. */
export function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0
}

/**
 * Whether redis-backed tests run here. On CI a missing redis-server is a failure, not a skip:
 * a suite that silently skips proves nothing.
 */
export function redisTestsEnabled(): boolean {
  return canRun('@wxmp/redis Redis-backed tests', 'redis-server', hasRedisServer())
}

export interface RedisServer {
  readonly port: number
  readonly url: string
  /** Kills the server at once (SIGKILL), as a crash would. */
  kill(): Promise<void>
  /** Starts it again on the same port, empty (no persistence). */
  restart(): Promise<void>
  /** SIGSTOP: the server stalls, connections stay open, nothing is answered until `resume()`. */
  pause(): void
  /** SIGCONT: it answers everything queued meanwhile. */
  resume(): void
  stop(): Promise<void>
}

/** `extraArgs`: more redis-server options, e.g. `['--rename-command', 'SET', '']`. */
export async function startRedisServer(extraArgs: readonly string[] = []): Promise<RedisServer> {
  const port = await freePort()
  let child: ChildProcess | undefined
  const start = async () => {
    // A second server on the same port would fail to bind and exit, while the first one answered
    // every check: a later kill() would then kill nothing and "Redis down" tests would run on a live
    // Redis. So starting a running server is a mistake, and the server that answers must be ours.
    if (child && child.exitCode === null && child.signalCode === null) throw new Error(`redis-server on port ${port} is already running`)
    const c = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...extraArgs], {
      stdio: 'ignore',
    })
    child = c
    await waitForServer(port, c)
  }
  const kill = async () => {
    const c = child
    child = undefined
    if (!c || c.exitCode !== null || c.signalCode !== null) return
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve())
      c.kill('SIGKILL')
    })
  }
  await start()
  const signal = (name: NodeJS.Signals) => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill(name)
  }
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill,
    restart: start,
    stop: kill,
    pause: () => signal('SIGSTOP'),
    resume: () => signal('SIGCONT'),
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** Waits until the server answering on `port` is `child` (its INFO names child's pid). */
async function waitForServer(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`redis-server exited at start on port ${port} (port taken?)`)
    const pid = await new Promise<number | undefined>((resolve) => {
      const socket = connect(port, '127.0.0.1')
      let text = ''
      socket.setTimeout(200)
      socket.once('connect', () => socket.write('INFO server\r\n'))
      socket.on('data', (data) => {
        text += data.toString()
        const match = /\bprocess_id:(\d+)\r\n/.exec(text)
        if (match || text.startsWith('-')) {
          socket.destroy()
          resolve(match ? Number(match[1]) : undefined)
        }
      })
      socket.once('error', () => resolve(undefined))
      socket.once('timeout', () => {
        socket.destroy()
        resolve(undefined)
      })
    })
    if (pid === child.pid) return
    if (pid !== undefined) throw new Error(`another redis-server (pid ${pid}) answers on port ${port}`)
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error(`redis-server did not start on port ${port}`)
}

// Processes that keep the machine's cores busy, as a neighbour's job or a shared host does. Each
// spins for at most `maxMs` and then exits by itself, so a failed test cannot leave one behind.
import { spawn, type ChildProcess } from 'node:child_process'
import { availableParallelism } from 'node:os'

export interface CpuHogs {
  readonly count: number
  stop(): Promise<void>
}

/** `perCore` busy processes per core (2: the load of a machine twice oversubscribed). */
export function startCpuHogs({ perCore = 2, maxMs = 60_000 } = {}): CpuHogs {
  const count = availableParallelism() * perCore
  const code = `const end = Date.now() + ${maxMs}; let x = 0; while (Date.now() < end) x++`
  const hogs: ChildProcess[] = Array.from({ length: count }, () => spawn(process.execPath, ['-e', code], { stdio: 'ignore' }))
  return {
    count,
    async stop() {
      await Promise.all(
        hogs.map(
          (h) =>
            new Promise<void>((resolve) => {
              if (h.exitCode !== null || h.signalCode !== null) return resolve()
              h.once('exit', () => resolve())
              h.kill('SIGKILL')
            }),
        ),
      )
    },
  }
}

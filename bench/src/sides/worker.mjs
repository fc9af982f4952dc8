// One SDK per process, driven by the harness over IPC: every side gets its own warm event loop,
// heap and sockets, and only one side runs at a time, so sides never slow each other down.
// Plain node (not tsx): packages resolve to their published builds, as in a user's app.
import { performance } from 'node:perf_hooks'

let adapter
let mod

async function runBatch(call, targets, conc) {
  const latencies = new Float64Array(targets.length)
  let next = 0
  let errors = 0
  let firstError
  const lane = async () => {
    for (let i = next++; i < targets.length; i = next++) {
      const t0 = performance.now()
      try {
        await call(targets[i])
      } catch (error) {
        errors++
        firstError ??= String(error?.message ?? error).slice(0, 200)
      }
      latencies[i] = performance.now() - t0
    }
  }
  const started = performance.now()
  // CPU time of this process (every thread: GC included) is the SDK's own cost per call, and
  // less disturbed by a busy machine than wall-clock time.
  const cpu0 = process.cpuUsage()
  await Promise.all(Array.from({ length: Math.min(conc, targets.length) }, lane))
  const cpu = process.cpuUsage(cpu0)
  return { latencies, elapsedMs: performance.now() - started, cpuUs: cpu.user + cpu.system, errors, firstError }
}

// The harness gone (crashed, interrupted): nothing left to do.
process.on('disconnect', () => process.exit(0))

process.on('message', async (msg) => {
  try {
    if (msg.type === 'init') {
      mod = await import(`./${msg.side}.mjs`)
      adapter = await mod.create(msg.env)
      process.send({ type: 'ok', how: adapter.how })
    } else if (msg.type === 'batch') {
      process.send({ type: 'ok', ...(await runBatch(adapter.call, msg.targets, msg.conc)) })
    } else if (msg.type === 'cold') {
      // A new client: nothing cached, every call starts at once.
      const cold = await mod.create(msg.env)
      process.send({ type: 'ok', ...(await runBatch(cold.call, msg.targets, msg.targets.length)) })
    } else if (msg.type === 'exit') {
      process.exit(0)
    }
  } catch (error) {
    process.send({ type: 'error', message: String(error?.stack ?? error) })
  }
})

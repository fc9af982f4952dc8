// Child-process entry for one imported benchmark (followers-1m, media-memory, fleet): imports
// bench/src/<name>.ts, awaits its `run()`, prints the figures on one marked line. A process of its
// own, so its peak memory is its own and a crash or hang cannot take the harness down.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import { RESULT_MARK } from './run-module-mark'

const [name = '', flag] = process.argv.slice(2)
const file = fileURLToPath(new URL(`./${name}.ts`, import.meta.url))

function report(
  result: { status: 'ok'; figures: unknown; markdown?: string } | { status: 'unavailable' | 'failed'; reason: string },
): void {
  process.stdout.write(`\n${RESULT_MARK}${JSON.stringify(result, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}\n`)
}

if (!existsSync(file)) {
  report({ status: 'unavailable', reason: `bench/src/${name}.ts does not exist yet` })
} else {
  // `toMarkdown(figures)`, when a module exports one, renders its own table.
  let mod: { run?: (options?: { quick?: boolean }) => unknown; toMarkdown?: (figures: unknown) => string }
  try {
    mod = (await import(`./${name}.ts`)) as typeof mod
  } catch (error) {
    report({ status: 'unavailable', reason: `import failed: ${firstLine(error)}` })
    process.exit(0)
  }
  if (typeof mod.run !== 'function') {
    report({ status: 'unavailable', reason: `bench/src/${name}.ts exports no run()` })
  } else {
    try {
      const figures = await mod.run({ quick: flag === '--quick' })
      let markdown: string | undefined
      try {
        markdown = typeof mod.toMarkdown === 'function' ? mod.toMarkdown(figures) : undefined
      } catch {
        // Fall back to the generic table.
      }
      report({ status: 'ok', figures, ...(markdown ? { markdown } : {}) })
    } catch (error) {
      report({ status: 'failed', reason: firstLine(error) })
    }
  }
}
process.exit(0)

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error)
    .split('\n')[0]!
    .slice(0, 300)
}

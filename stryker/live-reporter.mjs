// A Stryker reporter that appends each mutant's result as it is known, one JSON line each, to
// reports/mutation/<report>.live.jsonl: a long run can be read (scripts/mutation.mjs --report)
// before it ends, or after it was stopped. Stryker's own JSON report is written only at the end.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

class LiveReporter {
  // Stryker injects by these names (the string values of @stryker-mutator/api's commonTokens).
  static inject = ['options']
  constructor(options) {
    this.file = options.jsonReporter.fileName.replace(/\.json$/, '.live.jsonl')
    mkdirSync(dirname(this.file), { recursive: true })
    writeFileSync(this.file, '')
  }
  onMutantTested(result) {
    const { fileName, mutatorName, replacement, location, status, statusReason } = result
    appendFileSync(
      this.file,
      `${JSON.stringify({ fileName, mutatorName, replacement, location, status, statusReason: status === 'Timeout' ? statusReason : undefined })}\n`,
    )
  }
}

export const strykerPlugins = [{ kind: 'Reporter', name: 'live', injectableClass: LiveReporter }]

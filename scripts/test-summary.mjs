#!/usr/bin/env node
// Adds up every package's vitest JSON report (written by vitest.shared.ts) into one closing line.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { findChromium, which, skipMessage } from './lib/system-tools.mjs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
let passed = 0
let failed = 0
let skipped = 0
const perPackage = []
for (const group of ['packages', 'examples', '.']) {
  for (const name of readdirSync(join(root, group))) {
    const file = join(root, group, name, '.vitest-report.json')
    if (!existsSync(file)) continue
    const report = JSON.parse(readFileSync(file, 'utf8'))
    passed += report.numPassedTests
    failed += report.numFailedTests
    skipped += report.numPendingTests + (report.numTodoTests ?? 0)
    const pending = report.numPendingTests + (report.numTodoTests ?? 0)
    perPackage.push(
      `${group}/${name}: ${report.numPassedTests} passed${report.numFailedTests ? `, ${report.numFailedTests} failed` : ''}${pending ? `, ${pending} skipped` : ''}`,
    )
  }
}
console.log(`\n${perPackage.join('\n')}`)
// Say why tests were skipped where the log scrolled past it: the system programs they need.
if (skipped > 0) {
  const missing = []
  if (!which('redis-server')) {
    console.log(skipMessage('@wxmp/redis Redis-backed tests', 'redis-server'))
    missing.push('redis-server')
  }
  if (!findChromium()) {
    console.log(skipMessage('Browser tests (examples/oauth-web) and the runtime matrix browser leg', 'chromium'))
    missing.push('chromium fonts-noto-cjk')
  }
  if (missing.length > 1) console.log(`Both at once: sudo apt-get install -y ${missing.join(' ')}`)
}
console.log(`\nTests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
if (failed > 0 || passed === 0) process.exit(1)

#!/usr/bin/env node
// Keeps the Chinese documentation in step with the English: our users read Chinese first, and a
// translation whose code has drifted teaches the wrong API.
//   - README.zh-CN.md: every code block is one of README.md's, letter for letter, and the quick
//     start's code is among them.
//   - packages/*/README.md: a `## 中文` section whose code blocks are each one of the English part's,
//     with the English part's first ts example (the package's main usage) among them.
// Exits 1 on any drift, naming the block.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const blocks = (text) => [...text.matchAll(/^```[a-z]*\n[\s\S]*?^```$/gm)].map((m) => m[0])
const firstLine = (block) => block.split('\n').find((l, i) => i > 0 && l.trim() !== '') ?? block

let failed = 0
const report = (problems, name) => {
  if (problems.length > 0) failed++
  console.log(`${problems.length ? 'FAIL' : 'ok  '} ${name.padEnd(18)} ${problems.join('; ') || 'in step'}`)
}

console.log('\nChinese documentation in step with the English (code blocks)')
{
  const en = readFileSync(join(root, 'README.md'), 'utf8')
  const zh = existsSync(join(root, 'README.zh-CN.md')) ? readFileSync(join(root, 'README.zh-CN.md'), 'utf8') : undefined
  const problems = []
  if (zh === undefined) problems.push('README.zh-CN.md is missing')
  else {
    const english = new Set(blocks(en))
    for (const block of blocks(zh))
      if (!english.has(block)) problems.push(`README.zh-CN.md has a block README.md lacks: ${firstLine(block)}`)
    const quick = en.slice(en.indexOf('\n## Quick start\n'))
    const quickCode = blocks(quick).find((b) => b.startsWith('```ts'))
    if (quickCode && !blocks(zh).includes(quickCode))
      problems.push(`README.zh-CN.md lacks the quick start as README.md has it: ${firstLine(quickCode)}`)
  }
  report(problems, 'README.zh-CN.md')
}

for (const d of readdirSync(join(root, 'packages'), { withFileTypes: true })) {
  const file = join(root, 'packages', d.name, 'README.md')
  if (!d.isDirectory() || !existsSync(file)) continue
  const text = readFileSync(file, 'utf8')
  const at = text.search(/^## 中文/m)
  const problems = []
  if (at < 0) problems.push('no "## 中文" section')
  else {
    const english = text.slice(0, at)
    const chinese = text.slice(at)
    const englishBlocks = new Set(blocks(english))
    const chineseBlocks = blocks(chinese)
    if (chineseBlocks.length === 0) problems.push('the 中文 section has no code')
    for (const block of chineseBlocks)
      if (!englishBlocks.has(block)) problems.push(`the 中文 section has a block the English lacks: ${firstLine(block)}`)
    const main = blocks(english).find((b) => b.startsWith('```ts'))
    if (main && !chineseBlocks.includes(main))
      problems.push(`the 中文 section lacks the main example as the English has it: ${firstLine(main)}`)
  }
  report(problems, `@wxmp/${d.name}`)
}
if (failed) console.log(`${failed} document(s) out of step: copy the English code blocks into the Chinese text`)
process.exit(failed ? 1 : 0)

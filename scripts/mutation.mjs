#!/usr/bin/env node
// Mutation testing (StrykerJS) on the code where a silent bug hurts users most, with a floor.
//
//   node scripts/mutation.mjs                    every package in stryker.config.mjs's TARGETS (pnpm test:mutation)
//   node scripts/mutation.mjs core redis         those packages only
//   node scripts/mutation.mjs --changed[=BASE]   only target files changed since BASE (CI; default
//                                                $MUTATION_BASE, else origin/main, else main, else HEAD~1)
//   node scripts/mutation.mjs --static           also the static mutants (slow: the whole suite per mutant)
//   node scripts/mutation.mjs --report           no run: the table from the last reports/mutation/*.json
//
// Per package: `stryker run stryker.config.mjs` with WXMP_MUTATION_PACKAGE set. Then the per-file
// score, leaving out the equivalent mutants listed in stryker/equivalent.json (each with its
// reason), is printed, written to reports/mutation/summary.md, and checked against FLOOR: any file
// below it fails the run. See DEVELOPING.md "Mutation testing".
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { TARGETS } from '../stryker.config.mjs'

const FLOOR = 90
const root = fileURLToPath(new URL('..', import.meta.url))
const args = process.argv.slice(2)
const flag = (name) => args.find((a) => a === `--${name}` || a.startsWith(`--${name}=`))
const packages = args.filter((a) => !a.startsWith('--'))
for (const p of packages) if (!(p in TARGETS)) fail(`unknown package ${p}; known: ${Object.keys(TARGETS).join(', ')}`)
const chosen = packages.length > 0 ? packages : Object.keys(TARGETS)

/** `{a,b}` and `*` (no `/`) and `**` globs, as stryker.config.mjs writes them, as a RegExp. */
function globToRegExp(glob) {
  let out = ''
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]
    if (c === '*' && glob[i + 1] === '*') {
      out += '.*'
      i++
    } else if (c === '*') out += '[^/]*'
    else if (c === '{') out += '(?:'
    else if (c === '}') out += ')'
    else if (c === ',') out += '|'
    else out += c.replace(/[.+?^$()|[\]\\]/g, '\\$&')
  }
  return new RegExp(`^${out}$`)
}
const isTarget = (pkg, file) => !/\.test(-d)?\.ts$/.test(file) && TARGETS[pkg].some((g) => globToRegExp(g).test(file))

function git(...gitArgs) {
  const r = spawnSync('git', gitArgs, { cwd: root, encoding: 'utf8' })
  return r.status === 0 ? r.stdout.trim() : undefined
}

/** Target files changed since the merge base with `base` (committed or not), per package. */
function changedFiles() {
  const given = flag('changed').split('=')[1] ?? process.env.MUTATION_BASE
  const base = [given, 'origin/main', 'main', 'HEAD~1'].find((b) => b && git('rev-parse', '--verify', '--quiet', `${b}^{commit}`))
  if (!base) fail('--changed: no base commit found (set MUTATION_BASE)')
  const since = git('merge-base', base, 'HEAD') ?? base
  const files = new Set([
    ...(git('diff', '--name-only', since) ?? '').split('\n'),
    ...(git('ls-files', '--others', '--exclude-standard') ?? '').split('\n'),
  ])
  console.log(`mutation: files changed since ${base} (${since.slice(0, 10)})`)
  return files
}

function fail(message) {
  console.error(`mutation: ${message}`)
  process.exit(2)
}

// Equivalent mutants: matched by mutator, original code and replacement (not by line or file name,
// which move as files are edited and split), within the package.
const equivalents = JSON.parse(readFileSync(join(root, 'stryker/equivalent.json'), 'utf8')).mutants
const squash = (s) => s.replace(/\s+/g, ' ').trim()
function equivalentOf(pkg, mutant, original, lines) {
  return equivalents.find(
    (e) =>
      e.package === pkg &&
      e.mutator === mutant.mutatorName &&
      squash(e.original) === squash(original) &&
      squash(e.replacement) === squash(mutant.replacement ?? '') &&
      (e.line === undefined || squash(lines).includes(squash(e.line))) &&
      (e.lineEquals === undefined || squash(lines) === squash(e.lineEquals)),
  )
}

function originalText(source, location) {
  const lines = source.split('\n')
  const { start, end } = location
  if (start.line === end.line) return lines[start.line - 1].slice(start.column - 1, end.column - 1)
  return [
    lines[start.line - 1].slice(start.column - 1),
    ...lines.slice(start.line, end.line - 1),
    lines[end.line - 1].slice(0, end.column - 1),
  ].join('\n')
}

/** A run's results, as sources: its JSON report and its live lines (a run going on, or stopped). */
function readReport(dir, base) {
  const out = []
  const jsonFile = join(dir, `${base}.json`)
  const liveFile = join(dir, `${base}.live.jsonl`)
  if (existsSync(jsonFile)) out.push({ mtime: statSync(jsonFile).mtimeMs, files: JSON.parse(readFileSync(jsonFile, 'utf8')).files })
  if (existsSync(liveFile) && (!existsSync(jsonFile) || statSync(liveFile).mtimeMs > statSync(jsonFile).mtimeMs)) {
    const files = {}
    for (const line of readFileSync(liveFile, 'utf8').split('\n').filter(Boolean)) {
      const m = JSON.parse(line)
      const name = relative(root, resolve(root, m.fileName))
      files[name] ??= { source: readFileSync(join(root, name), 'utf8'), mutants: [], partial: true }
      files[name].mutants.push(m)
    }
    out.push({ mtime: statSync(liveFile).mtimeMs, files })
  }
  return out
}

/** The newest result per file from reports/mutation/<pkg>.json and any <pkg>-<part>.json (or their live lines). */
function reportFiles(pkg) {
  const dir = join(root, 'reports/mutation')
  if (!existsSync(dir)) return {}
  const bases = new Set(
    readdirSync(dir)
      .filter(
        (f) =>
          (f === `${pkg}.json` || f.startsWith(`${pkg}-`) || f === `${pkg}.live.jsonl`) &&
          (f.endsWith('.live.jsonl') || (f.endsWith('.json') && !f.endsWith('.incremental.json'))),
      )
      .map((f) => f.replace(/(\.live\.jsonl|\.json)$/, '')),
  )
  const reports = [...bases].flatMap((b) => readReport(dir, b)).sort((a, b) => a.mtime - b.mtime)
  // Per mutant, the newest result wins: a run over a few lines updates only those mutants.
  const merged = {}
  for (const { files } of reports) {
    for (const [name, data] of Object.entries(files)) {
      const into = (merged[name] ??= { source: data.source, partial: false, byKey: new Map() })
      // An older run of another version of the file: its mutants' places belong to that text, and
      // read against this one they name the wrong code (and miss their equivalent entries).
      if (into.source !== data.source) {
        into.byKey = new Map()
        into.partial = false
      }
      into.source = data.source
      into.partial ||= data.partial === true
      // Keyed by the whole span: `a && b` -> `true` and `a` -> `true` start at the same place.
      for (const m of data.mutants) {
        const { start, end } = m.location
        into.byKey.set(`${start.line}:${start.column}-${end.line}:${end.column}:${m.mutatorName}:${m.replacement}`, m)
      }
    }
  }
  // Only results for the file as it is now: a report of an older text (a file since rewritten, or
  // left with nothing to mutate, so no newer run lists it) would score code that is gone.
  const current = (name) => existsSync(join(root, name)) && readFileSync(join(root, name), 'utf8') === merged[name].source
  return Object.fromEntries(
    Object.entries(merged)
      .filter(([name]) => current(name))
      .map(([name, d]) => [name, { source: d.source, partial: d.partial, mutants: [...d.byKey.values()] }]),
  )
}

/** Per file: counts, the score without equivalent mutants, and the survivors left. */
function score(pkg) {
  return Object.entries(reportFiles(pkg)).map(([name, data]) => {
    const c = { killed: 0, survived: 0, noCoverage: 0, equivalent: 0, ignored: 0, errors: 0 }
    const survivors = []
    for (const m of data.mutants) {
      const original = originalText(data.source, m.location)
      const lines = data.source
        .split('\n')
        .slice(m.location.start.line - 1, m.location.end.line)
        .join('\n')
      // A timeout of a mutant listed as equivalent is the machine being slow (a loaded shared
      // machine pushes a whole-suite run past Stryker's limit), not a kill: it stays equivalent.
      if (m.status === 'Timeout' && equivalentOf(pkg, m, original, lines)) c.equivalent++
      else if (m.status === 'Killed' || m.status === 'Timeout') c.killed++
      else if (m.status === 'Survived' || m.status === 'NoCoverage') {
        if (equivalentOf(pkg, m, original, lines)) c.equivalent++
        else {
          c[m.status === 'Survived' ? 'survived' : 'noCoverage']++
          survivors.push(
            `${relative(root, join(root, name))}:${m.location.start.line} ${m.mutatorName} \`${squash(original).slice(0, 60)}\` -> \`${squash(m.replacement ?? '').slice(0, 60)}\``,
          )
        }
      } else if (m.status === 'Ignored') c.ignored++
      else c.errors++
    }
    const counted = c.killed + c.survived + c.noCoverage
    return {
      pkg,
      name: relative(root, join(root, name)),
      partial: data.partial === true,
      ...c,
      score: counted === 0 ? 100 : (100 * c.killed) / counted,
      survivors,
    }
  })
}

let only
if (flag('changed')) {
  const changed = changedFiles()
  only = Object.fromEntries(chosen.map((pkg) => [pkg, [...changed].filter((f) => isTarget(pkg, f) && existsSync(join(root, f)))]))
}

if (!flag('report')) {
  for (const pkg of chosen) {
    const files = only?.[pkg]
    if (files && files.length === 0) {
      console.log(`mutation: ${pkg}: no target file changed, skipped`)
      continue
    }
    console.log(`mutation: ${pkg}${files ? `: ${files.join(', ')}` : ''}`)
    const env = {
      ...process.env,
      WXMP_MUTATION_PACKAGE: pkg,
      ...(files ? { WXMP_MUTATE: files.join(';'), WXMP_MUTATION_REPORT: `${pkg}-changed` } : {}),
      ...(flag('static') ? { WXMP_MUTATION_STATIC: '1' } : {}),
    }
    const run = spawnSync('pnpm', ['exec', 'stryker', 'run', 'stryker.config.mjs'], { cwd: root, env, stdio: 'inherit' })
    if (run.status !== 0) fail(`stryker failed for ${pkg} (exit ${run.status})`)
  }
}

const ran = only ? chosen.filter((pkg) => only[pkg].length > 0) : chosen
const rows = ran.flatMap((pkg) => score(pkg).filter((r) => !only || only[pkg].includes(r.name)))
const table = [
  '| File | Score | Killed | Survived | No coverage | Equivalent (excluded) | Static (not run) |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map(
    (r) =>
      `| ${r.name}${r.partial ? ' (partial run)' : ''} | ${r.score.toFixed(1)}% | ${r.killed} | ${r.survived} | ${r.noCoverage} | ${r.equivalent} | ${r.ignored} |`,
  ),
].join('\n')
const survivors = rows.flatMap((r) => r.survivors)
mkdirSync(join(root, 'reports/mutation'), { recursive: true })
writeFileSync(
  join(root, 'reports/mutation/summary.md'),
  `${table}\n\nSurvivors not listed as equivalent:\n${survivors.map((s) => `- ${s}`).join('\n') || '- none'}\n`,
)
console.log(`\n${table}\n`)
if (survivors.length > 0)
  console.log(`Survivors not listed as equivalent (${survivors.length}):\n${survivors.map((s) => `  ${s}`).join('\n')}\n`)
const below = rows.filter((r) => r.score < FLOOR)
if (below.length > 0) {
  console.error(`mutation: below the ${FLOOR}% floor: ${below.map((r) => `${r.name} ${r.score.toFixed(1)}%`).join(', ')}`)
  process.exit(1)
}
console.log(`mutation: every file at or above the ${FLOOR}% floor`)

// Dependency audit that works offline. A declared range admits its floor: `^5.3.0` lets a fresh
// install (or a user's dedupe) pick 5.3.0, so a floor inside a known advisory's range is a finding
// even when the lockfile holds a fixed version. Checked against the table below:
//   1. every declared range's floor in every package.json of the repo;
//   2. every version installed by pnpm-lock.yaml;
//   3. `pnpm audit` when the registry's audit endpoint answers (a refusal or no network is reported
//      and skipped, never failed: the table above is the check that always runs).
// Usage: node scripts/audit.mjs [--no-registry]
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Known advisories on packages we declare: [package, introduced, fixed, id]; vulnerable when
 * introduced <= version < fixed. Add a row when an advisory lands on one of our dependencies
 * (GitHub advisory database, the package's security tab); keep rows of fixed lines, they guard floors.
 */
export const ADVISORIES = [
  ['fast-xml-parser', '5.0.0', '5.3.4', 'GHSA-37qj-frw5-hhjh'],
  ['fast-xml-parser', '5.0.0', '5.3.5', 'GHSA-m7jm-9gc2-mpf2'],
  ['fast-xml-parser', '5.0.0', '5.7.1', 'GHSA-gh4j-gqv2-49f6'],
  ['fast-xml-parser', '5.0.0', '5.10.1', 'GHSA-8r6m-32jq-jx6q'],
  ['hono', '4.0.0', '4.11.7', 'CVE-2026-24771'],
  ['hono', '4.0.0', '4.12.12', 'GHSA-xpcf-pg52-r92g'],
  ['hono', '4.0.0', '4.12.14', 'GHSA-458j-xx4x-4375'],
  ['hono', '4.0.0', '4.12.16', 'GHSA-69xw-7hcm-h432'],
  ['hono', '4.0.0', '4.12.18', 'GHSA-qp7p-654g-cw7p'],
  ['hono', '4.0.0', '4.12.25', 'GHSA-88fw-hqm2-52qc'],
  ['hono', '4.0.0', '4.13.0', 'CVE-2026-69207'],
  // Issue 24, finding 10: three advisories fixed by 4.13.5 (ids to be filled in from the review).
  ['hono', '4.0.0', '4.13.5', 'wxmp-issue-24-finding-10'],
  ['@hono/node-server', '1.0.0', '1.19.13', 'GHSA-92pp-h63x-v22m'],
  ['@hono/node-server', '1.0.0', '1.19.15', 'GHSA-frvp-7c67-39w9'],
  ['@hono/node-server', '2.0.0', '2.0.10', 'GHSA-9mqv-5hh9-4cgg'],
]

const DEP_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']

/** [major, minor, patch] of `x.y.z` (missing parts 0; prerelease tags ignored), or undefined. */
export function parseVersion(text) {
  const m = /^v?(\d+)(?:\.(\d+|[x*]))?(?:\.(\d+|[x*]))?/.exec(text.trim())
  if (!m) return undefined
  return [m[1], m[2], m[3]].map((p) => (p === undefined || p === 'x' || p === '*' ? 0 : Number(p)))
}

export function compare(a, b) {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i]
  return 0
}

/**
 * The lowest version a range admits (`^5.3.0` -> 5.3.0, `>=1.2 <2` -> 1.2.0, `a || b` -> the lower),
 * `[0,0,0]` for `*`, `latest` or `x`, undefined for ranges that are not versions (workspace:, file:, git).
 */
export function floorOf(range) {
  if (/^(workspace|file|link|git|github|http|https|npm):/.test(range) || range.includes('/')) return undefined
  let lowest
  for (const alternative of range.split('||')) {
    const first = alternative.trim().split(/\s+/)[0] ?? ''
    let floor
    if (first === '' || first === '*' || first === 'x' || first === 'latest') floor = [0, 0, 0]
    else if (first.startsWith('<')) floor = [0, 0, 0]
    else floor = parseVersion(first.replace(/^(\^|~|>=|>|=)/, ''))
    if (!floor) continue
    if (first.startsWith('>') && !first.startsWith('>=')) floor = [floor[0], floor[1], floor[2] + 1]
    if (!lowest || compare(floor, lowest) < 0) lowest = floor
  }
  return lowest
}

/** Advisories whose range holds `version` ([major, minor, patch]). */
export function advisoriesFor(name, version) {
  return ADVISORIES.filter(
    ([pkg, introduced, fixed]) =>
      pkg === name && compare(version, parseVersion(introduced)) >= 0 && compare(version, parseVersion(fixed)) < 0,
  )
}

function packageJsonFiles(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) packageJsonFiles(path, out)
    else if (entry.name === 'package.json') out.push(path)
  }
  return out
}

/** `name@version` keys of the lockfile's `packages:` section. */
export function lockedVersions(lockText) {
  const section = lockText.split(/^packages:\s*$/m)[1]?.split(/^\S/m)[0] ?? ''
  const found = []
  for (const m of section.matchAll(/^ {2}'?((?:@[^/\s']+\/)?[^@\s']+)@([^('\s:]+)/gm)) found.push([m[1], m[2]])
  return found
}

function main() {
  const root = fileURLToPath(new URL('..', import.meta.url))
  const findings = []
  for (const file of packageJsonFiles(root)) {
    const manifest = JSON.parse(readFileSync(file, 'utf8'))
    for (const field of DEP_FIELDS) {
      for (const [name, range] of Object.entries(manifest[field] ?? {})) {
        const floor = floorOf(String(range))
        if (!floor) continue
        const hits = advisoriesFor(name, floor)
        if (hits.length === 0) continue
        const fixedIn = hits
          .map(([, , fixed]) => parseVersion(fixed))
          .sort(compare)
          .at(-1)
          .join('.')
        findings.push(
          `${relative(root, file)}: ${field}.${name} "${range}" admits ${floor.join('.')} (${hits.map(([, , , id]) => id).join(', ')}): raise the floor to ^${fixedIn} or later`,
        )
      }
    }
  }
  const lock = readFileSync(join(root, 'pnpm-lock.yaml'), 'utf8')
  const locked = lockedVersions(lock)
  for (const [name, version] of locked) {
    const v = parseVersion(version)
    if (!v) continue
    for (const [, , fixed, id] of advisoriesFor(name, v))
      findings.push(`pnpm-lock.yaml: ${name}@${version} is installed (${id}, fixed in ${fixed}): update it`)
  }
  console.log(`audit: ${ADVISORIES.length} known advisories checked against declared floors and ${locked.length} locked packages`)

  if (!process.argv.includes('--no-registry')) {
    const audit = spawnSync('pnpm', ['audit', '--audit-level', 'high'], { cwd: root, encoding: 'utf8', timeout: 60_000 })
    const text = `${audit.stdout ?? ''}${audit.stderr ?? ''}`
    if (audit.status === 0) console.log('audit: pnpm audit found nothing at level high')
    else if (/\b(high|critical)\b.*\bvulnerabilit/i.test(text) || /│\s*(high|critical)\s*│/i.test(text))
      findings.push(`pnpm audit:\n${text.trim().slice(0, 4000)}`)
    else
      console.log(
        `audit: pnpm audit could not ask the registry, skipped (${(text.trim().split('\n')[0] ?? audit.error?.message ?? 'no output').slice(0, 160)})`,
      )
  }

  if (findings.length) {
    console.error(`audit: ${findings.length} finding(s)\n- ${findings.join('\n- ')}`)
    process.exit(1)
  }
  console.log('audit: ok')
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main()

#!/usr/bin/env node
// Release dry run, in throwaway copies of the workspace (never this tree): writes a sample changeset,
// runs `changeset version`, and checks that only the packages the rule says were bumped; then
// `pnpm pack`s every package and checks each tarball holds dist/, README.md, LICENSE and
// package.json alone (plus any `bin` launcher), with the internal `workspace:` ranges rewritten to real ones.
//
// The rule (changesets, with this repo's config): a package named in a changeset gets its bump;
// a package depending on it through `dependencies` gets a patch only when the new version leaves
// its range; a PEER dependent gets a MAJOR bump when the peer's bump is minor or major (changesets
// treats a peer change as breaking). So a core patch moves core alone, and a core minor moves
// every API package to its next major. devDependencies never cause a bump.
import { execFile, execFileSync } from 'node:child_process'
import { promisify } from 'node:util'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const changesetBin = join(root, 'node_modules/.bin/changeset')
const keep = process.argv.includes('--keep')

/** Workspace project dirs, relative to the root, from pnpm-workspace.yaml's simple globs. */
function projectDirs() {
  const globs = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8')
    .split('\n')
    .map((l) => l.match(/^\s*-\s*['"]?([^'"]+)['"]?\s*$/)?.[1])
    .filter(Boolean)
  const dirs = []
  for (const glob of globs) {
    if (glob.endsWith('/*')) {
      const base = glob.slice(0, -2)
      for (const d of readdirSync(join(root, base), { withFileTypes: true }))
        if (d.isDirectory() && existsSync(join(root, base, d.name, 'package.json'))) dirs.push(`${base}/${d.name}`)
    } else if (existsSync(join(root, glob, 'package.json'))) dirs.push(glob)
  }
  return dirs
}

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'))
const dirs = projectDirs()
const publishable = dirs.filter((d) => d.startsWith('packages/') && !readJson(join(root, d, 'package.json')).private)

/** A copy of the workspace with manifests, .changeset config, and for packages their dist/README/LICENSE. */
function copyWorkspace() {
  const tmp = mkdtempSync(join(tmpdir(), 'wxmp-release-'))
  for (const file of ['package.json', 'pnpm-workspace.yaml', '.changeset/config.json', '.changeset/README.md']) {
    mkdirSync(dirname(join(tmp, file)), { recursive: true })
    cpSync(join(root, file), join(tmp, file))
  }
  const names = new Map(dirs.map((d) => [readJson(join(root, d, 'package.json')).name, d]))
  for (const dir of dirs) {
    mkdirSync(join(tmp, dir), { recursive: true })
    cpSync(join(root, dir, 'package.json'), join(tmp, dir, 'package.json'))
    if (!publishable.includes(dir)) continue
    for (const entry of ['README.md', 'LICENSE', 'dist'])
      if (existsSync(join(root, dir, entry))) cpSync(join(root, dir, entry), join(tmp, dir, entry), { recursive: true })
    const { bin } = readJson(join(root, dir, 'package.json'))
    for (const file of Object.values(typeof bin === 'string' ? { bin } : (bin ?? {})))
      if (existsSync(join(root, dir, file))) cpSync(join(root, dir, file), join(tmp, dir, file))
    // pnpm pack reads a `workspace:` dependency's version through node_modules, as after install.
    const pkg = readJson(join(root, dir, 'package.json'))
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies, ...pkg.devDependencies, ...pkg.optionalDependencies })) {
      if (!names.has(dep)) continue
      const link = join(tmp, dir, 'node_modules', dep)
      mkdirSync(dirname(link), { recursive: true })
      symlinkSync(relative(dirname(link), join(tmp, names.get(dep))), link)
    }
  }
  return tmp
}

const versions = (base) =>
  Object.fromEntries(
    dirs.map((d) => {
      const p = readJson(join(base, d, 'package.json'))
      return [p.name, p.version]
    }),
  )

let failed = 0
const line = (ok, text) => {
  if (!ok) failed++
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${text}`)
}

/** Runs one changeset through `changeset version` and compares the bumps with `expect` (name -> version). */
function scenario(title, releases, expect) {
  const tmp = copyWorkspace()
  try {
    const front = Object.entries(releases)
      .map(([name, type]) => `"${name}": ${type}`)
      .join('\n')
    writeFileSync(join(tmp, '.changeset/dry-run-sample.md'), `---\n${front}\n---\n\nDry-run sample change.\n`)
    const before = versions(tmp)
    execFileSync(changesetBin, ['version'], { cwd: tmp, stdio: ['ignore', 'ignore', 'pipe'] })
    const after = versions(tmp)
    const bumped = Object.fromEntries(
      Object.keys(after)
        .filter((n) => after[n] !== before[n])
        .map((n) => [n, after[n]]),
    )
    const want = expect(before)
    const same = JSON.stringify(Object.entries(bumped).sort()) === JSON.stringify(Object.entries(want).sort())
    const show = (o) =>
      Object.entries(o)
        .map(([n, v]) => `${n}@${v}`)
        .join(', ') || 'nothing'
    line(same, `${title}: bumped ${show(bumped)}${same ? '' : `; expected ${show(want)}`}`)
    // Each bumped package got a CHANGELOG entry carrying the sample line.
    for (const name of Object.keys(bumped)) {
      const dir = dirs.find((d) => readJson(join(tmp, d, 'package.json')).name === name)
      const log = existsSync(join(tmp, dir, 'CHANGELOG.md')) ? readFileSync(join(tmp, dir, 'CHANGELOG.md'), 'utf8') : ''
      if (!log.includes(`## ${bumped[name]}`)) line(false, `${title}: ${name} has no CHANGELOG section ${bumped[name]}`)
    }
    return tmp
  } catch (error) {
    line(
      false,
      `${title}: ${String(error.stderr ?? error.message)
        .trim()
        .split('\n')
        .slice(-2)
        .join(' | ')}`,
    )
    rmSync(tmp, { recursive: true, force: true })
    return undefined
  }
}

const inc = (version, type) => {
  const [major, minor, patch] = version.split('.').map(Number)
  return type === 'major' ? `${major + 1}.0.0` : type === 'minor' ? `${major}.${minor + 1}.0` : `${major}.${minor}.${patch + 1}`
}
const peerDependentsOf = (name) =>
  dirs
    .map((d) => readJson(join(root, d, 'package.json')))
    .filter((p) => p.peerDependencies?.[name] !== undefined)
    .map((p) => p.name)

console.log('\nRelease dry run (changeset version + pnpm pack in a temp copy)')
const leaf =
  publishable
    .map((d) => readJson(join(root, d, 'package.json')).name)
    .find((n) => n !== '@wxmp/core' && peerDependentsOf(n).length === 0 && n !== '@wxmp/emulator') ?? '@wxmp/qrcode'
const leafPatch = scenario(`patch ${leaf}`, { [leaf]: 'patch' }, (v) => ({ [leaf]: inc(v[leaf], 'patch') }))
if (leafPatch) rmSync(leafPatch, { recursive: true, force: true })
const corePatch = scenario('patch @wxmp/core', { '@wxmp/core': 'patch' }, (v) => ({ '@wxmp/core': inc(v['@wxmp/core'], 'patch') }))
if (corePatch) rmSync(corePatch, { recursive: true, force: true })
const coreMinor = scenario('minor @wxmp/core', { '@wxmp/core': 'minor' }, (v) => ({
  '@wxmp/core': inc(v['@wxmp/core'], 'minor'),
  ...Object.fromEntries(peerDependentsOf('@wxmp/core').map((n) => [n, inc(v[n], 'major')])),
}))

// Pack every publishable package of the minor-core copy: contents and rewritten ranges.
if (coreMinor) {
  const out = join(coreMinor, '.tarballs')
  mkdirSync(out)
  const v = versions(coreMinor)
  // Packed side by side (pnpm's start-up dominates), reported in package order.
  const reports = await Promise.all(
    publishable.map(async (dir) => {
      const report = []
      const line = (ok, text) => report.push([ok, text])
      const pkg = readJson(join(coreMinor, dir, 'package.json'))
      if (!existsSync(join(coreMinor, dir, 'dist'))) {
        line(false, `pack ${pkg.name}: not built (run pnpm build first)`)
        return report
      }
      try {
        const dest = join(out, dir.replace('/', '-'))
        await promisify(execFile)('pnpm', ['pack', '--pack-destination', dest], { cwd: join(coreMinor, dir) })
        const tarball = join(
          dest,
          readdirSync(dest).find((f) => f.startsWith(pkg.name.replace('@', '').replace('/', '-') + '-' + pkg.version)),
        )
        const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' })
          .trim()
          .split('\n')
          .map((f) => f.replace(/^package\//, ''))
        // A `bin` launcher may sit outside dist/ (the emulator's, so install can link it before a build).
        const bins = Object.values(typeof pkg.bin === 'string' ? { bin: pkg.bin } : (pkg.bin ?? {})).map((f) => f.replace(/^\.\//, ''))
        const stray = files.filter(
          (f) => !(f === 'package.json' || f === 'README.md' || f === 'LICENSE' || f.startsWith('dist/') || bins.includes(f)),
        )
        const absent = ['package.json', 'README.md', 'LICENSE'].filter((f) => !files.includes(f))
        if (!files.some((f) => f.startsWith('dist/'))) absent.push('dist/')
        const packed = JSON.parse(execFileSync('tar', ['xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }))
        // Every file the exports map (and main/module/types/bin) points at is in the tarball.
        const targets = (value) =>
          typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(targets) : []
        for (const target of targets([packed.exports, packed.main, packed.module, packed.types, packed.bin])) {
          const file = target.replace(/^\.\//, '')
          if (!files.includes(file) && !absent.includes(file)) absent.push(file)
        }
        const leftovers = JSON.stringify(packed).includes('workspace:')
        const peer = packed.peerDependencies?.['@wxmp/core']
        const peerOk = peer === undefined || peer === `^${v['@wxmp/core']}`
        const ok = stray.length === 0 && absent.length === 0 && !leftovers && peerOk
        const dist = files.filter((f) => f.startsWith('dist/')).length
        line(
          ok,
          `pack ${pkg.name}@${pkg.version}: ${files.length} files (package.json, README.md, LICENSE, ${dist} in dist/)` +
            (peer ? `, peer @wxmp/core ${peer}` : '') +
            (stray.length ? `; STRAY ${stray.join(', ')}` : '') +
            (absent.length ? `; MISSING ${absent.join(', ')}` : '') +
            (leftovers ? '; a workspace: range survived' : '') +
            (peerOk ? '' : `; peer should be ^${v['@wxmp/core']}`),
        )
      } catch (error) {
        line(
          false,
          `pack ${pkg.name}: ${String(error.stderr ?? error.message)
            .trim()
            .split('\n')
            .slice(-2)
            .join(' | ')}`,
        )
      }
      return report
    }),
  )
  for (const [ok, text] of reports.flat()) line(ok, text)
  if (keep) console.log(`kept ${coreMinor}`)
  else rmSync(coreMinor, { recursive: true, force: true })
}
if (failed) {
  console.error(`${failed} release check(s) failed`)
  process.exit(1)
}

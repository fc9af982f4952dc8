// The results as markdown (bench/results/latest.md, also printed) and JSON (latest.json).
import type { BundleRow } from './bundle'
import type { ColdStartRow } from './cold-start'
import type { ExternalResult } from './external'
import type { BurstRow, OverheadRow } from './overhead'

export interface Results {
  readonly meta: {
    readonly date: string
    readonly commit: string
    readonly node: string
    readonly cpu: string
    readonly cores: number
    readonly os: string
    readonly quick: boolean
    readonly seconds: number
    readonly partSeconds: Readonly<Record<string, number>>
    readonly loadAverage: { readonly start: number; readonly end: number }
  }
  readonly workload: { readonly mode: 'send' | 'read'; readonly description: string }
  readonly overhead: { readonly rows: OverheadRow[]; readonly failed: Record<string, string> }
  readonly coldBurst: BurstRow[]
  readonly bundle: BundleRow[]
  readonly coldStart: ColdStartRow[]
  readonly external: ExternalResult[]
}

const x = (n: number | undefined): string => (n === undefined || !Number.isFinite(n) ? '-' : `${n.toFixed(n >= 10 ? 0 : 2)}×`)
const ms = (n: number | undefined): string => (n === undefined || !Number.isFinite(n) ? '-' : n < 10 ? n.toFixed(2) : n.toFixed(1))
const kb = (n: number | undefined): string => (n === undefined ? '-' : `${(n / 1024).toFixed(1)} KB`)
const cell = (v: unknown): string =>
  String(v ?? '-')
    .replaceAll('|', '\\|')
    .replaceAll('\n', ' ')

function table(head: string[], rows: unknown[][]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join(
    '\n',
  )
}

export function toMarkdown(r: Results): string {
  const out: string[] = []
  out.push('# wxmp benchmarks', '')
  out.push(
    `${r.meta.date} · ${r.meta.quick ? 'quick run' : 'full run'} (${r.meta.seconds}s) · commit ${r.meta.commit} · Node ${r.meta.node} · ${r.meta.cores} × ${r.meta.cpu} · ${r.meta.os} · 1-min load average ${r.meta.loadAverage.start} at start, ${r.meta.loadAverage.end} at end`,
    '',
    'Figures from one run against `@wxmp/emulator` on loopback (its own process). Every comparison is a ratio',
    'measured side by side in the same run, or a count; nothing here passes or fails on time.',
    '',
  )

  if (r.overhead.rows.length > 0) {
    out.push('## Per-call overhead', '')
    out.push(
      `Workload: ${r.workload.description}. Each SDK runs in its own process; sides take turns batch by batch (order rotated each round, first round discarded). The hand-written fetch fetches one token and reuses it.`,
      '',
    )
    out.push(
      table(
        [
          'SDK',
          'call',
          'concurrency',
          'calls',
          'calls/s',
          'throughput vs fetch',
          'p50 ms',
          'p99 ms',
          'client CPU µs/call',
          'CPU vs fetch',
          'errors',
        ],
        r.overhead.rows.map((row) => [
          row.side,
          row.how,
          row.concurrency,
          row.calls,
          row.callsPerSec,
          x(row.vsFetch),
          ms(row.p50Ms),
          ms(row.p99Ms),
          row.cpuUsPerCall,
          x(row.cpuVsFetch),
          row.errors ? `${row.errors} (${row.firstError})` : 0,
        ]),
      ),
    )
    for (const [side, reason] of Object.entries(r.overhead.failed)) out.push('', `${side}: not measured (${reason})`)
    out.push('')
  }

  if (r.coldBurst.length > 0) {
    out.push('## Token requests caused by 1,000 concurrent calls on a cold client', '')
    out.push(
      'A new client, 1,000 calls started at once; the emulator counts requests to `/cgi-bin/token` and `/cgi-bin/stable_token`. (WeChat allows 2,000 `/cgi-bin/token` requests a day.)',
      '',
    )
    out.push(
      table(
        ['SDK', 'calls', 'token requests', 'errors', 'elapsed ms'],
        r.coldBurst.map((b) => [b.side, b.calls, b.tokenRequests, b.errors ? `${b.errors} (${b.firstError})` : 0, ms(b.elapsedMs)]),
      ),
    )
    out.push('')
  }

  if (r.bundle.length > 0) {
    out.push('## Bundle size of a "send one text message" app', '')
    out.push(
      'esbuild, bundled, minified, `platform: node`, ESM; gzip level 9. @wxmp packages resolved through their `exports` (the published builds).',
      '',
    )
    out.push(
      table(
        ['app', 'minified', 'gzip', 'gzip vs fetch', 'note'],
        r.bundle.map((b) => [
          b.app,
          kb(b.minifiedBytes),
          kb(b.gzipBytes),
          x(b.vsFetch),
          b.error ? `does not bundle: ${b.error}` : (b.note ?? ''),
        ]),
      ),
    )
    out.push('')
  }

  if (r.coldStart.length > 0) {
    out.push('## Cold start', '')
    out.push(
      'A fresh `node` process imports the SDK, creates a client and makes the first call (token fetch included); ms since the process started, median of the runs, sides alternated.',
      '',
    )
    out.push(
      table(
        ['SDK', 'to first answer (median ms)', 'to SDK imported (median ms)', 'vs fetch', 'runs'],
        r.coldStart.map((c) => [
          c.side,
          c.error && c.runs === 0 ? `failed: ${c.error}` : ms(c.medianMs),
          ms(c.importMedianMs),
          x(c.vsFetch),
          c.runs,
        ]),
      ),
    )
    out.push('')
  }

  if (r.external.length > 0) out.push('## Package benchmarks', '')
  for (const e of r.external) {
    out.push(`### ${e.title}`, '')
    if (e.status === 'ok') out.push(e.markdown?.trim() || renderFigures(e.figures), '', `(bench/src/${e.name}.ts, ${e.seconds}s)`)
    else out.push(`${e.status === 'unavailable' ? 'Not available yet' : 'Failed'}: ${e.reason}.`)
    out.push('')
  }
  out.push('## How each SDK was pointed at the emulator', '')
  out.push(
    '- wxmp: `createClient({ baseUrl })`; stable token (default). Loaded from the built packages by plain `node`.',
    '- hand-written fetch: the URL; one `stable_token` fetch shared by all calls.',
    '- hand-written node:http: the same requests on `http.request` with a keep-alive `Agent` (no fetch); one `stable_token` fetch shared by all calls.',
    "- wxmp-undici: wxmp with `fetch` set to undici's own `fetch` (npm `undici` 7) on an `Agent({ keepAliveTimeout: 60_000, connections: 128 })`.",
    "- co-wechat-api 3.11: `api.prefix = url + '/cgi-bin/'` (instance property every method builds its URL from); classic `/cgi-bin/token`.",
    '- wechat-api 1.35: `api.endpoint = url` (`setEndpoint(domain)` forces `https://`, so the property is set directly); classic token.',
    '- node-easywechat 3.6: its documented `http: { baseURL }` option (axios); classic token (default), file token cache in a fresh temp directory per client. ' +
      'As installed it does not load: it requires `node-socialite/dist/Core/ProviderInterface`, which node-socialite 1.5.x (what its `^1.4.1` resolves to today) no longer ships; ' +
      'the benchmark serves a one-line stub for that module (used only by `instanceof` in OAuth) and marks those rows "patched".',
    '',
  )
  return out.join('\n')
}

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function fmt(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toFixed(3)))
  if (Array.isArray(v) || isPlain(v)) return JSON.stringify(v)
  return String(v)
}

const isRows = (v: unknown): v is Record<string, unknown>[] => Array.isArray(v) && v.length > 0 && v.every(isPlain)

function rowsTable(rows: Record<string, unknown>[]): string {
  const keys = [...new Set(rows.flatMap((f) => Object.keys(f)))]
  return table(
    keys,
    rows.map((f) => keys.map((k) => fmt(f[k]))),
  )
}

/**
 * Whatever a package benchmark's `run()` returned, as tables: rows of objects as a table; an
 * object's scalars (nested ones with dotted names) as figure/value, its lists of rows as tables.
 */
export function renderFigures(figures: unknown): string {
  if (isRows(figures)) return rowsTable(figures)
  if (!isPlain(figures)) return fmt(figures)
  const flat: [string, unknown][] = []
  const lists: [string, Record<string, unknown>[]][] = []
  const walk = (prefix: string, v: unknown): void => {
    if (isRows(v)) lists.push([prefix, v])
    else if (isPlain(v)) for (const [k, w] of Object.entries(v)) walk(prefix ? `${prefix}.${k}` : k, w)
    else flat.push([prefix, v])
  }
  walk('', figures)
  const parts: string[] = []
  if (flat.length > 0)
    parts.push(
      table(
        ['figure', 'value'],
        flat.map(([k, v]) => [k, fmt(v)]),
      ),
    )
  for (const [name, rows] of lists) parts.push(`${name}:\n\n${rowsTable(rows)}`)
  return parts.join('\n\n')
}

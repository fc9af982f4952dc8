// Cursor pagination in WeChat's `next_openid` style: one page in memory at a time.

export interface CursorPage<T> {
  readonly items: readonly T[]
  /** Cursor for the next page; empty when WeChat says there is none. */
  readonly next: string
}

/**
 * Yields every item of every page. Stops on an empty page or an empty cursor (WeChat can hand out a
 * non-empty cursor with the last page; the page after it is empty) and throws on a cursor that
 * repeats, rather than loop forever.
 */
export async function* iterateCursor<T>(
  fetchPage: (cursor: string) => Promise<CursorPage<T>>,
  first = '',
): AsyncGenerator<T, void, undefined> {
  const seen = new Set<string>()
  let cursor = first
  for (;;) {
    const page = await fetchPage(cursor)
    yield* page.items
    if (page.items.length === 0 || page.next === '') return
    if (page.next === cursor || seen.has(page.next))
      throw new Error(`WeChat returned the cursor ${JSON.stringify(page.next)} twice; stopping instead of looping`)
    seen.add(page.next)
    cursor = page.next
  }
}

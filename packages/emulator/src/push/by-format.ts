// Pushes whose XML and JSON forms differ in shape, not only in syntax. The subscription events are
// one: XML nests repeated <List> elements under <SubscribeMsgPopupEvent>, JSON puts a `List` array at
// the top. A spec carries both forms under BY_FORMAT; the pusher splices in the one it sends.
// https://developers.weixin.qq.com/doc/service/guide/product/subscription_messages/push.html

/** Key of a spec's fields holding `{ xml, json }`: the fields only that format has. */
export const BY_FORMAT = Symbol('byFormat')

/**
 * A list written as the same element repeated (`<List>…</List><List>…</List>`,
 * `<fail_idx>1</fail_idx><fail_idx>2</fail_idx>`), not wrapped in <item>s; a plain array in JSON.
 */
export class Repeated {
  constructor(readonly items: readonly unknown[]) {}
  toJSON(): readonly unknown[] {
    return this.items
  }
}

export interface ByFormat {
  readonly xml: Record<string, unknown>
  readonly json: Record<string, unknown>
}

/** `fields` with the format's own fields spliced in (a plain copy when there are none). */
export function forFormat(fields: Record<string | symbol, unknown>, format: 'xml' | 'json'): Record<string, unknown> {
  const own = fields[BY_FORMAT] as ByFormat | undefined
  const out: Record<string, unknown> = { ...fields }
  return own ? { ...out, ...own[format] } : out
}

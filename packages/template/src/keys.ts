// Template keys and the typed data they take. A category template's key names its kind
// (`thing1` is a thing, `time2` a time), so declaring the keys once types every send.
import { assertString, describe as describeValue } from '@wxmp/core/validate'

/** The kinds of category template values (类目模板), each with its own rule. */
export type TemplateKeyKind =
  | 'thing'
  | 'short_thing'
  | 'character_string'
  | 'number'
  | 'letter'
  | 'symbol'
  | 'amount'
  | 'phrase'
  | 'phone_number'
  | 'car_number'
  | 'name'
  | 'time'
  | 'date'
  | 'const'

/** A category template key: its kind and position, e.g. `thing1`, `time2`, `amount3`. */
export type CategoryKey = `${TemplateKeyKind}${number}`
/** A legacy template key: `keyword1`, `keyword2`, ... (`first` and `remark` were dropped by WeChat in 2023). */
export type LegacyKey = `keyword${number}`
/** Any key {@link defineTemplate} accepts. */
export type TemplateKey = CategoryKey | LegacyKey

declare const templateKeys: unique symbol

/**
 * A template id that carries its keys in its type: a plain string at runtime (store it, log it,
 * compare it), made by {@link defineTemplate}.
 */
export type TemplateId<K extends string = string> = string & { readonly [templateKeys]: K }

/** The keys a template id declares; `string` for an undeclared (plain string) id. */
export type KeysOf<T extends string> = T extends TemplateId<infer K> ? K : string

/**
 * What a key takes: times and dates a string or a `Date` (written in China time), numbers,
 * amounts and character strings a string or a number, anything else a string. An undeclared key
 * takes any of them.
 */
export type TemplateValue<K extends string = string> = string extends K
  ? string | number | Date
  : K extends `${'time' | 'date'}${number}`
    ? string | Date
    : K extends `${'number' | 'amount' | 'character_string'}${number}`
      ? string | number
      : string

/** The data of a send: every declared key, each with its value. */
export type TemplateData<K extends string = string> = { readonly [P in K]: TemplateValue<P> }

const KEY =
  /^(?:(?:thing|short_thing|character_string|number|letter|symbol|amount|phrase|phone_number|car_number|name|time|date|const)\d+|keyword\d+)$/

/**
 * Declares a template's keys once; every {@link sendTemplateMessage} with the returned id is then
 * checked by the compiler: each key present, no other key, each value of its kind's type.
 *
 * @example
 * ```ts
 * const orderShipped = defineTemplate('Dyvp3-Ff0cnail_CDSzk1fIc6-9lOkxsQE7exTJbwUE', ['thing1', 'time2', 'amount3'])
 * await sendTemplateMessage(wx, {
 *   openid,
 *   templateId: orderShipped,
 *   data: { thing1: 'Bluetooth headphones', time2: new Date(), amount3: '¥299.00' },
 * })
 * ```
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html
 */
/* @__NO_SIDE_EFFECTS__ */
export function defineTemplate<const K extends readonly TemplateKey[]>(templateId: string, keys: K): TemplateId<K[number]> {
  assertString('templateId', templateId, { pattern: /^[\w-]+$/, patternText: 'a template id (letters, digits, - and _)' })
  if (!Array.isArray(keys) || keys.length === 0) throw new RangeError('keys must name at least one template key')
  for (const [i, key] of keys.entries()) {
    if (typeof key !== 'string' || !KEY.test(key))
      throw new RangeError(
        `keys[${i}] must be a template key like thing1, time2 or keyword1, got ${typeof key === 'string' ? JSON.stringify(key.slice(0, 40)) : describeValue(key)}`,
      )
  }
  return templateId as TemplateId<K[number]>
}

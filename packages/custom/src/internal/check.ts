// The customer-service account shape, checked the same way wherever an account is given: managing
// accounts and sending as one (issue 15 found it checked in one place but not the other).
import { assertString } from '@wxmp/core'
import { KF_PREFIX } from './limits'

/** `prefix@wechatid`: prefix 1-10 letters, digits or `_`, then the account's WeChat ID (1-30). */
export function assertKfAccount(name: string, value: unknown): asserts value is string {
  assertString(name, value, { max: 41, controls: 'none' })
  const [prefix, wechatId, ...rest] = value.split('@')
  if (rest.length > 0 || prefix === undefined || wechatId === undefined || !KF_PREFIX.test(prefix) || wechatId.length < 1 || wechatId.length > 30) {
    throw new RangeError(`${name} must be "prefix@wechatid" (prefix 1-10 letters, digits or _; the account's WeChat ID after @), got ${JSON.stringify(value.slice(0, 41))}`)
  }
}

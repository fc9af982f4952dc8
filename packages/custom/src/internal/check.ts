// The customer-service account shape, checked the same way wherever an account is given: managing
// accounts and sending as one (issue 15 found it checked in one place but not the other).
import { assertString } from '@wxmp/core'

/** `prefix@wechatid`: prefix 1-10 letters, digits or `_`, then the account's WeChat ID (1-30). */
export function assertKfAccount(name: string, value: unknown): asserts value is string {
  // One pattern through assertString (its own error shape: the argument, the rule, the size given)
  // instead of a split and a message of its own: sendText's bundle carries less.
  assertString(name, value, {
    max: 41,
    controls: 'none',
    pattern: /^\w{1,10}@[^@]{1,30}$/,
    patternText: '"prefix@wechatid" (prefix 1-10 of a-z, 0-9, _)',
  })
}

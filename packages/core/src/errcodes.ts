// @wxmp/core/errcodes: the errcode table, a separate entry so apps that never describe an
// errcode never bundle it.
import { ERRCODES, type ErrcodeInfo } from './errcode-table'

export { ERRCODES, type ErrcodeInfo }

/**
 * What a WeChat errcode means, in English and Chinese, and whether it is retryable.
 * Unknown codes return `undefined`: keep WeChat's own errmsg for them.
 * @example describeErrcode(45015)?.en // 'reply window closed: the user has not interacted in 48 hours'
 */
export function describeErrcode(code: number): ErrcodeInfo | undefined {
  return ERRCODES.get(code)
}

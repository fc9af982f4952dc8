// What WeChat refuses in a subscription notification's values (47003 naming data.<key>.value),
// written from the bizsend doc's table on its own (the SDK has its copy; they must agree by the doc).
// https://developers.weixin.qq.com/doc/service/api/notify/notify/api_sendnewsubscribemsg.html
const han = /\p{Script=Han}/u
const len = (s: string) => [...s].length
const sym = /^[^\p{L}\p{N}\s\p{Cc}]+$/u
const timeish = /^(?=.*\d)[\d\s:\-/.年月日~]+$/u

const CHECKS: Record<string, (v: string) => boolean> = {
  thing: (v) => len(v) <= 20,
  number: (v) => len(v) <= 32 && /^\d+(\.\d+)?$/.test(v),
  letter: (v) => len(v) <= 32 && /^[A-Za-z]+$/.test(v),
  symbol: (v) => len(v) <= 5 && sym.test(v),
  character_string: (v) => len(v) <= 32 && /^[\x21-\x7e]+$/.test(v),
  time: (v) => timeish.test(v) && /\d:\d\d/.test(v),
  date: (v) => timeish.test(v),
  amount: (v) => /^[^\d\s.]?\d{1,10}(\.\d+)?元?$/u.test(v),
  phone_number: (v) => len(v) <= 17 && /^[\d\p{P}\p{S}]+$/u.test(v),
  car_number: (v) => len(v) <= 8 && /^\p{Script=Han}?[A-Za-z0-9]+\p{Script=Han}?$/u.test(v),
  name: (v) => len(v) <= (han.test(v) ? 10 : 20),
  phrase: (v) => len(v) <= 5 && /^\p{Script=Han}+$/u.test(v),
}

/** Whether `value` is acceptable for `key` (`thing1`, `time2`): non-empty and within its kind's rule. */
export function valueFits(key: string, value: string): boolean {
  if (value === '') return false
  const kind = /^([a-z_]+?)\d+$/.exec(key)?.[1]
  const check = kind === undefined ? undefined : CHECKS[kind]
  return check ? check(value) : true
}

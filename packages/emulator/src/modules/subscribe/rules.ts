// What WeChat refuses in a subscription notification's values (47003 naming data.<key>.value),
// written from the bizsend doc's table on its own (the SDK has its copy; they must agree by the doc).
// https://developers.weixin.qq.com/doc/service/api/notify/notify/api_sendnewsubscribemsg.html
const han = /\p{Script=Han}/u
const len = (s: string) => [...s].length
const sym = /^(?:[\p{P}\p{S}]\uFE0F?)+$/u
// One time/date point: 2019年10月1日 or 2019-10-01 (/ or . alike), and/or a 24-hour clock.
const point = /^(?:(\d{4})(?:年(\d{1,2})月(\d{1,2})日 *|([-/.])(\d{1,2})\4(\d{1,2})(?: +|$)))?((?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?)?$/u
const realPoint = (p: string, needClock: boolean, needDate: boolean): boolean => {
  const m = point.exec(p.trim())
  if (!m || (needClock && !m[7]) || (needDate && !m[1]) || (!m[1] && !m[7])) return false
  if (!m[1]) return true
  const y = Number(m[1]),
    mo = Number(m[2] ?? m[5]),
    d = Number(m[3] ?? m[6])
  return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate()
}
// A point, or two joined by ~ (时间段), on one line.
const moment = (v: string, needClock: boolean, needDate: boolean) => {
  const parts = v.split('~')
  return parts.length <= 2 && parts.every((p) => / *[^ ]/.test(p) && !/[^ \S]/.test(p) && realPoint(p, needClock, needDate))
}

const CHECKS: Record<string, (v: string) => boolean> = {
  thing: (v) => len(v) <= 20,
  number: (v) => len(v) <= 32 && /^\d+(\.\d+)?$/.test(v),
  letter: (v) => len(v) <= 32 && /^[A-Za-z]+$/.test(v),
  symbol: (v) => len(v) <= 5 && sym.test(v),
  character_string: (v) => len(v) <= 32 && /^[\x21-\x7e]+$/.test(v),
  time: (v) => moment(v, true, false),
  date: (v) => moment(v, false, true),
  amount: (v) => /^\p{Sc}?\d{1,10}(\.\d{1,2})?元?$/u.test(v),
  phone_number: (v) => len(v) <= 17 && /^\+?\d(?:[\d -]*\d)?$/.test(v),
  car_number: (v) => len(v) <= 8 && /^\p{Script=Han}?[A-Za-z0-9]+\p{Script=Han}?$/u.test(v),
  name: (v) => len(v) <= (han.test(v) ? 10 : 20) && /^[\p{L}\p{M}\p{P}\p{S} ]+$/u.test(v),
  phrase: (v) => len(v) <= 5 && /^\p{Script=Han}+$/u.test(v),
}

/** Whether `value` is acceptable for `key` (`thing1`, `time2`): non-empty and within its kind's rule. */
export function valueFits(key: string, value: string): boolean {
  if (value === '') return false
  // Every value is one line of visible text: no control characters, no zero-width/format characters.
  if (/[\p{Cc}\p{Cf}\p{Cs}]/u.test(value)) return false
  const kind = /^([a-z_]+?)\d+$/.exec(key)?.[1]
  const check = kind === undefined ? undefined : CHECKS[kind]
  return check ? check(value) : true
}

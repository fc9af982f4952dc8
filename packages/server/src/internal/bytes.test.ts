import { expect, it } from 'vitest'
import { fromBase64 } from './bytes'

it('reads strict standard base64 only: padded to 4, no whitespace, no URL-safe letters, = only at the end', () => {
  expect(fromBase64('QUJD')).toEqual(new Uint8Array([65, 66, 67]))
  expect(fromBase64('QUI=')).toEqual(new Uint8Array([65, 66]))
  expect(fromBase64('QQ==')).toEqual(new Uint8Array([65]))
  expect(fromBase64('')).toEqual(new Uint8Array(0))
  for (const bad of ['QUJ', 'QQ', 'Q===', '====', 'QU=D', 'QUJD\n', ' QUJD', 'QU-_', 'QUJD====', 'QQ==QUJD', 'QUJ*'])
    expect(fromBase64(bad)).toBeUndefined()
})

import { describe, expect, it } from 'vitest'
import { defineTemplate } from './index'

describe('defineTemplate', () => {
  it('returns the template id itself, usable as a string', () => {
    const id = defineTemplate('Dyvp3-Ff0cnail_CDSzk1fIc6-9lOkxsQE7exTJbwUE', ['thing1', 'time2'])
    expect(id).toBe('Dyvp3-Ff0cnail_CDSzk1fIc6-9lOkxsQE7exTJbwUE')
    expect(`${id}`.length).toBe(43)
  })

  it('refuses a key that is not a template key', () => {
    expect(() => defineTemplate('t', ['thing1', 'remark' as 'thing1'])).toThrow(
      new RangeError('keys[1] must be a template key like thing1, time2 or keyword1, got "remark"'),
    )
  })

  it('refuses an empty id or no keys', () => {
    expect(() => defineTemplate('', ['thing1'])).toThrow(RangeError)
    expect(() => defineTemplate('t', [])).toThrow('keys must name at least one template key')
  })
})

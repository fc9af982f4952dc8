// An object argument checked before it is spread into a message: a spread null would vanish.
import { assertObject } from '@wxmp/core'

/** Checks an object argument before it is spread into a message (a spread null would vanish), rejecting like the send. */
export function object(name: string, value: unknown, send: () => Promise<void>): Promise<void> {
  try {
    assertObject(name, value)
  } catch (error) {
    return Promise.reject(error)
  }
  return send()
}

// A credential source that keeps handing back the value WeChat just rejected: the cache asks once
// more with a forced refresh, then refuses with a named error rather than resend the value.
// CredentialCache is public (packages cache their own credentials with it); its source here is a
// plain function, as a package's would be.
import { expect, it } from 'vitest'
import { CredentialCache, CredentialRejectedError, createMemoryTokenStore } from '@wxmp/core'

it('refuses with CredentialRejectedError, naming a credential by default, when the source returns the rejected value even when forced', async () => {
  const asked: boolean[] = []
  const cache = new CredentialCache({
    store: createMemoryTokenStore(),
    key: 'wx1:ticket:test',
    refreshMarginMs: 0,
    now: () => 1_000_000,
    fetch: async (force) => {
      asked.push(force)
      return { value: 'the-rejected-value', expiresIn: 7200 }
    },
  })
  expect(await cache.get()).toBe('the-rejected-value')
  const error = await cache.renew('the-rejected-value').catch((e: unknown) => e)
  expect(error).toBeInstanceOf(CredentialRejectedError)
  expect(error).toMatchObject({ name: 'CredentialRejectedError' })
  expect((error as Error).message).toContain('the credential source returned the credential WeChat had just rejected')
  expect(asked).toEqual([false, false, true])
})

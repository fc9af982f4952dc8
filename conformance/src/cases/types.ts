// What a conformance case is: the SDK call that makes an entry's documented request, and what the
// typed result must be for each documented answer (an errcode answer needs nothing: it must throw
// WeChatApiError with that errcode).
import { createClient, type ClientOptions, type WeChatClient } from '@wxmp/core'

export interface Env {
  /** A client on the recording server whose token is the docs' `ACCESS_TOKEN`. */
  readonly wx: WeChatClient
  /** The recording server's URL (for other hosts: showqrcode). */
  readonly url: string
  /** Another client on the recording server; `getAccessToken: undefined` fetches tokens itself. */
  make(options?: ClientOverrides): WeChatClient
}

/** Client options to change; an option given as undefined is removed. */
export type ClientOverrides = { readonly [K in keyof ClientOptions]?: ClientOptions[K] | undefined }

export interface Case {
  readonly call: (env: Env) => Promise<unknown>
  /** Per answer name: the value the result must match (toMatchObject / toEqual), or a check. */
  readonly expect?: Readonly<Record<string, unknown>>
  /** Per answer name: a check of the error thrown, where it is not a plain WeChatApiError. */
  readonly throws?: Readonly<Record<string, (error: unknown) => void>>
}

export type Cases = Readonly<Record<string, Case>>

export function makeEnv(url: string): Env {
  const make = (overrides: ClientOverrides = {}): WeChatClient => {
    const options: Record<string, unknown> = {
      appId: 'APPID',
      appSecret: 'APPSECRET',
      baseUrl: url,
      getAccessToken: async () => 'ACCESS_TOKEN',
      retry: false,
      ...overrides,
    }
    for (const key of Object.keys(options)) if (options[key] === undefined) delete options[key]
    return createClient(options as unknown as ClientOptions)
  }
  return { wx: make(), url, make }
}

// node:crypto's synchronous primitives for the /node subpath (a static import: /node is Node only).
import * as nodeCryptoModule from 'node:crypto'
import type { CryptoProvider } from './crypto'
import { nativeCryptoFrom } from './native-crypto'

/**
 * node:crypto's SHA-1 and AES-256-CBC, synchronous: the same results as Web Crypto, several times
 * faster on Node. `createMessageServer` already picks them on Node 20.16+ (and Bun, Deno) without
 * being asked; pass this to choose them explicitly.
 *
 * @example
 * ```ts
 * import { nodeCrypto } from '@wxmp/server/node'
 * const server = createMessageServer({ appId, token, encodingAESKey, handle, crypto: nodeCrypto })
 * ```
 */
export const nodeCrypto: CryptoProvider = /* @__PURE__ */ nativeCryptoFrom(nodeCryptoModule)

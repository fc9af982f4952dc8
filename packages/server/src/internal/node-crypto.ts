// node:crypto's synchronous primitives for the /node subpath (a static import: /node is Node only).
import * as nodeCryptoModule from 'node:crypto'
import type { CryptoProvider } from './crypto'
import { nativeCryptoFrom } from './native-crypto'

/**
 * node:crypto's SHA-1 and AES-256-CBC, synchronous: the same results as Web Crypto, several times
 * faster on Node, one cipher each way per key. `createMessageServer` already picks the same on Node
 * 20.16+ (and Bun, Deno) without being asked, and `toNodeHandler` uses it unless the server was
 * given its own `crypto`: pass it to choose it explicitly (Node before 20.16).
 *
 * @example
 * ```ts
 * import { nodeCrypto } from '@wxmp/server/node'
 * const server = createMessageServer({ appId, token, encodingAESKey, handle, crypto: nodeCrypto })
 * ```
 */
export const nodeCrypto: CryptoProvider = /* @__PURE__ */ nativeCryptoFrom(nodeCryptoModule)

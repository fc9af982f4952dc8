// The two Redis clients the store supports, connected the way a user would connect them.
import type { Redis } from 'ioredis'
import type { createClient } from 'redis'

export type Driver = 'ioredis' | 'node-redis'
export const DRIVERS: readonly Driver[] = ['ioredis', 'node-redis']

export interface TestClient {
  readonly redis: Redis | ReturnType<typeof createClient>
  close(): Promise<void>
}

/** Connects with `driver`, loading only that client (node-redis alone takes seconds to import). */
export async function connectRedis(driver: Driver, url: string): Promise<TestClient> {
  if (driver === 'ioredis') {
    const { Redis } = await import('ioredis')
    const redis = new Redis(url, { retryStrategy: (times) => Math.min(times * 50, 500) })
    // Without a listener ioredis prints every reconnect failure; the store reports failures itself.
    redis.on('error', () => {})
    return { redis, close: async () => redis.disconnect() }
  }
  const { createClient } = await import('redis')
  const redis = createClient({ url, socket: { reconnectStrategy: (retries) => Math.min(retries * 50, 500) } })
  // node-redis exits the process on an unhandled 'error' event.
  redis.on('error', () => {})
  await redis.connect()
  return { redis, close: async () => redis.destroy() }
}

import { expectTypeOf, test } from 'vitest'
import type { Cluster, Redis } from 'ioredis'
import type { createClient as createNodeRedis, createCluster } from 'redis'
import type { ClientOptions, TokenStore } from '@wxmp/core'
import { createRedisTokenStore, type RedisTokenStore, type RedisTokenStoreOptions } from './index'

test('accepts ioredis and node-redis clients and clusters, without importing either', () => {
  expectTypeOf<Redis>().toMatchTypeOf<RedisTokenStoreOptions['redis']>()
  expectTypeOf<Cluster>().toMatchTypeOf<RedisTokenStoreOptions['redis']>()
  expectTypeOf<ReturnType<typeof createNodeRedis>>().toMatchTypeOf<RedisTokenStoreOptions['redis']>()
  expectTypeOf<ReturnType<typeof createCluster>>().toMatchTypeOf<RedisTokenStoreOptions['redis']>()
  expectTypeOf<{ get(key: string): Promise<string> }>().not.toMatchTypeOf<RedisTokenStoreOptions['redis']>()
})

test("is a TokenStore core's createClient takes, with a lock", () => {
  expectTypeOf(createRedisTokenStore).returns.toMatchTypeOf<TokenStore>()
  expectTypeOf<RedisTokenStore>().toMatchTypeOf<NonNullable<ClientOptions['tokenStore']>>()
  expectTypeOf<RedisTokenStore['lock']>().toBeFunction()
})

test('takes a fallback of auto, error, memory or another store', () => {
  expectTypeOf<RedisTokenStoreOptions['fallback']>().toEqualTypeOf<'auto' | 'error' | 'memory' | TokenStore | undefined>()
})

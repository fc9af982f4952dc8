// One way to send a command, whatever Redis client the user passed. The package must not depend
// on ioredis or node-redis at runtime, so clients are told apart by shape, not by `instanceof`.

/** An ioredis `Redis` or `Cluster`: `call(command, ...args)` sends any command. */
export interface IORedisLike {
  call(command: string, ...args: (string | number)[]): Promise<unknown>
}

/** A node-redis (v4/v5) client, pool, or anything with `sendCommand(['GET', key])`. */
export interface NodeRedisLike {
  sendCommand(args: string[]): Promise<unknown>
}

/** A node-redis (v4/v5) cluster: `sendCommand(firstKey, isReadonly, args)` routes by key. */
export interface NodeRedisClusterLike {
  sendCommand(firstKey: string | undefined, isReadonly: boolean | undefined, args: string[]): Promise<unknown>
  nodeClient(node: never): Promise<unknown>
}

/** The Redis clients the store accepts. */
export type RedisClientLike = IORedisLike | NodeRedisLike | NodeRedisClusterLike

/** Sends `args` (command first); `key` is the key it touches, for cluster routing. */
export type SendCommand = (args: string[], key: string) => Promise<unknown>

/** How to talk to `redis`, or undefined when it is not a client we know. */
export function adaptClient(redis: unknown): { send: SendCommand; kind: 'ioredis' | 'node-redis' | 'node-redis-cluster' } | undefined {
  if (typeof redis !== 'object' || redis === null) return undefined
  const r = redis as Record<string, unknown>
  // ioredis also has a `sendCommand`, taking its own Command objects; `call` is the plain one.
  if (typeof r.call === 'function') {
    const client = redis as IORedisLike
    return { kind: 'ioredis', send: ([command, ...args]) => client.call(command as string, ...args) }
  }
  if (typeof r.sendCommand === 'function') {
    if (typeof r.nodeClient === 'function') {
      const cluster = redis as NodeRedisClusterLike
      return { kind: 'node-redis-cluster', send: (args, key) => cluster.sendCommand(key, false, args) }
    }
    const client = redis as NodeRedisLike
    return { kind: 'node-redis', send: (args) => client.sendCommand(args) }
  }
  return undefined
}

// Lua scripts: each runs atomically on the server, so no other process can act between the
// read and the write. Sent with EVAL (Redis caches compiled scripts itself; they are rare calls).

/**
 * Compare-and-invalidate: delete the token only if it is still the one that failed, so a late
 * 40001 cannot drop a newer token another process just stored. KEYS[1] token key, ARGV[1] token.
 */
export const INVALIDATE = `
local v = redis.call('GET', KEYS[1])
if not v then return 0 end
local ok, t = pcall(cjson.decode, v)
if ok and type(t) == 'table' and t.accessToken == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`

/** Release: delete the lock only if we still own it (it may have expired and been taken). */
export const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`

/** Renew: push the lock's expiry out while its owner is still working (a slow token fetch). */
export const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`

/**
 * Store unless the stored token is newer (a later `fetchedAt`): a slow fetch that finishes last
 * must not put back a token WeChat already replaced. KEYS[1] token key, ARGV[1] value, ARGV[2] ttl
 * ms, ARGV[3] fetchedAt ('' when unknown: always stored).
 */
export const SET_IF_NEWER = `
local incoming = tonumber(ARGV[3])
if incoming then
  local v = redis.call('GET', KEYS[1])
  if v then
    local ok, t = pcall(cjson.decode, v)
    if ok and type(t) == 'table' and type(t.fetchedAt) == 'number' and t.fetchedAt > incoming then return 0 end
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`

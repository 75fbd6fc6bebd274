-- Releases a lock (or lease) only if it still holds the caller's token, never another holder's.
-- KEYS: lock
-- ARGV: token
-- Returns 1 when released, 0 when the lock was not the caller's.
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
return 1

-- Extends a lock (or lease) only while it still holds the caller's token: a holder whose lock ran
-- out and was taken by another process must not extend the other's.
-- KEYS: lock
-- ARGV: token, ms
-- Returns 1 when extended, 0 when the lock is no longer the caller's.
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1

-- Spends one request of a fixed-window budget: rate-limiter-flexible's RateLimiterRedis script
-- (same key, same counting), run as one of ours so it is pipelined with the admission's other
-- checks (lib/domain/admission/rate-limit.ts).
-- KEYS: the counter; ARGV: window seconds
-- Returns {requests spent in the window, ms until it ends}
redis.call('SET', KEYS[1], 0, 'EX', ARGV[1], 'NX')
local spent = redis.call('INCRBY', KEYS[1], 1)
local ttl = redis.call('PTTL', KEYS[1])
if ttl == -1 then
  redis.call('EXPIRE', KEYS[1], ARGV[1])
  ttl = 1000 * ARGV[1]
end
return { spent, ttl }

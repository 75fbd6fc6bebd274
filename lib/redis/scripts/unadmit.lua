-- Undoes an admission whose publish failed: the user gets their previous state back and the
-- booking id is voided, so the message (if the broker kept it after all) is ignored.
-- KEYS: users, void
-- ARGV: userId, bookingId, previousEntry ('' for none)
local entry = redis.call('HGET', KEYS[1], ARGV[1])
redis.call('SADD', KEYS[2], ARGV[2])
if entry and string.find(entry, 'queued|' .. ARGV[2] .. '|', 1, true) == 1 then
  if ARGV[3] == '' then redis.call('HDEL', KEYS[1], ARGV[1]) else redis.call('HSET', KEYS[1], ARGV[1], ARGV[3]) end
  return 1
end
return 0

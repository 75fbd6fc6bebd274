-- Publishes a sale's settings for admission and the worker, unless a newer version of the sale is
-- already published. The version is the sale's updatedAt in MongoDB (ms): the publish that follows
-- one MongoDB write can reach Redis after the publish of a later write, and must not set the
-- settings back. Status and stock are written only when absent: once published, they change first
-- in Redis, by compare-and-set (claimSaleStatus, adjust-stock.lua, the booking scripts).
-- KEYS: meta, inventory
-- ARGV: version, status, stock, holdMs, waitlistMax, startsAt, endsAt
-- Returns 1 when the settings were written, 0 when a newer version was already there.
redis.call('HSETNX', KEYS[1], 'status', ARGV[2])
redis.call('HSETNX', KEYS[1], 'stock', ARGV[3])
redis.call('SET', KEYS[2], ARGV[3], 'NX')
local current = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
if current > tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'version', ARGV[1], 'holdMs', ARGV[4], 'waitlistMax', ARGV[5], 'startsAt', ARGV[6], 'endsAt', ARGV[7])
return 1

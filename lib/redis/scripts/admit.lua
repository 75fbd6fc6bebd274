-- Admission: is the sale open, is the user already in, and the user's ticket in the queue.
-- Before the start (within the pre-queue window), and after it while the pre-queue is still being
-- drawn, the user joins the pre-queue instead: no ticket yet, a random place at the draw.
-- KEYS: meta, users, seq, served, inventory, holds, dirty, prequeue
-- ARGV: userId, bookingId, prequeueMs, intent JSON (kept for the draw)
-- Returns {'ok', ticket, position}, {'prequeued'} or {'err', code, entry?}
local meta = redis.call('HMGET', KEYS[1], 'status', 'startsAt', 'endsAt')
local status = meta[1]
if not status then return { 'err', 'not_found' } end
if status == 'paused' then return { 'err', 'paused' } end
if status == 'ended' then return { 'err', 'sale_ended' } end
local now = now_ms()
local startsAt = tonumber(meta[2])
if now >= tonumber(meta[3]) then return { 'err', 'sale_ended' } end
local open = (status == 'live' or status == 'sold_out') and now >= startsAt
if not open and ((status ~= 'live' and status ~= 'scheduled') or now < startsAt - tonumber(ARGV[3])) then
  return { 'err', 'not_started' }
end

local entry = redis.call('HGET', KEYS[2], ARGV[1])
if entry then
  local parts = split(entry)
  local current = parts[1]
  -- A queued ticket the worker has passed was skipped: its message never reached the queue (the
  -- admitting process died before publishing). The user may try again; should the old message
  -- still come, it is stale (another booking id) and serves nothing.
  local lost = current == 'queued' and tonumber(parts[3]) < tonumber(redis.call('GET', KEYS[4]) or '0')
  if not lost and (current == 'prequeued' or current == 'queued' or current == 'hold' or current == 'waitlisted') then
    return { 'err', 'already_queued', entry }
  end
  if current == 'booked' then return { 'err', 'already_booked', entry } end
  if current == 'sold_out' then return { 'err', 'sold_out', entry } end
  -- The previous attempt ended (cancelled, expired, rejected). Its MongoDB record must be written
  -- before a new one, or the unique live-booking index would refuse the new booking.
  if redis.call('HEXISTS', KEYS[7], parts[2]) == 1 then return { 'err', 'conflict', entry } end
end

if not open or redis.call('HLEN', KEYS[8]) > 0 then
  redis.call('HSET', KEYS[8], ARGV[1], ARGV[4])
  redis.call('HSET', KEYS[2], ARGV[1], 'prequeued|' .. ARGV[2] .. '|0|0')
  return { 'prequeued' }
end

if tonumber(redis.call('GET', KEYS[5]) or '0') <= 0 and redis.call('ZCARD', KEYS[6]) == 0 then
  return { 'err', 'sold_out' }
end

local ticket = redis.call('INCR', KEYS[3])
redis.call('HSET', KEYS[2], ARGV[1], 'queued|' .. ARGV[2] .. '|' .. ticket .. '|0')
local served = tonumber(redis.call('GET', KEYS[4]) or '0')
return { 'ok', ticket, math.max(ticket - served, 1) }

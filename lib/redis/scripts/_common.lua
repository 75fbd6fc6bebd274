-- Shared helpers, prepended to every script by lib/redis/scripts.ts.
-- A user entry (sale users hash) is "status|bookingId|ticket|expiresAtMs".
-- An outbox record (sale dirty hash, field bookingId) is "status|userId|ticket|expiresAtMs|rank|atMs":
-- the MongoDB state a booking must reach, and when Redis decided it. rank orders a booking's
-- transitions (waitlisted 1 < hold 2 < final 3): the record stays until MongoDB's rank reaches it.

local function split(s)
  local out = {}
  for part in string.gmatch(s, '([^|]*)|?') do
    if #out < 6 then out[#out + 1] = part end
  end
  return out
end

local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

local RANK = { waitlisted = 1, hold = 2, booked = 3, cancelled = 3, expired = 3, sold_out = 3, rejected = 3 }

-- Records the user's new state and, for states MongoDB keeps, the outbox record.
local function set_state(usersKey, dirtyKey, statsKey, userId, status, bookingId, ticket, expiresAt)
  redis.call('HSET', usersKey, userId, status .. '|' .. bookingId .. '|' .. ticket .. '|' .. expiresAt)
  redis.call('HSET', dirtyKey, bookingId, status .. '|' .. userId .. '|' .. ticket .. '|' .. expiresAt .. '|' .. RANK[status] .. '|' .. now_ms())
  redis.call('HINCRBY', statsKey, status, 1)
end

-- Gives one freed item to the head of the waitlist (a fresh hold), or back to stock.
-- Returns {bookingId, userId, ticket, expiresAt} of the promoted user, or nil.
local function hand_on_item(metaKey, usersKey, inventoryKey, holdsKey, waitlistKey, statsKey, dirtyKey, holdPrefix, now)
  local status = redis.call('HGET', metaKey, 'status')
  if status ~= 'ended' then
    while true do
      local head = redis.call('ZPOPMIN', waitlistKey)
      if #head == 0 then break end
      local parts = split(head[1])
      local bookingId, userId, ticket = parts[1], parts[2], head[2]
      local entry = redis.call('HGET', usersKey, userId)
      if entry and split(entry)[1] == 'waitlisted' and split(entry)[2] == bookingId then
        local holdMs = tonumber(redis.call('HGET', metaKey, 'holdMs') or '300000')
        local expiresAt = now + holdMs
        redis.call('HSET', holdPrefix .. bookingId, 'userId', userId, 'ticket', ticket, 'expiresAt', expiresAt)
        redis.call('ZADD', holdsKey, expiresAt, bookingId)
        set_state(usersKey, dirtyKey, statsKey, userId, 'hold', bookingId, ticket, expiresAt)
        redis.call('HINCRBY', statsKey, 'promoted', 1)
        return { bookingId, userId, ticket, tostring(expiresAt) }
      end
    end
  end
  redis.call('INCR', inventoryKey)
  return nil
end

-- Tells everyone on the waitlist they will not get an item, and empties it.
-- Returns the list of "bookingId|userId" told so.
local function close_waitlist(waitlistKey, usersKey, dirtyKey, statsKey)
  local members = redis.call('ZRANGE', waitlistKey, 0, -1, 'WITHSCORES')
  local told = {}
  for i = 1, #members, 2 do
    local parts = split(members[i])
    set_state(usersKey, dirtyKey, statsKey, parts[2], 'sold_out', parts[1], members[i + 1], 0)
    told[#told + 1] = members[i]
  end
  redis.call('DEL', waitlistKey)
  return told
end

-- Sold out: no item left and no hold that could free one.
local function is_sold_out(inventoryKey, holdsKey)
  return tonumber(redis.call('GET', inventoryKey) or '0') <= 0 and redis.call('ZCARD', holdsKey) == 0
end

-- When the sale is sold out, everyone still waiting is told so.
local function close_waitlist_if_sold_out(inventoryKey, holdsKey, waitlistKey, usersKey, dirtyKey, statsKey)
  if not is_sold_out(inventoryKey, holdsKey) then return {} end
  return close_waitlist(waitlistKey, usersKey, dirtyKey, statsKey)
end

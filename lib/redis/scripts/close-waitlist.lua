-- Ends a sale's waitlist (the sale ended): everyone on it is told sold out.
-- KEYS: waitlist, users, dirty, stats
-- Returns the list of "bookingId|userId" told so.
return close_waitlist(KEYS[1], KEYS[2], KEYS[3], KEYS[4])

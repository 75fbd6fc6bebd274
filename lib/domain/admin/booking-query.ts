import mongoose, { type QueryFilter } from "mongoose";
import { type BookingDoc } from "@/lib/db/models/booking";
import { User, type UserDoc } from "@/lib/db/models/user";
import type { BookingFilters } from "@/lib/domain/admin/booking-filters";

/**
 * The MongoDB filter for a sale's bookings. A `user` filter with an "@" is an email, looked up
 * first; null when the filters can match nothing (an unknown email).
 */
export async function bookingQuery(saleId: string, filters: BookingFilters): Promise<QueryFilter<BookingDoc> | null> {
  const query: QueryFilter<BookingDoc> = { saleId };
  if (filters.status) query.status = filters.status;
  if (filters.user) {
    if (filters.user.includes("@")) {
      const user = await User.findOne({ email: filters.user.toLowerCase() }, { _id: 1 }).lean<UserDoc>();
      if (!user) return null;
      query.userId = String(user._id);
    } else {
      query.userId = filters.user;
    }
  }
  if (filters.ticketFrom !== undefined || filters.ticketTo !== undefined) {
    query.ticket = {
      ...(filters.ticketFrom !== undefined && { $gte: filters.ticketFrom }),
      ...(filters.ticketTo !== undefined && { $lte: filters.ticketTo }),
    };
  }
  return query;
}

/** Email addresses of the given user ids (ids that are not ObjectIds have none). */
export async function emailsOf(userIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(userIds)].filter((id) => mongoose.isValidObjectId(id));
  if (ids.length === 0) return new Map();
  const users = await User.find({ _id: { $in: ids } }, { email: 1 }).lean<UserDoc[]>();
  return new Map(users.map((user) => [String(user._id), user.email]));
}

/**
 * Puts admitted intents back into ticket order before they are served.
 *
 * Two web processes can admit tickets 7 and 8 and publish them as 8, 7; served as they arrive,
 * ticket 8 could take the last item from ticket 7. The buffer holds 8 until 7 arrives, so the
 * order served is the order admitted (DESIGN §5.4). A ticket that never arrives (its publish
 * failed and the admission was undone, or the web process died in between) is skipped after
 * `gapWaitMs`. Tickets below the frontier (redeliveries) are released at once: serving them again
 * is idempotent.
 */
export class TicketOrderBuffer<T> {
  private readonly sales = new Map<string, { next: number; pending: Map<number, T[]>; gapSince: number | null }>();

  constructor(
    private readonly gapWaitMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  hasFrontier(saleId: string): boolean {
    return this.sales.has(saleId);
  }

  /** Sets where a sale's queue stands: the next ticket to serve is `served + 1`. */
  setFrontier(saleId: string, served: number): void {
    const sale = this.sales.get(saleId);
    if (sale) sale.next = Math.max(sale.next, served + 1);
    else this.sales.set(saleId, { next: served + 1, pending: new Map(), gapSince: null });
  }

  add(saleId: string, ticket: number, item: T): void {
    const sale = this.sales.get(saleId);
    if (!sale) throw new Error(`no frontier set for sale ${saleId}`);
    const items = sale.pending.get(ticket);
    if (items) items.push(item);
    else sale.pending.set(ticket, [item]);
  }

  /** Returns items back to the head of the queue (they could not be served yet). */
  putBack(saleId: string, entries: { ticket: number; item: T }[]): void {
    const sale = this.sales.get(saleId);
    if (!sale) return;
    for (const { ticket, item } of entries) {
      const items = sale.pending.get(ticket);
      if (items) items.unshift(item);
      else sale.pending.set(ticket, [item]);
      sale.next = Math.min(sale.next, ticket);
    }
  }

  /** Takes up to `max` items that are next in ticket order, skipping gaps older than the wait. */
  takeReady(saleId: string, max: number): { ticket: number; item: T }[] {
    const sale = this.sales.get(saleId);
    if (!sale) return [];
    const taken: { ticket: number; item: T }[] = [];
    for (const ticket of [...sale.pending.keys()].filter((t) => t < sale.next).sort((a, b) => a - b)) {
      for (const item of sale.pending.get(ticket)!) taken.push({ ticket, item });
      sale.pending.delete(ticket);
    }
    while (taken.length < max && sale.pending.size > 0) {
      const items = sale.pending.get(sale.next);
      if (items) {
        for (const item of items) taken.push({ ticket: sale.next, item });
        sale.pending.delete(sale.next);
        sale.next += 1;
        sale.gapSince = null;
        continue;
      }
      sale.gapSince ??= this.now();
      if (this.now() - sale.gapSince < this.gapWaitMs) break;
      sale.next = Math.min(...sale.pending.keys());
      sale.gapSince = null;
    }
    return taken;
  }

  /** Drops a sale's items and frontier (its messages went back to RabbitMQ with their channel). */
  forget(saleId: string): void {
    this.sales.delete(saleId);
  }

  pendingCount(saleId: string): number {
    let total = 0;
    for (const items of this.sales.get(saleId)?.pending.values() ?? []) total += items.length;
    return total;
  }

  /** Sales with items waiting. */
  salesWithPending(): string[] {
    return [...this.sales.entries()].filter(([, sale]) => sale.pending.size > 0).map(([saleId]) => saleId);
  }

  /** Milliseconds until the oldest gap may be skipped, or null if no sale is waiting on one. */
  msUntilGapTimeout(): number | null {
    let soonest: number | null = null;
    for (const sale of this.sales.values()) {
      if (sale.gapSince === null || sale.pending.size === 0) continue;
      const left = Math.max(0, sale.gapSince + this.gapWaitMs - this.now());
      soonest = soonest === null ? left : Math.min(soonest, left);
    }
    return soonest;
  }

  size(): number {
    let total = 0;
    for (const saleId of this.sales.keys()) total += this.pendingCount(saleId);
    return total;
  }
}

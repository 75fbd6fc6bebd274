export type LatencySummary = { count: number; p50: number; p95: number; p99: number; max: number; mean: number };

/** Keeps every sample (milliseconds) in a growable typed array; a million samples take 8 MB. */
export class LatencyRecorder {
  private samples = new Float64Array(1024);
  private count = 0;

  record(ms: number): void {
    if (this.count === this.samples.length) {
      const bigger = new Float64Array(this.samples.length * 2);
      bigger.set(this.samples);
      this.samples = bigger;
    }
    this.samples[this.count] = ms;
    this.count += 1;
  }

  summary(): LatencySummary {
    const sorted = this.samples.slice(0, this.count).sort();
    const at = (quantile: number) => (this.count ? sorted[Math.min(this.count - 1, Math.ceil(quantile * this.count) - 1)]! : 0);
    let total = 0;
    for (const value of sorted) total += value;
    const fixed = (value: number) => Math.round(value * 100) / 100;
    return {
      count: this.count,
      p50: fixed(at(0.5)),
      p95: fixed(at(0.95)),
      p99: fixed(at(0.99)),
      max: fixed(this.count ? sorted[this.count - 1]! : 0),
      mean: fixed(this.count ? total / this.count : 0),
    };
  }
}

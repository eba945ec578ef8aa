import type { SweepRecord } from './SweepRecord.js';

const human = (n: number): string => (n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : n >= 1e4 ? `${(n / 1e3).toFixed(0)}k` : String(n));
const clock = (s: number): string =>
  s >= 3600
    ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
    : s >= 60
      ? `${Math.floor(s / 60)}m${String(Math.floor(s % 60)).padStart(2, '0')}s`
      : `${Math.round(s)}s`;

/**
 * The running totals of a sweep and its TLC-style progress line:
 * configurations done of all (cached), states, rate, findings, elapsed, ETA
 * (from the rate of explored configurations).
 */
export class SweepProgress {
  private done = 0;
  private cached = 0;
  private states = 0;
  private found = 0;
  private fresh = 0;
  private readonly t0 = performance.now();

  constructor(private readonly total: number) {}

  add(r: SweepRecord): void {
    this.done++;
    if (r.cached) this.cached++;
    else this.fresh++;
    if (!r.cached) this.states += r.distinctStates;
    if (r.status === 'violation' || r.status === 'deadlock') this.found++;
  }

  elapsed(): number {
    return (performance.now() - this.t0) / 1000;
  }

  line(): string {
    const secs = this.elapsed();
    const left = this.total - this.done;
    const rate = this.fresh > 0 ? secs / this.fresh : 0;
    const eta = left === 0 ? 'done' : this.fresh > 0 ? `ETA ${clock(left * rate)}` : 'ETA ?';
    const perSecond = human(Math.round(this.states / Math.max(secs, 1e-3)));
    return (
      `sweep: ${this.done}/${this.total} configurations (${this.cached} cached), ${human(this.states)} states, ${perSecond} states/s, ` +
      `${this.found} violations, ${clock(secs)} elapsed, ${eta}`
    );
  }
}

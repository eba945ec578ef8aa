import type { Model } from '../engine/Model.js';
import type { Schedule } from './Schedule.js';
import { hashName } from './hashName.js';

/** Picks the action of each step of one run, as its schedule says. */
export class Scheduler<S, A> {
  /** PCT: threads whose priority a change point lowered. */
  private readonly lowered = new Map<string, number>();

  constructor(
    private readonly model: Model<S, A>,
    private readonly schedule: Schedule,
    /** PCT: change point c falls at step `c % pctSteps`. */
    private readonly pctSteps = Infinity,
  ) {}

  /** Index into `actions` (non-empty) of the action to take at step `step`. */
  pick(state: S, actions: readonly A[], step: number): number {
    const s = this.schedule;
    const choice = s.choices[step] ?? 0;
    if (s.strategy === 'uniform') return choice % actions.length;
    const threads = actions.map((a) => this.model.describeAction(state, a).thread);
    let candidates: number[];
    if (s.strategy === 'swarm') {
      candidates = indicesWhere(threads, (t) => (hashName(s.salt, t) & 1) === 0);
      if (candidates.length === 0) candidates = indicesWhere(threads, () => true);
    } else {
      let top = threads[0]!;
      for (const t of threads) if (this.isAbove(t, top)) top = t;
      candidates = indicesWhere(threads, (t) => t === top);
      const change = s.changePoints.findIndex((c) => c % this.pctSteps === step);
      if (change >= 0) this.lowered.set(top, change - s.changePoints.length - 1);
    }
    return candidates[choice % candidates.length]!;
  }

  private priority(thread: string): number {
    return this.lowered.get(thread) ?? hashName((this.schedule as { salt: number }).salt, thread);
  }

  private isAbove(a: string, b: string): boolean {
    const pa = this.priority(a);
    const pb = this.priority(b);
    return pa > pb || (pa === pb && a < b);
  }
}

function indicesWhere(xs: readonly string[], keep: (x: string) => boolean): number[] {
  const out: number[] = [];
  xs.forEach((x, i) => keep(x) && out.push(i));
  return out;
}

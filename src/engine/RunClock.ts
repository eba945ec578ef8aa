import type { ExploreOptions } from './ExploreOptions.js';
import type { ExploreStats, IncompleteReason } from './ExploreResult.js';

/** Wall clock, time budget and progress reports of one run. */
export class RunClock {
  private readonly t0 = performance.now();
  private calls = 0;
  private lastProgress: number;

  constructor(
    private readonly options: ExploreOptions,
    /** Seconds already spent before a resume. */
    private readonly carried = 0,
  ) {
    this.lastProgress = this.t0;
  }

  seconds(): number {
    return this.carried + (performance.now() - this.t0) / 1000;
  }

  /** Called once per expanded state; looks at the time every 1024 calls. */
  check(states: number, transitions: number, depth: number, queued: number): IncompleteReason | undefined {
    if ((++this.calls & 1023) !== 0) return undefined;
    const now = performance.now();
    const secs = this.carried + (now - this.t0) / 1000;
    if (this.options.maxSeconds !== undefined && secs >= this.options.maxSeconds) return 'max-seconds';
    const every = (this.options.progressSeconds ?? 60) * 1000;
    if (this.options.onProgress && now - this.lastProgress >= every) {
      this.lastProgress = now;
      this.options.onProgress({ distinctStates: states, transitions, depth, queued, seconds: secs, statesPerSecond: states / secs });
    }
    return undefined;
  }

  stats(s: { distinctStates: number; transitions: number; maxDepth: number; bytes: number }): ExploreStats {
    const seconds = this.seconds();
    return {
      distinctStates: s.distinctStates,
      transitions: s.transitions,
      maxDepth: s.maxDepth,
      seconds,
      statesPerSecond: seconds > 0 ? s.distinctStates / seconds : 0,
      bytesPerState: s.distinctStates > 0 ? s.bytes / s.distinctStates : 0,
    };
  }
}

/**
 * A schedule: the random input of one run, drawn and shrunk by fast-check.
 * Each strategy reads its own fields; all share the initial-state choice and
 * the per-step choices (an action index, modulo the number of candidates;
 * once the list runs out, the first candidate).
 */
export type StrategyName = 'uniform' | 'pct' | 'swarm';

export const STRATEGIES: readonly StrategyName[] = ['uniform', 'pct', 'swarm'];

interface Common {
  /** Index (modulo their number) of the initial state. */
  readonly init: number;
  readonly choices: readonly number[];
}

/** Every step picks one of the enabled actions. */
export interface UniformSchedule extends Common {
  readonly strategy: 'uniform';
}

/**
 * PCT (Burckhardt et al., ASPLOS 2010): each thread gets a random priority
 * (a hash of `salt` and its name); the highest-priority enabled thread runs;
 * at the i-th change point (a step number) the running thread drops below
 * every initial priority (to i - d).
 */
export interface PctSchedule extends Common {
  readonly strategy: 'pct';
  readonly salt: number;
  readonly changePoints: readonly number[];
}

/**
 * Swarm testing (Groce et al., ISSTA 2012): the run favours a random subset
 * of threads (by name, a hash of `salt`); the others move only when no
 * favoured one can.
 */
export interface SwarmSchedule extends Common {
  readonly strategy: 'swarm';
  readonly salt: number;
}

export type Schedule = UniformSchedule | PctSchedule | SwarmSchedule;

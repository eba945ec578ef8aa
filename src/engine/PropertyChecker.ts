import type { Invariant, Property, Reachable, StepGroup, StepProperty, Terminal } from './Property.js';
import type { ViolationKind } from './ExploreResult.js';

export interface Failure {
  readonly property: string;
  readonly kind: ViolationKind;
  readonly message: string;
}

/** Splits properties by kind and evaluates them; remembers which reachability guards were met. */
export class PropertyChecker<S, A> {
  readonly invariants: readonly Invariant<S>[];
  readonly steps: readonly StepProperty<S, A>[];
  readonly terminals: readonly Terminal<S>[];
  readonly reachables: readonly Reachable<S>[];
  private readonly reached: boolean[];
  private unreachedCount: number;
  /** What checkStep calls, in order: a group for the run of its members, or a step property alone as a group of one (stepCalls). */
  private readonly stepCalls: readonly StepGroup<S, A>[];

  constructor(properties: readonly Property<S, A>[]) {
    const names = new Set<string>();
    for (const p of properties) {
      if (names.has(p.name)) throw new Error(`duplicate property name: ${p.name}`);
      names.add(p.name);
    }
    this.invariants = properties.filter((p): p is Invariant<S> => p.kind === 'invariant');
    this.steps = properties.filter((p): p is StepProperty<S, A> => p.kind === 'step');
    this.terminals = properties.filter((p): p is Terminal<S> => p.kind === 'terminal');
    this.reachables = properties.filter((p): p is Reachable<S> => p.kind === 'reachable');
    this.reached = this.reachables.map(() => false);
    this.unreachedCount = this.reachables.length;
    this.stepCalls = stepCalls(this.steps);
  }

  /**
   * Invariants on a new state, and reachability guards it meets. `parent`,
   * when given, is a predecessor of `state` on which every invariant held:
   * an invariant with `checkAfter` is judged by it.
   */
  checkState(state: S, parent?: S): Failure | undefined {
    if (this.unreachedCount > 0) {
      for (let i = 0; i < this.reachables.length; i++) {
        if (!this.reached[i] && this.reachables[i]!.check(state)) {
          this.reached[i] = true;
          this.unreachedCount--;
        }
      }
    }
    for (const p of this.invariants) {
      const m = parent !== undefined && p.checkAfter !== undefined ? p.checkAfter(state, parent) : p.check(state);
      if (m !== undefined) return { property: p.name, kind: 'invariant', message: m };
    }
    return undefined;
  }

  /** The first failing step property, in `steps` order (a group gives its first failing member, the one the loop over its members would). */
  checkStep(prev: S, action: A, next: S): Failure | undefined {
    // one call site, every property alone wrapped as a group of one: a small loop that TurboFan inlines into the explorers
    const calls = this.stepCalls;
    for (let i = 0; i < calls.length; i++) {
      const g = calls[i]!;
      const f = g.check(prev, action, next);
      if (f !== undefined) return { property: g.members[f.index]!.name, kind: 'step', message: f.message };
    }
    return undefined;
  }

  checkTerminal(state: S): Failure | undefined {
    for (const p of this.terminals) {
      const m = p.check(state);
      if (m !== undefined) return { property: p.name, kind: 'terminal', message: m };
    }
    return undefined;
  }

  /** Reachability guards never met (meaningful only after a complete run). */
  unreached(): Failure[] {
    return this.reachables
      .filter((_, i) => !this.reached[i])
      .map((p) => ({ property: p.name, kind: 'unreachable' as const, message: `never reached: ${p.description}` }));
  }

  /** The guards' state, for checkpoints. */
  reachedFlags(): boolean[] {
    return [...this.reached];
  }

  restoreReached(flags: readonly boolean[]): void {
    flags.forEach((f, i) => {
      if (f && !this.reached[i]) {
        this.reached[i] = true;
        this.unreachedCount--;
      }
    });
  }
}

/**
 * The step properties as checkStep calls them: a run of consecutive
 * properties that is exactly a group's members, in order, becomes one call
 * of the group; every other property (a group's member checked without the
 * rest, e.g. a filtered property list) is a group of its own.
 */
function stepCalls<S, A>(steps: readonly StepProperty<S, A>[]): StepGroup<S, A>[] {
  const out: StepGroup<S, A>[] = [];
  for (let i = 0; i < steps.length;) {
    const g = steps[i]!.group;
    if (g !== undefined && g.members.length > 0 && g.members.every((m, j) => steps[i + j] === m)) {
      out.push(g);
      i += g.members.length;
    } else {
      out.push(alone(steps[i]!));
      i++;
    }
  }
  return out;
}

function alone<S, A>(p: StepProperty<S, A>): StepGroup<S, A> {
  return {
    members: [p],
    check(prev, action, next) {
      const message = p.check(prev, action, next);
      return message === undefined ? undefined : { index: 0, message };
    },
  };
}

/**
 * Typed access to mirror states. The model keeps them as MirrorState, an
 * open record (MmState.ts); a kind reads its own through `mirrorState<S>(kind)`,
 * which checks the kind at run time (a ModelError names the mirror otherwise),
 * and writes through mutate.ts's mutMirror.
 *
 *   const kvm = mirrorState<KvmState>('kvm');
 *   kvm.of(v.s, m).count          // read-only (guards, describe)
 *   kvm.draft(c.s, m).count += 1  // a step body writes the draft
 */
import { ModelError } from '../../src/engine/Model.js';
import type { MirrorState, MmState } from '../mm/MmState.js';
import { mutMirror, type DeepMutable } from '../mm/mutate.js';
import type { MirrorBase } from './MirrorKind.js';

export interface MirrorStateOf<S extends MirrorBase> {
  /** Mirror `m`'s state, read-only. */
  of(s: MmState, m: number): S;
  /** Mirror `m`'s state, writable for this step (mutate.ts mutMirror: the immer draft's, or a copy under the cow backend). */
  draft(s: MmState, m: number): DeepMutable<S>;
  /** A state the model hands over (MirrorKind.describe, inFlight). */
  from(x: MirrorState): S;
}

/** The accessor of states of `kinds` (none: any kind, the fields every mirror has). */
export function mirrorState<S extends MirrorBase>(...kinds: readonly string[]): MirrorStateOf<S> {
  const is = (x: MirrorState): x is MirrorState & S => (kinds.length === 0 || kinds.includes(x.kind)) && Array.isArray(x.entries);
  const from = (x: MirrorState | undefined, what: string): S => {
    if (x === undefined || !is(x)) throw new ModelError(`${what} is ${x === undefined ? 'missing' : `a ${x.kind} mirror`}, not ${kinds.join(' or ')}`);
    return x;
  };
  const of = (s: MmState, m: number): S => from(s.mirrors[m], `mirror ${s.cfg.mirrors[m]?.name ?? m}`);
  return {
    of,
    draft: (s, m) => {
      of(s, m);
      return mutMirror<S>(s, m);
    },
    from: (x) => from(x, 'mirror state'),
  };
}

/** Any mirror's entries and mm. */
export const anyMirror = mirrorState<MirrorBase>();

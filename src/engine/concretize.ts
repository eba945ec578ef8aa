import type { Model } from './Model.js';
import type { TracePath } from './ExploreResult.js';
import { NondeterminismError } from './replay.js';
import { fingerprintInto } from './fingerprint.js';

/**
 * Under symmetry reduction the explorer stores action indices of canonical
 * states (`representative`), so a stored trace may switch between
 * interchangeable threads from step to step. This rebuilds a concrete trace
 * from the real initial state: at each step, the first action whose
 * successor has the same representative as the stored step's. Thread names
 * then stay put, and the trace replays with plain `nextState`.
 */
export function concretize<S, A>(model: Model<S, A>, trace: TracePath, canon: (s: S) => S): TracePath {
  const inits = model.initialStates();
  let c = inits[trace.init];
  let x = c;
  if (c === undefined || x === undefined) throw new NondeterminismError(`initial state ${trace.init} is gone`);
  c = canon(c);
  const want = new Uint32Array(2);
  const got = new Uint32Array(2);
  const acts: A[] = [];
  const path: number[] = [];
  for (let i = 0; i < trace.path.length; i++) {
    acts.length = 0;
    model.actions(c, acts);
    const a = acts[trace.path[i]!];
    if (a === undefined) throw new NondeterminismError(`step ${i + 1}: action ${trace.path[i]} is not enabled any more`);
    c = canon(model.nextState(c, a));
    fingerprintInto(model.key(c), want);
    acts.length = 0;
    model.actions(x, acts);
    const k = acts.findIndex((b) => {
      fingerprintInto(model.key(canon(model.nextState(x!, b))), got);
      return got[0] === want[0] && got[1] === want[1];
    });
    if (k < 0) throw new NondeterminismError(`step ${i + 1}: no action of the concrete state matches (is representative() a symmetry?)`);
    path.push(k);
    x = model.nextState(x, acts[k]!);
  }
  return { init: trace.init, path };
}

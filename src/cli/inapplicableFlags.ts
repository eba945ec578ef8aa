import type { Model } from '../engine/Model.js';
import type { ExploreOptions } from '../engine/ExploreOptions.js';

/**
 * One line per exploration flag that the run would otherwise ignore in
 * silence: `--symmetry` on a model with nothing to permute, `--por` on a
 * model without independence information or under `--dfs` (the ample sets
 * are the breadth-first explorer's, src/engine/bfs.ts), `--no-minimise`
 * without `--dfs` (`minimise` false). Printed to stderr before the run; the
 * run itself is the one without the flag. `random`'s flags:
 * src/cli/inapplicableRandomFlags.ts.
 */
export function inapplicableFlags<S, A>(title: string, model: Model<S, A>, options: ExploreOptions, strategy: 'bfs' | 'dfs', minimise = true): string[] {
  const out: string[] = [];
  if (!minimise && strategy === 'bfs')
    out.push('no-minimise: not applied without --dfs (only a depth-first counterexample is minimised; a breadth-first one is shortest)');
  if (options.symmetry && !model.representative) {
    const note = (model as { symmetryNote?: string }).symmetryNote ?? 'the model defines no symmetry';
    out.push(`symmetry: nothing to permute in ${title} (${note})`);
  }
  if (options.por) {
    const m = model as { isLocal?: unknown; partialOrder?: unknown };
    if (m.isLocal === undefined && m.partialOrder === undefined) out.push(`por: nothing to reduce in ${title} (the model marks no independent steps)`);
    else if (strategy === 'dfs') out.push(`por: not applied with --dfs (the reduction is breadth-first only, src/engine/bfs.ts)`);
    else if (options.sleepSets && m.partialOrder === undefined)
      out.push(`sleep sets: not applied to ${title} (they need recorded footprints; the model has only local hints)`);
    else if (options.sleepSets && options.symmetry && model.representative)
      out.push('sleep sets: not applied with --symmetry (a sleep set names threads, which the canonical form permutes)');
  }
  return out;
}

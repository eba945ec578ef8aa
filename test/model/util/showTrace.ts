/** Debug aid: the trace of a violation as readable lines (thread: at:label, then the changed state keys). */
import type { ExploreResult } from '../../../src/engine/ExploreResult.js';
import { replay } from '../../../src/engine/replay.js';
import type { MmModel } from '../../../model/MmModel.js';

export function showTrace(model: MmModel, r: ExploreResult): string {
  if (r.status !== 'violation') return r.status;
  const v = r.violations[0]!;
  const rep = replay(model, v.trace);
  const lines: string[] = [`${v.property}: ${v.message}`];
  let prev = model.describeState(rep.states[0]!);
  rep.actions.forEach((a, i) => {
    const info = model.describeAction(rep.states[i]!, a);
    const next = model.describeState(rep.states[i + 1]!);
    const diff = Object.keys({ ...prev, ...next })
      .filter((k) => prev[k] !== next[k] && !k.endsWith('.pc'))
      .map((k) => `${k}=${next[k] ?? '-'}`);
    lines.push(`${i + 1}. ${info.thread}: ${info.label}  ${diff.join('  ')}`);
    prev = next;
  });
  return lines.join('\n');
}

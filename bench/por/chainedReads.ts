/**
 * Review P7, measured: every read of shared state by a chained local step
 * (runStep chains a `local` step into the transition before it), against
 * every other thread's write of the same object, over every transition of
 * every site scenario (both event profiles): which lock excludes the write
 * between the chained steps, or none (model/mm/footprint/chainedReads.ts
 * refuses those unless the step is excused). Prints Markdown.
 *
 *     npx tsx bench/por/chainedReads.ts
 */
import { SEP } from '../../model/mm/footprint/Footprint.js';
import { excluding } from '../../model/mm/footprint/chainedReads.js';
import { runStepRecorded } from '../../model/mm/step/runStepRecorded.js';
import type { MmState } from '../../model/mm/MmState.js';
import type { MmAction, MmModel } from '../../model/MmModel.js';
import { siteChecks } from '../../src/cli/api.js';
import { eachTransition } from './eachTransition.js';

/** Parts other threads write (a thread's own part, the lock table and section standings are not shared data). */
const SHARED = new Set(['mms', 'vmas', 'pmdTables', 'pteTables', 'frames', 'files', 'swap', 'mirrors']);
const related = (a: string, b: string): boolean => a === b || a.startsWith(b + SEP) || b.startsWith(a + SEP);
const generic = (p: string): string => p.split(SEP).join('.').replace(/\d+/g, 'N');

interface Access {
  readonly tid: number;
  readonly held: readonly string[];
  readonly step: string;
}
const pairs = new Map<string, number>();
let scenarios = 0;
for (const profile of ['seed', 'v5.2'] as const) {
  for (const c of siteChecks({ profile })) {
    scenarios++;
    const m = c.build().model as unknown as MmModel;
    const reads = new Map<string, Access[]>();
    const writes = new Map<string, Access[]>();
    const add = (into: Map<string, Access[]>, p: string, a: Access): void => {
      const l = into.get(p) ?? [];
      if (!l.some((x) => x.tid === a.tid && x.step === a.step && x.held.join() === a.held.join())) l.push(a);
      into.set(p, l);
    };
    eachTransition(m, (s: MmState, a: MmAction) => {
      const r = runStepRecorded(m.registry, s, a.thread, a.outcome);
      for (const w of r.writes) if (SHARED.has(w.path.split(SEP)[0]!)) add(writes, w.path, { tid: a.thread, held: w.held, step: w.step });
      r.segments.forEach((g, i) => {
        if (i === 0 || !g.local) return;
        for (const p of g.fp.reads) if (SHARED.has(p.split(SEP)[0]!)) add(reads, p, { tid: a.thread, held: g.held, step: g.step });
      });
    });
    for (const [rp, rs] of reads) {
      for (const [wp, ws] of writes) {
        if (!related(rp, wp)) continue;
        for (const r of rs) {
          for (const w of ws) {
            if (w.tid === r.tid) continue;
            const by = excluding(r.held, w.held);
            const k = `| ${r.step} | ${generic(rp)} | ${w.step} | ${by ? by.replace(/\d+/g, 'N') : '**none**'} |`;
            pairs.set(k, (pairs.get(k) ?? 0) + 1);
          }
        }
      }
    }
  }
}
console.log(`${scenarios} site scenarios (seed and v5.2 events), every transition.\n`);
console.log('| chained step | reads | written by (another thread) | excluded by | pairs |');
console.log('|---|---|---|---|---:|');
for (const [k, v] of [...pairs].sort()) console.log(`${k} ${v} |`);

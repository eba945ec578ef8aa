/**
 * The state records the model builds keep one V8 hidden class each (a "map"), whichever code path
 * built them and however many models came before: state roots (model/mm/copyRoot.ts), pages
 * (model/mm/pageWith.ts), notifier ranges and their subscriber records (model/mm/mutate.ts,
 * dispatchPrograms.ts), page tables, mms and vmas (mutate.ts ownRecord), present PTEs (pteWith.ts). Before, the initial state's spread gave each model's roots a class of
 * their own from the ninth model on, and the spreads that built pages gave them a dozen: the hot
 * code that reads states went megamorphic (bench/RESULTS.md, Session 15). Not a timed test: it
 * asks V8 whether two objects share a map.
 */
import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { siteChecks } from '../../src/cli/siteChecks.js';
import type { MmState } from '../../model/mm/MmState.js';
import type { Model } from '../../src/engine/Model.js';
import type { MmAction } from '../../model/MmModel.js';
import { reachedStates } from '../util/reachedStates.js';

setFlagsFromString('--allow-natives-syntax');
// parsed after the flag is set; V8's %HaveSameMap: do two objects share a hidden class? (a native call
// must be compiled from text once the flag is on: no other way to write it)
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;

/** The distinct hidden classes among `xs` (one exemplar each). */
function classes(xs: Iterable<object>): object[] {
  const ex: object[] = [];
  for (const x of xs) if (!ex.some((e) => haveSameMap(e, x))) ex.push(x);
  return ex;
}

/** Every state one exploration of `scenario` reaches, its initial state first. */
function explored(scenario: string): MmState[] {
  const [c] = siteChecks({ profile: 'seed', scenario });
  const b = c!.build();
  return reachedStates(b.model as unknown as Model<MmState, MmAction>, b.properties as never);
}

describe('hidden classes of the state records', () => {
  it('roots, pages, ranges, subscriber records, PTE tables and PTEs keep one class across a dozen models', () => {
    const first = explored('ksm-merge-vs-kvm-write');
    const states: MmState[] = [...first];
    // V8 changed how the initial state's spread was copied after eight models: twelve show it
    for (let i = 0; i < 11; i++) states.push(...explored('ksm-merge-vs-kvm-write'));
    // arrays may have a class per elements kind (packed or holey, numbers or objects), but no new one once the code is hot
    // (V8's optimized Array.prototype.map made holey copies where the first models had packed ones: clonePlain, snapshot)
    const subsArrays = (xs: MmState[]) => xs.flatMap((s) => s.threads.flatMap((t) => t.ranges.flatMap((r) => (r === null ? [] : [r.subs]))));
    const entryArrays = (xs: MmState[]) => xs.flatMap((s) => s.mirrors.map((m) => m['entries'] as object));
    expect(classes(subsArrays(states))).toHaveLength(classes(subsArrays(first)).length);
    expect(classes(entryArrays(states))).toHaveLength(classes(entryArrays(first)).length);
    const ranges = states.flatMap((s) => s.threads.flatMap((t) => t.ranges.filter((r) => r !== null)));
    expect(ranges.length).toBeGreaterThan(0);
    expect(classes(states)).toHaveLength(1);
    expect(classes(states.flatMap((s) => s.frames))).toHaveLength(1);
    expect(classes(ranges)).toHaveLength(1);
    expect(classes(ranges.flatMap((r) => r.subs))).toHaveLength(1);
    expect(classes(states.flatMap((s) => s.pteTables.filter((t) => t !== null)))).toHaveLength(1);
    const ptes = states.flatMap((s) => s.pteTables.flatMap((t) => (t === null ? [] : t.ptes.filter((p) => p !== null && p.kind === 'present'))));
    expect(classes(ptes as object[])).toHaveLength(1); // model/mm/pteWith.ts
  });

  it('mms, vmas and page tables keep one class through splits, flag changes and table sharing', () => {
    const states = explored('hugetlb-unshare-mprotect-vs-kvm-read');
    expect(classes(states.flatMap((s) => s.mms))).toHaveLength(1);
    expect(classes(states.flatMap((s) => s.vmas))).toHaveLength(1);
    expect(classes(states.flatMap((s) => s.pmdTables.filter((t) => t !== null)))).toHaveLength(1);
  });
});

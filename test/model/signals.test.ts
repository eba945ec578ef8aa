/**
 * Signals: an OOM victim's threads have SIGKILL pending (ThreadSpec
 * fatalSignal). KVM's fault retry returns to vcpu_run, which leaves with
 * -EINTR on a pending signal, and __get_user_pages stops with -ERESTARTSYS:
 * the victim's faults end instead of retrying (F1's "retries forever" came
 * from a model without signals).
 */
import { describe, expect, it } from 'vitest';
import { buildMmModel } from '../../model/MmModel.js';
import type { Scenario } from '../../model/scenario/Scenario.js';
import { scenario as f1 } from '../../model/sites/scenarios/oomReapNonblockFailVsKvmRead.js';
import { faultProgress } from '../../properties/faultProgress.js';
import { bfs } from '../../src/engine/bfs.js';
import { endsWith } from './util/checks.js';
import { oneMirror } from './util/scenarios.js';

const withoutSignal = (sc: Scenario): Scenario => ({ ...sc, threads: sc.threads.map((t) => ({ ...t, fatalSignal: false })) });
const props = (r: ReturnType<typeof bfs>) => (r.status === 'violation' ? [...new Set(r.violations.map((v) => v.property))].sort() : [r.status]);

describe('fatal signal pending (OOM victim)', () => {
  it('F1: the victim vCPU whose KVM count leaked leaves vcpu_run with -EINTR instead of retrying forever', () => {
    const guestEndsEintr = endsWith('eintr', 1, (s) => s.threads[1]!.rv === -4);
    const r = bfs(buildMmModel(f1), [faultProgress(), guestEndsEintr], { allViolations: true });
    expect(props(r)).toEqual(['ok']);
  });
  it('F1 without the signal: the guest fault retries with no invalidation in flight (fault-progress)', () => {
    const r = bfs(buildMmModel(withoutSignal(f1)), [faultProgress()], { allViolations: true });
    expect(props(r)).toEqual(['fault-progress']);
  });
  it('get_user_pages of a thread with SIGKILL pending fails with -ERESTARTSYS before faulting the page in', () => {
    const gup = { name: 'gup', op: 'get_user_pages', args: { mm: 0, addr: 2, write: true }, fatalSignal: true };
    const r = bfs(buildMmModel(oneMirror('kvm', [gup])), [endsWith('erestartsys', 0, (s) => s.threads[0]!.rv === -512 && s.mms[0]!.pud[0] !== undefined)]);
    expect(props(r)).toEqual(['ok']);
  });
});

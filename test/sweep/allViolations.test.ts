import { describe, expect, it } from 'vitest';
import { triage } from '../../src/sweep/triage.js';
import { summarize } from '../../src/sweep/summarize.js';
import { sweepExitCode } from '../../src/sweep/sweepExitCode.js';
import type { SweepRecord, SweepViolation } from '../../src/sweep/SweepRecord.js';
import type { KnownSignature } from '../../src/sweep/KnownSignature.js';
import { SWEEP_KNOWN_FINDINGS } from '../../properties/knownFindings.js';
import { KNOWN_FINDINGS } from '../../model/findings/KNOWN_FINDINGS.js';
import { contractProperties } from '../../properties/mmProperties.js';
import { sweepRecordOf } from '../../src/cli/runSweepJob.js';
import type { ExploreResult } from '../../src/engine/ExploreResult.js';
import type { Model } from '../../src/engine/Model.js';
import type { Scenario } from '../../model/scenario/Scenario.js';

/**
 * `mnc sweep --all-violations` triages each violation past a configuration's
 * first: by the known signatures, else as the stated consequence of a
 * finding the configuration shows (KnownFinding.consequences), else new.
 */
const record = (subscribers: string[], property: string, also: SweepViolation[]): SweepRecord => ({
  id: 'x',
  site: '16',
  path: 'munmap',
  config: { layout: 'anon rw [0,1) at address 0', subscribers, threads: ['munmap(mm0, 0, 1)', `${subscribers[0]}0: device read 0`] },
  status: 'violation',
  property,
  known: null,
  signature: null,
  message: 'mm=mm0 addr=0x0',
  distinctStates: 1,
  transitions: 0,
  seconds: 0,
  also,
});
const past = (property: string): SweepViolation => ({ property, known: null, signature: null, message: 'mm=mm0 addr=0x0' });
const triaged = (r: SweepRecord, known: readonly KnownSignature[] = SWEEP_KNOWN_FINDINGS) => triage(r, known, 'seed');
const meta = { scope: 'small', events: 'seed' as const, shard: null, filter: 'site=16', skipped: {}, modelHash: 'h', allViolations: true, seconds: 0 };

describe('sweep --all-violations: triage past the first violation', () => {
  it("a device access after HMM v5.0's stale commit (D1) is D1's consequence", () => {
    const r = triaged(record(['hmm50'], 'mirror-coherence', [past('device-access'), past('no-stale-frame')]));
    expect(r.known).toBe('D1');
    expect(r.also!.map((v) => [v.property, v.known, v.consequence])).toEqual([
      ['device-access', 'D1', true],
      ['no-stale-frame', 'D1', true],
    ]);
    expect(r.also![0]!.signature).toBe('16|device-access|hmm50|-');
    const s = summarize([r], meta, SWEEP_KNOWN_FINDINGS);
    expect([s.newFindings, s.knownFindings, s.allViolations]).toEqual([0, ['D1'], true]);
  });

  it('a consequence counts only for a finding the configuration shows, and only for the properties that finding states', () => {
    // amdgpu's BO keeps its page pinned: D3 states a stale device access, not a freed frame
    const gpu = triaged(record(['gpu'], 'mirror-coherence', [past('device-access'), past('no-stale-frame')]));
    expect(gpu.known).toBe('D3');
    expect(gpu.also!.map((v) => [v.property, v.known])).toEqual([
      ['device-access', 'D3'],
      ['no-stale-frame', null],
    ]);
    // the first is no finding (KVM's mirror is no HMM): the device access past it is new
    const kvm = triaged(record(['kvm'], 'mirror-coherence', [past('device-access')]));
    expect([kvm.known, kvm.also![0]!.known, kvm.also![0]!.consequence]).toEqual([null, null, undefined]);
    // without the consequences in the list, D1's device access is new: the rule, not the signature, names it
    const bare = SWEEP_KNOWN_FINDINGS.map(({ consequences: _c, ...k }) => k);
    const d1 = triaged(record(['hmm50'], 'mirror-coherence', [past('device-access')]), bare);
    expect([d1.known, d1.also![0]!.known]).toEqual(['D1', null]);
    const s = summarize([d1], meta, bare);
    expect(s.newFindings).toBe(1);
    expect(sweepExitCode(s)).toBe(1);
  });

  it("a violation past the first that a signature names is that finding, whatever the first; F3's consequence needs a mirror that reads range->vma", () => {
    const twoVmas = (kind: string) =>
      triaged({
        ...record([kind], 'range-vma', [past('mirror-coherence'), past('device-access')]),
        config: {
          layout: 'two vmas under one range: anon rw [0,1) and anon r [1,2)',
          subscribers: [kind],
          threads: ['munmap(mm0, 0, 2)', `${kind}0: device read 0`],
        },
      });
    // HMM v5.0 ignores range->vma: its stale commit past F3 is D1, and the device access D1's consequence
    const hmm = twoVmas('hmm50');
    expect(hmm.known).toBe('F3');
    expect(hmm.also!.map((v) => [v.property, v.known, v.consequence ?? false])).toEqual([
      ['mirror-coherence', 'D1', false],
      ['device-access', 'D1', true],
    ]);
    // the event-aware mirror bounds its invalidation by range->vma: its stale entry and the access are F3's consequence
    const aware = twoVmas('aware');
    expect(aware.also!.map((v) => [v.property, v.known, v.consequence ?? false])).toEqual([
      ['mirror-coherence', 'F3', true],
      ['device-access', 'F3', true],
    ]);
    // KVM neither reads range->vma nor shows a finding of its own here: its incoherence past F3 would be new
    expect(twoVmas('kvm').also!.map((v) => v.known)).toEqual([null, null]);
  });

  it("every finding's consequences name contract properties (a misspelt one would never match)", () => {
    const names = new Set(contractProperties().map((p) => p.name));
    const named = KNOWN_FINDINGS.flatMap((f) => f.consequences?.properties ?? []);
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((p) => !names.has(p))).toEqual([]);
  });
});

describe('a sweep record of a model error', () => {
  it("is the model error (its message), with the violations found before it kept in `also` (was: the first violation's message under MODEL ERROR)", () => {
    const stats = { distinctStates: 10, transitions: 20, maxDepth: 3, seconds: 0.1, statesPerSecond: 100, bytesPerState: 20 };
    const empty = { init: 0, path: [] };
    const r: ExploreResult = {
      status: 'model-error',
      stats,
      violations: [{ property: 'mirror-coherence', kind: 'invariant', message: 'mm=mm0 addr=0x1000 mirror=gpu0: stale', trace: empty }],
      message: 'a write to the zero page (it is only ever mapped read-only)',
      trace: empty,
    };
    const job = { site: 17, scenario: { name: 'x' } as unknown as Scenario, events: 'seed' as const, maxSeconds: 60, allViolations: true };
    const rec = sweepRecordOf(job, {} as Model<unknown, unknown>, r);
    expect([rec.status, rec.property, rec.message]).toEqual(['model-error', null, 'a write to the zero page (it is only ever mapped read-only)']);
    expect(rec.also!.map((v) => [v.property, v.message])).toEqual([['mirror-coherence', 'mm=mm0 addr=0x1000 mirror=gpu0: stale']]);
    // triage leaves a model error alone: not a finding, new or known
    expect(triaged(rec)).toMatchObject({ known: null, signature: null });
  });
});

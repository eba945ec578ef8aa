import { describe, expect, it } from 'vitest';
import { findScenario } from '../../src/cli/scenarios.js';
import { parseSets } from '../../src/cli/parseSets.js';
import { bfs } from '../../src/engine/bfs.js';
import { observedOf, triageViolation } from '../../src/cli/triageViolation.js';
import type { Built } from '../../src/cli/ScenarioEntry.js';
import type { SiteOverride } from '../../model/scenario/resolveScenario.js';

/**
 * The drawn scenario `mnc random mm-random --strategy swarm --past-known
 * --events v5.2 --seed 20261206` stopped at (shrunk): clear_refs under the
 * v5.2 event SOFT_DIRTY with an event-aware mirror, which keeps the entry
 * the CPU write-protects. That is F6, whose known-finding entry names the
 * event; the triage of drawn runs never looked at events, so it called it new.
 */
const CLEAR_REFS_AWARE = {
  name: 'mm-random: clear_refs_write',
  description: 'a drawn scenario: 1 mm(s), 1 vma(s) (anon-rw), 1 mirror(s) (aware), clear_refs_write',
  expect: 'ok',
  geometry: { ptesPerTable: 1, pmdsPerTable: 1, puds: 1 },
  frames: 2,
  mms: [{ vmas: [{ start: 0, end: 1, prot: 'rw' }], mappings: [{ addr: 0, write: true }] }],
  mirrors: [{ name: 'aware0', kind: 'aware', mm: 0, entries: [0] }],
  threads: [{ name: 'clear_refs_write', op: 'clear_refs_write', args: { mm: 0 } }],
};

/**
 * The drawn scenario `mnc random mm-random --strategy swarm --past-known
 * --seed 6122026` stopped at (shrunk): hugetlb migration (#28's
 * try_to_unmap_one) beside two HMM v5.2 device faults. A fault's snapshot,
 * taken before the invalidation, is valid again when the last one ends (D2),
 * and is committed after the migration freed the old page: the engine
 * reports no-stale-frame, D2's stated consequence, because mirror-coherence
 * leaves entries to freed frames to it.
 */
const HUGETLB_MIGRATION_HMM52 = {
  name: 'mm-random: unmap_and_move_huge_page vs device_access vs device_access',
  description: 'a drawn scenario: 1 mm(s), 1 vma(s) (hugetlb-shared-rw), 1 mirror(s) (hmm52), unmap_and_move_huge_page vs device_access vs device_access',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 2,
  files: [2, 2],
  mms: [{ vmas: [{ start: 0, end: 2, prot: 'rw', shared: true, hugetlb: true, file: 1, pgoff: 0 }] }],
  mirrors: [{ name: 'hmm520', kind: 'hmm52', mm: 0 }],
  threads: [
    { name: 'unmap_and_move_huge_page', op: 'unmap_and_move_huge_page', args: { file: 1, index: 0 } },
    { name: 'dev0', op: 'device_access', args: { m: 0, addr: 0, write: false } },
    { name: 'dev1', op: 'device_access', args: { m: 0, addr: 0, write: true } },
  ],
};

function drawnBuilt(events: 'seed' | 'v5.2', overrides: readonly SiteOverride[] = [], drawn: object = CLEAR_REFS_AWARE): Built {
  const e = findScenario('mm-random');
  return e.space!({ params: parseSets(e.name, e.params, []), mm: { events, overrides } }).build(drawn);
}

function firstViolation(b: Built) {
  const v = bfs(b.model, b.properties, {}).violations[0];
  if (!v) throw new Error('no violation');
  return v;
}

describe('triage of a drawn run reads the events its ranges pass', () => {
  it('clear_refs under SOFT_DIRTY (v5.2) with an aware mirror is F6, not new', () => {
    const b = drawnBuilt('v5.2');
    const v = firstViolation(b);
    expect(v.property).toBe('mirror-coherence');
    expect(observedOf(b, v).siteEvents).toEqual([{ site: '1', event: 'MMU_NOTIFY_SOFT_DIRTY' }]);
    expect(triageViolation(b, v)).toBe('F6');
  });

  it('an override that passes SOFT_DIRTY at #1 under the seed profile is F6 too (the event is read from the run, not from the profile)', () => {
    const b = drawnBuilt('seed', [{ site: 1, event: 'MMU_NOTIFY_SOFT_DIRTY' }]);
    const v = firstViolation(b);
    expect(observedOf(b, v).siteEvents).toEqual([{ site: '1', event: 'MMU_NOTIFY_SOFT_DIRTY' }]);
    expect(triageViolation(b, v)).toBe('F6');
  });

  it('under the seed (UNMAP everywhere) the aware mirror drops its entry: no violation', () => {
    const b = drawnBuilt('seed');
    expect(bfs(b.model, b.properties, {}).violations).toEqual([]);
  });
});

describe("triage of a drawn run reads a stale mirror entry as its mirror's incoherence too", () => {
  it('HMM v5.2 committing a page hugetlb migration then frees is D2 whether mirror-coherence, no-stale-frame or device-access is reported', () => {
    const b = drawnBuilt('seed', [], HUGETLB_MIGRATION_HMM52);
    const r = bfs(b.model, b.properties, { allViolations: true });
    const by = (p: string) => r.violations.find((v) => v.property === p);
    expect(triageViolation(b, by('mirror-coherence')!)).toBe('D2');
    const stale = by('no-stale-frame')!;
    expect(stale.message).toMatch(/mirror=hmm520: mirror entry frame 0 .* maps a frame that is free/);
    expect(observedOf(b, stale).alsoFailing).toContain('mirror-coherence');
    expect(triageViolation(b, stale)).toBe('D2');
    // the device's access through the stale entry (a step property, judged before the state it enters, which is incoherent)
    const access = by('device-access')!;
    expect(observedOf(b, access).alsoFailing).toContain('mirror-coherence');
    expect(triageViolation(b, access)).toBe('D2');
  });
});

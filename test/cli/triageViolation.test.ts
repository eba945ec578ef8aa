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

function drawnBuilt(events: 'seed' | 'v5.2', overrides: readonly SiteOverride[] = []): Built {
  const e = findScenario('mm-random');
  return e.space!({ params: parseSets(e.name, e.params, []), mm: { events, overrides } }).build(CLEAR_REFS_AWARE);
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

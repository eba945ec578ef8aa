/** resolveScenario: profile, site configs, overrides, mutant, edits and the one policy for the expected verdict. */
import { describe, expect, it } from 'vitest';
import { buildMmModel, type MmModel } from '../../model/MmModel.js';
import { buildInitialState } from '../../model/scenario/buildInitialState.js';
import { resolveScenario } from '../../model/scenario/resolveScenario.js';
import { replaceProgram, replaceStep } from '../../model/scenario/ProgramEdit.js';
import type { Scenario } from '../../model/scenario/Scenario.js';
import { CATALOG } from '../../model/sites/catalog.js';
import { scenario as clearRefs } from '../../model/sites/scenarios/clearRefsVsKvmWrite.js';

const sc: Scenario = {
  ...clearRefs,
  expect: 'violation',
  expectProperty: 'mirror-coherence',
  profiles: { 'v5.2': { expect: 'ok' } },
  sites: { '17': { event: 'MMU_NOTIFY_UNMAP' } },
  threads: [{ ...clearRefs.threads[0]!, sites: { '28': { vma: 'NULL' } } }, clearRefs.threads[1]!],
};

describe('resolveScenario', () => {
  it('fills every site from the catalog under the profile, merges the scenario and thread specs field by field, and leaves its input alone', () => {
    const before = JSON.stringify(sc);
    const r = resolveScenario(sc, CATALOG);
    expect(JSON.stringify(sc)).toBe(before);
    expect(Object.keys(r.scenario.sites!)).toHaveLength(CATALOG.length);
    expect(r.scenario.profile).toBe('seed');
    expect(r.scenario.sites!['1']).toEqual({ event: 'MMU_NOTIFY_UNMAP', vma: 'NULL' });
    expect(r.scenario.sites!['17']).toEqual({ event: 'MMU_NOTIFY_UNMAP', vma: 'vma' });
    expect(r.scenario.threads[0]!.sites!['28']).toEqual({ event: 'MMU_NOTIFY_UNMAP', vma: 'NULL' });
    expect(r.scenario.threads[0]!.sites!['17']).toEqual({ event: 'MMU_NOTIFY_UNMAP', vma: 'vma' });
    expect(r.expected).toEqual({ verdict: 'violation', property: 'mirror-coherence' });
    expect(r.replaced).toEqual([]);
    expect(r.dataOnly).toBe(true);
  });
  it('v5.2: the merged events, and the verdict stated for the profile', () => {
    const r = resolveScenario(sc, CATALOG, { profile: 'v5.2' });
    expect(r.scenario.sites!['1']!.event).toBe('MMU_NOTIFY_SOFT_DIRTY');
    expect(r.expected).toEqual({ verdict: 'ok' });
  });
  it('overrides win over the scenario and the threads, keep the fields they do not name, keep the expected verdict and are listed', () => {
    const r = resolveScenario(sc, CATALOG, {
      overrides: [
        { site: 28, start: 'vma->vm_start', end: 'vma->vm_end' },
        { site: 17, event: 'MMU_NOTIFY_CLEAR' },
      ],
    });
    expect(r.scenario.sites!['28']).toEqual({ event: 'MMU_NOTIFY_UNMAP', vma: 'vma', start: 'vma->vm_start', end: 'vma->vm_end' });
    expect(r.scenario.threads[0]!.sites!['28']).toEqual({ event: 'MMU_NOTIFY_UNMAP', vma: 'NULL', start: 'vma->vm_start', end: 'vma->vm_end' });
    expect(r.scenario.threads[0]!.sites!['17']!.event).toBe('MMU_NOTIFY_CLEAR');
    expect(r.expected).toEqual({ verdict: 'violation', property: 'mirror-coherence' });
    expect(r.replaced).toEqual(['site 28: start=vma->vm_start,end=vma->vm_end', 'site 17: event=MMU_NOTIFY_CLEAR']);
  });
  it('a deadlock expectation is a violation of `deadlock`', () => {
    expect(resolveScenario({ ...sc, expect: 'deadlock', profiles: undefined }, CATALOG).expected).toEqual({ verdict: 'violation', property: 'deadlock' });
  });
  it('an unknown site id is named', () => {
    expect(() => resolveScenario({ ...sc, sites: { '99': {} } }, CATALOG)).toThrow(/^sites\.99: no site 99 in the catalog/);
    expect(() => resolveScenario(sc, CATALOG, { overrides: [{ site: 0, event: 'MMU_NOTIFY_CLEAR' }] })).toThrow(/no site 0/);
  });
  it('a mutant rewrites the scenario and replaces programs', () => {
    const r = resolveScenario(sc, CATALOG, {
      mutant: {
        id: 'm1',
        scenario: (s) => ({ ...s, name: 'renamed' }),
        programs: () => [{ ...r0.registry.get('clear_refs_write'), name: 'clear_refs_write' }],
      },
    });
    expect(r.scenario.name).toBe('renamed');
    expect(r.replaced).toEqual(['mutant m1']);
    expect(r.dataOnly).toBe(false);
  });
  const r0 = resolveScenario(sc, CATALOG);
  it('edits replace a program or one step, and are listed; an unknown program or label is named', () => {
    const p = r0.registry.get('clear_refs_write');
    const label = p.steps[0]!.label;
    const r = resolveScenario(sc, CATALOG, {
      edits: [replaceStep('clear_refs_write', label, (old) => ({ ...old, at: 'edited' })), replaceProgram({ ...r0.registry.get('cpu_access') })],
    });
    expect(r.registry.get('clear_refs_write').steps[0]!.at).toBe('edited');
    expect(r0.registry.get('clear_refs_write').steps[0]!.at).not.toBe('edited');
    expect(r.replaced).toEqual([`step clear_refs_write:${label}`, 'program cpu_access']);
    expect(r.dataOnly).toBe(false);
    expect(() => resolveScenario(sc, CATALOG, { edits: [replaceStep('clear_refs_write', 'nope', (o) => o)] })).toThrow(/clear_refs_write has no step 'nope'/);
    expect(() => resolveScenario(sc, CATALOG, { edits: [replaceStep('no_such', 'x', (o) => o)] })).toThrow(/no program named no_such/);
  });
  it('review code §1.3: the catalog is expanded once; a resolved scenario and one as written build the same site configs', () => {
    const v52 = { ...sc, profile: 'v5.2' as const };
    const sitesOf = (m: MmModel) => m.initialStates()[0]!.cfg.threads.map((t) => t.sites);
    expect(sitesOf(buildMmModel(resolveScenario(v52, CATALOG)))).toEqual(sitesOf(buildMmModel(v52)));
    expect(sitesOf(buildMmModel(v52))[0]!['17']).toEqual({ event: 'MMU_NOTIFY_UNMAP', vma: 'vma' });
    // buildInitialState takes the configs as given: no catalog behind a scenario's own sites
    const given = buildInitialState({ ...sc, sites: { '17': { event: 'MMU_NOTIFY_CLEAR', vma: 'vma' } } }, r0.registry);
    expect(given.cfg.threads.map((t) => Object.keys(t.sites).sort())).toEqual([['17', '28'], ['17']]);
  });
});

/**
 * The benchmark subjects of bench/por/: the ten largest site scenarios (by
 * their pinned distinct states, seed events) and the two-mms-kvm-odp example.
 */
import { readFileSync } from 'node:fs';
import { buildMmCheck, siteChecks, type Built } from '../../src/cli/api.js';
import { loadScenarioFile } from '../../model/scenario/loadScenarioFile.js';
import { resolveScenario } from '../../model/scenario/resolveScenario.js';
import { CATALOG } from '../../model/sites/catalog.js';

export async function porSubjects(): Promise<{ name: string; build: () => Built }[]> {
  const pinned = JSON.parse(readFileSync('test/fixtures/pinned-counts.json', 'utf8')) as Record<string, { states: number }>;
  const largest = Object.entries(pinned)
    .filter(([k]) => k.startsWith('site/seed/'))
    .sort((a, b) => b[1].states - a[1].states)
    .slice(0, 10)
    .map(([k]) => k.slice('site/seed/'.length));
  const subjects = largest.map((name) => ({ name, build: () => siteChecks({ profile: 'seed', scenario: name })[0]!.build() }));
  const ex = await loadScenarioFile('model/scenario/examples/two-mms-kvm-odp.json');
  subjects.push({ name: 'two-mms-kvm-odp (example)', build: () => buildMmCheck(resolveScenario(ex.scenario, CATALOG, { profile: 'seed', overrides: [] })) });
  return subjects;
}

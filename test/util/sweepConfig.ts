/**
 * A generated sweep configuration explored as `mnc sweep` explores it, and
 * its record triaged against the known findings (test/sweep/knownFindings,
 * test/model/mirrors/mirrorRelease).
 */
import { expect } from 'vitest';
import type { SweepConfig } from '../../model/sweep/SweepConfig.js';
import { generateSweep } from '../../model/sweep/generateSweep.js';
import { SCOPES } from '../../model/sweep/SweepScope.js';
import { runSweepJob } from '../../src/cli/runSweepJob.js';
import type { SweepRecord } from '../../src/sweep/SweepRecord.js';
import { triage } from '../../src/sweep/triage.js';
import { SWEEP_KNOWN_FINDINGS } from '../../properties/knownFindings.js';

/** The configuration `id` at `site` of a scope (medium by default; seed events); fails the test when the generator no longer makes it. */
export function scopeConfig(site: number, id: string, scope: 'medium' | 'large' = 'medium'): SweepConfig {
  const c = generateSweep(SCOPES[scope], { events: 'seed', sites: [site] }).configs.find((x) => x.id === id);
  expect(c, `no ${scope} configuration ${id}`).toBeDefined();
  return c!;
}

/** `c` explored (a budget of 120 s) and triaged; with `allViolations`, as `mnc sweep --all-violations` explores it. */
export function exploreConfig(c: SweepConfig, events: 'seed' | 'v5.2' = 'seed', allViolations = false): SweepRecord {
  const raw = runSweepJob({ site: c.site, scenario: c.scenario, events, maxSeconds: 120, ...(allViolations ? { allViolations } : {}) });
  const config = { layout: c.layout, subscribers: [...c.subscribers], threads: [...c.threads] };
  return triage({ ...raw, id: c.id, site: String(c.site), path: c.path, config }, SWEEP_KNOWN_FINDINGS, events);
}

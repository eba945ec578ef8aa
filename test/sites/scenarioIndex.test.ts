/**
 * The check index is complete and consistent: every scenario a file in
 * model/sites/scenarios/ exports is run by `mnc check`, every catalog site
 * has at least one scenario, names are unique, and each entry's site is a
 * catalog id.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SITE_SCENARIOS } from '../../model/sites/scenarios/index.js';
import { CATALOG } from '../../model/sites/catalog.js';
import type { Scenario } from '../../model/scenario/Scenario.js';

const DIR = fileURLToPath(new URL('../../model/sites/scenarios/', import.meta.url));

describe('the site scenario index', () => {
  it('runs every scenario that a scenario file exports', async () => {
    const indexed = new Set(SITE_SCENARIOS.map((x) => x.scenario.name));
    const missing: string[] = [];
    for (const f of readdirSync(DIR).filter((f) => f.endsWith('.ts'))) {
      const mod = (await import(`${DIR}${f}`)) as Record<string, unknown>;
      for (const v of Object.values(mod)) {
        const sc = v as Partial<Scenario>;
        if (sc && typeof sc === 'object' && typeof sc.name === 'string' && Array.isArray(sc.threads) && !indexed.has(sc.name)) missing.push(`${f}: ${sc.name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('covers every catalog site, with unique names and catalog ids', () => {
    const names = SITE_SCENARIOS.map((x) => x.scenario.name);
    expect(new Set(names).size).toBe(names.length);
    const ids = new Set(CATALOG.map((s) => s.id));
    for (const x of SITE_SCENARIOS) expect(ids.has(x.site)).toBe(true);
    const covered = new Set(SITE_SCENARIOS.map((x) => x.site));
    expect(CATALOG.filter((s) => !covered.has(s.id)).map((s) => s.id)).toEqual([]);
  });
});

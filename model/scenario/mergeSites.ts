import type { SiteConfig } from '../mm/MmState.js';
import type { SiteSpec } from './Scenario.js';

/**
 * Site configs with `specs` on top, field by field (a spec may give only an
 * event, or only range bounds). A site id not in `base` is taken as given
 * (a test's own site; resolveScenario refuses ids the catalog lacks).
 */
export function mergeSites(base: Readonly<Record<string, SiteConfig>>, specs: Readonly<Record<string, SiteSpec>> | undefined): Record<string, SiteConfig> {
  const out: Record<string, SiteConfig> = { ...base };
  for (const [id, spec] of Object.entries(specs ?? {})) {
    out[id] = { ...out[id], ...Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined)) } as SiteConfig;
  }
  return out;
}

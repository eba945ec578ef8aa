import type { Reachable } from '../src/engine/Property.js';
import type { MmState } from '../model/mm/MmState.js';

/** Reachability guard of a sweep configuration: some thread initialised a notifier range at catalog site `site` (else the configuration does not reach its site). */
export function reachSite(site: number): Reachable<MmState> {
  const id = String(site);
  return {
    name: `reach-site-${site}`,
    description: `some thread initialises a notifier range at site #${site}`,
    kind: 'reachable',
    check: (s) => s.threads.some((t) => t.ranges.some((r) => r?.site === id)),
  };
}

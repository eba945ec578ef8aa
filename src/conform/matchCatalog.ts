import type { KnownSite } from './KnownSite.js';
import type { RangeInit } from './RangeInit.js';

export interface CatalogMatch {
  readonly matched: Map<RangeInit, KnownSite>;
  readonly unmatchedCalls: RangeInit[];
  readonly unmatchedSites: KnownSite[];
}

/**
 * Pairs calls with catalog entries by file and enclosing function; several
 * calls in one function pair in line order with the entries in catalog order.
 */
export function matchCatalog(calls: readonly RangeInit[], catalog: readonly KnownSite[]): CatalogMatch {
  const key = (file: string, fn: string | undefined): string => `${file}\0${fn ?? ''}`;
  const byKey = new Map<string, KnownSite[]>();
  for (const s of catalog) {
    const k = key(s.file, s.function);
    byKey.set(k, [...(byKey.get(k) ?? []), s]);
  }
  const matched = new Map<RangeInit, KnownSite>();
  const unmatchedCalls: RangeInit[] = [];
  const used = new Set<KnownSite>();
  const sorted = [...calls].sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
  for (const c of sorted) {
    const site = byKey.get(key(c.file, c.function))?.find((s) => !used.has(s));
    if (site) {
      used.add(site);
      matched.set(c, site);
    } else unmatchedCalls.push(c);
  }
  return { matched, unmatchedCalls, unmatchedSites: catalog.filter((s) => !used.has(s)) };
}

import { CATALOG } from '../../model/sites/catalog.js';
import { UsageError } from './UsageError.js';

/**
 * A `--site` value (check, sweep): an id of the site catalog (`mnc sites`),
 * checked against the catalog's ids rather than a fixed range; anything else
 * is a usage error naming the value and the ids there are.
 */
export function parseSiteId(text: string, ids: readonly number[] = CATALOG.map((s) => s.id)): number {
  const n = Number(text);
  if (/^\d+$/.test(text.trim()) && ids.includes(n)) return n;
  throw new UsageError(`--site ${text}: expected a catalog id (${runsOf(ids)}; see 'mnc sites')`);
}

/** `1..28`, or `1, 2, 5, 7..9`: the ids in order, three or more in a row as a range. */
function runsOf(ids: readonly number[]): string {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    out.push(...(j - i >= 2 ? [`${sorted[i]}..${sorted[j]}`] : sorted.slice(i, j + 1).map(String)));
    i = j + 1;
  }
  return out.join(', ');
}

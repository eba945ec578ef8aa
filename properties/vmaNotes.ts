/**
 * Notes, not violations: a range initialised with a NULL vma although the
 * site function had a vma in scope that is the right one (of the range's mm,
 * live, containing the range). The seed passes NULL at #1, #11, #20-#23; of
 * these, #11 (collapse_huge_page's revalidated `vma`) and #22/#23
 * (`migrate->vma`) had it, #1's loop `vma` is stale at the call and does not
 * contain the whole-mm range, #20/#21 have none.
 *  - `catalogVmaNotes`: from the catalog alone (the expressions in scope).
 *  - `nullVmaNote`: on a state, for a range that started with NULL: which
 *    in-scope expression of the site's frame denotes a vma containing it.
 */
import type { MmState, NotifierRange } from '../model/mm/MmState.js';
import type { CatalogSite } from '../model/sites/catalog.js';
import { showRange } from './view/ranges.js';
import { where } from './view/where.js';

export function catalogVmaNotes(sites: readonly CatalogSite[]): string[] {
  return sites
    .filter((s) => s.vma === 'NULL' && s.vmasInScope.length > 0)
    .map((s) => `site #${s.id} ${s.file}:${s.function} passes a NULL vma while ${s.vmasInScope.join(', ')} is in scope`);
}

export function nullVmaNote(s: MmState, tid: number, r: NotifierRange, site: CatalogSite | undefined): string | undefined {
  if (r.vma !== null || !site) return undefined;
  for (const f of [...s.threads[tid]!.frames].reverse()) {
    for (const expr of site.vmasInScope) {
      const id = f.locals[expr];
      if (typeof id !== 'number') continue;
      const v = s.vmas[id];
      if (v && v.live && v.mm === r.mm && v.start <= r.start && r.end <= v.end) {
        return `${where(s, { mm: r.mm, addr: r.start, tid, site: r.site })}range ${showRange(r)} passes NULL although '${expr}' (vma ${id}) in ${f.prog} contains it`;
      }
    }
  }
  return undefined;
}

/** The VMAs of a scenario: bounds, overlap and flag checks; ids in declaration order; anon_vma ids. */
import type { Geometry } from '../mm/Geometry.js';
import { pages, pmdSize } from '../mm/Geometry.js';
import type { Vma } from '../mm/MmState.js';
import { bad } from './bad.js';
import type { Scenario } from './Scenario.js';

export function buildVmas(sc: Scenario, g: Geometry): { vmas: Vma[]; names: Map<string, number>; anonVmas: number } {
  const vmas: Vma[] = [];
  const names = new Map<string, number>();
  let anon = 0;
  const explicit = sc.mms.flatMap((m) => m.vmas.map((v) => v.anonVma ?? -1));
  let nextAnon = Math.max(-1, ...explicit) + 1;
  sc.mms.forEach((m, mi) => {
    const mine: Vma[] = [];
    m.vmas.forEach((v, vi) => {
      const f = `mms[${mi}].vmas[${vi}]`;
      if (!Number.isInteger(v.start) || v.start < 0) bad(`${f}.start`, 'must be a page number >= 0');
      if (!Number.isInteger(v.end) || v.end <= v.start || v.end > pages(g)) bad(`${f}.end`, `must be in (start, ${pages(g)}]`);
      if (!/^r?w?$/.test(v.prot)) bad(`${f}.prot`, "must be '', 'r', 'w' or 'rw'");
      if (v.file !== undefined && (!Number.isInteger(v.file) || v.file < 0 || v.file >= (sc.files ?? []).length)) bad(`${f}.file`, 'no such file');
      if (v.file === undefined && v.shared) bad(`${f}.shared`, 'shared anonymous memory is not modelled (use a file)');
      if (v.hugetlb && (v.start % pmdSize(g) !== 0 || v.end % pmdSize(g) !== 0)) bad(`${f}`, 'a hugetlb vma must be PMD aligned');
      if (v.thp && (v.file !== undefined || v.hugetlb)) bad(`${f}.thp`, 'THP on fault is modelled for anonymous vmas only');
      for (const o of mine) if (v.start < o.end && o.start < v.end) bad(`${f}`, `overlaps vma ${o.id}`);
      const shared = v.shared === true;
      const id = vmas.length;
      if (v.name !== undefined) {
        if (names.has(v.name)) bad(`${f}.name`, `duplicate vma name ${v.name}`);
        names.set(v.name, id);
      }
      let anonVma: number | null = null;
      if (!shared) anonVma = v.anonVma ?? nextAnon++;
      anon = Math.max(anon, (anonVma ?? -1) + 1);
      const vma: Vma = {
        id,
        mm: mi,
        start: v.start,
        end: v.end,
        flags: {
          read: v.prot.includes('r'),
          write: v.prot.includes('w'),
          shared,
          mayshare: shared || v.mayshare === true,
          hugetlb: v.hugetlb === true,
          locked: v.locked === true,
          pfnmap: v.pfnmap === true,
          hugepage: v.thp === true,
        },
        file: v.file ?? null,
        pgoff: v.pgoff ?? 0,
        anonVma,
        live: true,
        inAnonVma: true,
        inIMmap: true,
      };
      if (vma.file !== null && vma.pgoff + (vma.end - vma.start) > sc.files![vma.file]!) bad(`${f}.pgoff`, 'the vma extends beyond the end of its file');
      vmas.push(vma);
      mine.push(vma);
    });
  });
  return { vmas, names, anonVmas: anon };
}

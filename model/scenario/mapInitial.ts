/**
 * One initial mapping of a scenario: the frame (a new anonymous page, the
 * file's page-cache page, an anonymous COW copy for a writable private file
 * mapping, or the frame of `shareWith`), its reference and mapcount, and the
 * PTE or huge PMD (tables populated as needed).
 */
import { addRmap, allocFrame, getPage } from '../mm/frames.js';
import type { MmState } from '../mm/MmState.js';
import { pmdAt, pmdTableOf, populatePmdTable, populatePteTable, setPmd, setPte, translate } from '../mm/pageTable.js';
import { bad } from './bad.js';
import type { MappingSpec } from './Scenario.js';

export function mapInitial(s: MmState, mm: number, mp: MappingSpec, f: string): void {
  const vma = s.mms[mm]!.vmas.map((id) => s.vmas[id]!).find((v) => v.start <= mp.addr && mp.addr < v.end);
  if (!vma) return bad(`${f}.addr`, `page ${mp.addr} is in no vma of mm ${mm}`);
  if (vma.flags.pfnmap) bad(`${f}.addr`, 'a VM_PFNMAP vma has no struct pages here: mappings in it are not modelled');
  const write = mp.write ?? false;
  if (write && !vma.flags.write) bad(`${f}.write`, 'the vma is not writable');
  if (pmdTableOf(s, mm, mp.addr) === null) populatePmdTable(s, mm, mp.addr);
  let frame: number;
  if (mp.shareWith) {
    const t = translate(s, mp.shareWith.mm, mp.shareWith.addr);
    if (t === null) return bad(`${f}.shareWith`, 'that page is not mapped (list it first)');
    frame = t.frame;
    getPage(s, frame);
  } else if (vma.file !== null && !(write && !vma.flags.shared)) {
    const idx = vma.pgoff + (mp.addr - vma.start);
    const cache = s.files[vma.file]!.pages as (number | null)[];
    if (cache[idx] === null) {
      const nf = allocFrame(s, 'file', vma.file, idx, mp.huge === true);
      if (nf < 0) return bad('frames', 'too few frames for the initial mappings');
      cache[idx] = nf; // the page-cache reference
    }
    frame = cache[idx]!;
    getPage(s, frame);
  } else {
    frame = allocFrame(s, 'anon', null, 0, mp.huge === true);
    if (frame < 0) return bad('frames', 'too few frames for the initial mappings');
  }
  addRmap(s, frame);
  const dirty = mp.dirty ?? write;
  if (mp.huge) {
    if (pmdAt(s, mm, mp.addr) !== null) bad(`${f}.addr`, 'the PMD entry is already populated');
    setPmd(s, mm, mp.addr, { kind: 'huge', frame, write, dirty, young: mp.young ?? true, softDirty: true });
    return;
  }
  const e = pmdAt(s, mm, mp.addr);
  if (e === null) populatePteTable(s, mm, mp.addr);
  else if (e.kind !== 'table') bad(`${f}.addr`, 'the PMD entry is a huge mapping');
  if (translate(s, mm, mp.addr) !== null) bad(`${f}.addr`, 'mapped twice');
  setPte(s, mm, mp.addr, { kind: 'present', frame, write, dirty, young: mp.young ?? true, softDirty: true });
}

/**
 * A drawn scenario: maps the raw numbers of an MmDraw into a Scenario that
 * validateScenario and buildInitialState accept, by construction: vmas
 * clipped to the address space and dropped when they overlap an earlier one,
 * hugetlb vmas PMD aligned, initial mappings only inside vmas (huge PMDs only
 * on PMD blocks a vma covers), mirror entries only on mapped pages, and the
 * site operation's needs (a file vma, a hugetlb vma, an empty child mm)
 * forced on the layout before its arguments are drawn.
 */
import { allowedKinds, allowedOps } from './allowed.js';
import type { MappingSpec, MirrorSpec, MmSpec, Scenario, ThreadSpec, VmaSpec } from '../Scenario.js';
import type { Layout, LayoutVma } from './Layout.js';
import { DEFAULT_BOUNDS, type MmDraw, type MmDrawBounds, type VmaDraw } from './MmDraw.js';
import type { OpNeed, SiteOp } from './siteOps.js';
import { HUGETLB_KIND, SHARED_FILE_KIND, VMA_KINDS } from './vmaKinds.js';

const bit = (mask: number, i: number): boolean => ((mask >> i) & 1) === 1;

/** Whether the layout already has what the operation needs. */
function satisfies(l: Layout, need: OpNeed | undefined): boolean {
  switch (need) {
    case 'file':
      return l.vmas.some((v) => v.kind.file && !v.kind.hugetlb);
    case 'hugetlb':
      return l.vmas.some((v) => v.kind.hugetlb);
    case 'thp':
      return l.vmas.some((v) => v.huge.length > 0 && !v.kind.hugetlb);
    case 'child':
      return l.mms >= 2 && l.vmas.every((v) => v.mm === 0);
    default:
      return true;
  }
}

/** The vma draws with the operation's need forced on the first vma of mm 0 (or, for fork, an empty mm 1). */
function forceNeed(mms: readonly (readonly VmaDraw[])[], need: OpNeed | undefined, ptes: number): VmaDraw[][] {
  const out = mms.map((m) => [...m]);
  const v = out[0]![0]!;
  if (need === 'file') out[0]![0] = { ...v, kind: SHARED_FILE_KIND };
  if (need === 'hugetlb') out[0]![0] = { ...v, kind: HUGETLB_KIND };
  if (need === 'thp') out[0]![0] = { ...v, kind: 0, start: 0, len: ptes - 1, huge: true, mapped: v.mapped | 1 };
  if (need === 'child') out[1] = [];
  return out;
}

interface Built {
  readonly layout: Layout;
  readonly specs: MmSpec[];
  /** Mapped pages of each mm. */
  readonly mapped: Set<number>[];
  readonly frames: number;
}

function buildLayout(mmDraws: readonly (readonly VmaDraw[])[], ptes: number, pages: number, op: SiteOp): Built {
  const vmas: LayoutVma[] = [];
  const specs: MmSpec[] = [];
  const mapped: Set<number>[] = [];
  let frames = 0;
  mmDraws.forEach((draws, mm) => {
    const mine: LayoutVma[] = [];
    const vspecs: VmaSpec[] = [];
    const maps: MappingSpec[] = [];
    const pagesMapped = new Set<number>();
    for (const v of draws) {
      const k = VMA_KINDS[v.kind % VMA_KINDS.length]!;
      const kind = op.noHugetlb && k.hugetlb ? VMA_KINDS[0]! : k;
      let start = v.start % pages;
      let end = start + 1 + (v.len % (pages - start));
      if (kind.hugetlb) {
        start -= start % ptes;
        end = Math.min(pages, Math.ceil(end / ptes) * ptes);
      }
      if (mine.some((o) => start < o.end && o.start < end)) continue;
      const huge: number[] = [];
      const lv: LayoutVma = { id: vmas.length, mm, start, end, kind, huge };
      mine.push(lv);
      vmas.push(lv);
      vspecs.push({
        start,
        end,
        prot: kind.prot,
        ...(kind.shared ? { shared: true } : {}),
        ...(kind.hugetlb ? { hugetlb: true } : {}),
        ...(kind.file ? { file: kind.hugetlb ? 1 : 0, pgoff: start } : {}),
      });
      const writable = kind.prot.includes('w');
      // Huge PMDs: hugetlb always; THP (anonymous) and DAX (shared file) when drawn, on blocks the vma covers whole.
      const hugeOk = kind.hugetlb || (v.huge && !op.noThp && ptes >= 2 && (!kind.file || kind.shared));
      for (let a = start; a < end; a++) {
        const i = a - start;
        const block = a - (a % ptes);
        if (hugeOk && block >= start && block + ptes <= end) {
          if (a !== block || !bit(v.mapped, i)) continue;
          // hugetlb_no_page maps a shared writable hugetlb page writable (make_huge_pte(vma, page, VM_WRITE && VM_SHARED)).
          const write = writable && (bit(v.write, i) || (kind.hugetlb && kind.shared));
          maps.push({ addr: a, huge: true, ...(write ? { write: true } : {}) });
          for (let p = block; p < block + ptes; p++) pagesMapped.add(p);
          huge.push(block);
          frames++;
        } else if (!kind.hugetlb && bit(v.mapped, i)) {
          maps.push({ addr: a, ...(writable && bit(v.write, i) ? { write: true } : {}) });
          pagesMapped.add(a);
          frames++;
        }
      }
    }
    specs.push({ vmas: vspecs, ...(maps.length > 0 ? { mappings: maps } : {}) });
    mapped.push(pagesMapped);
  });
  return { layout: { pages, ptes, mms: specs.length, vmas }, specs, mapped, frames };
}

/** The scenario of a draw (within `bounds`, which must be the ones the draw was made with). */
export function scenarioOfDraw(draw: MmDraw, bounds: MmDrawBounds = DEFAULT_BOUNDS): Scenario {
  const maxLog = Math.max(0, Math.floor(Math.log2(bounds.pages)));
  const allowed = allowedOps(bounds);
  // Operations that need a THP need 2 pages or more per PMD entry: when they are all the bounds allow, so be it.
  const thpOnly = allowed.every((o) => o.needs === 'thp');
  const ptesLog = Math.max(thpOnly ? Math.min(1, maxLog) : 0, Math.min(draw.ptesLog, maxLog));
  const pmdsLog = Math.min(draw.pmdsLog, maxLog - ptesLog);
  const ptes = 1 << ptesLog;
  const pages = ptes << pmdsLog;
  const fit = allowed.filter((o) => o.needs !== 'thp' || ptes >= 2);
  const ops = fit.length > 0 ? fit : allowed;
  const layoutFor = (o: SiteOp): Built => {
    const mms = o.needs === 'child' && draw.mms.length < 2 ? [...draw.mms, []] : draw.mms;
    const b = buildLayout(mms, ptes, pages, o);
    return satisfies(b.layout, o.needs) ? b : buildLayout(forceNeed(mms, o.needs, ptes), ptes, pages, o);
  };
  let op = ops[draw.op.op % ops.length]!;
  let built = layoutFor(op);
  if (op.applies && !op.applies(built.layout)) {
    // The drawn operation cannot fit this layout: the first allowed one that always can (else madvise_dontneed).
    op = ops.find((o) => !o.applies) ?? allowedOps({ ...bounds, ops: 1 })[0]!;
    built = layoutFor(op);
  }
  const { layout, specs, mapped, frames } = built;
  const kinds = allowedKinds(bounds);
  const mirrors: MirrorSpec[] = (kinds.length > 0 ? draw.mirrors : []).map((m, i) => {
    const kind = kinds[m.kind % kinds.length]!.kind;
    const mm = m.mm % specs.length;
    const entries = [...mapped[mm]!].sort((a, b) => a - b).filter((a) => bit(m.entries, a));
    return { name: `${kind}${i}`, kind, mm, ...(entries.length > 0 ? { entries } : {}) };
  });
  const withOrder = specs.map((s, mm) => {
    const own = mirrors.filter((m) => m.mm === mm).map((m) => m.name);
    return bit(draw.order, mm) && own.length > 1 ? { ...s, notifiers: own.reverse() } : s;
  });
  const threads: ThreadSpec[] = [{ name: op.op, op: op.op, args: op.args(layout, draw.op) }];
  draw.access.forEach((a, i) => {
    const addr = a.addr % pages;
    if (!a.cpu && mirrors.length > 0) threads.push({ name: `dev${i}`, op: 'device_access', args: { m: a.target % mirrors.length, addr, write: a.write } });
    else threads.push({ name: `cpu${i}`, op: 'cpu_access', args: { mm: a.target % specs.length, addr, write: a.write } });
  });
  const files = layout.vmas.some((v) => v.kind.hugetlb) ? [pages, pages] : layout.vmas.some((v) => v.kind.file) ? [pages] : [];
  const what = threads.map((t) => t.op).join(' vs ');
  const vmaKindList = layout.vmas.map((v) => v.kind.name).join(', ') || 'none';
  const mirrorKindList = mirrors.map((m) => m.kind).join(', ') || 'none';
  return {
    name: `mm-random: ${what}`,
    description: `a drawn scenario: ${specs.length} mm(s), ${layout.vmas.length} vma(s) (${vmaKindList}), ${mirrors.length} mirror(s) (${mirrorKindList}), ${what}`,
    expect: 'ok',
    geometry: { ptesPerTable: ptes, pmdsPerTable: pages / ptes, puds: 1 },
    frames: frames + 1 + draw.spare,
    ...(files.length > 0 ? { files } : {}),
    mms: withOrder,
    ...(mirrors.length > 0 ? { mirrors } : {}),
    threads,
  };
}

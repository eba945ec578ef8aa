/** A flat, printable view of an MmState (diffed between trace steps). */
import type { MmState, NotifierRange, Pte, TaskState } from '../mm/MmState.js';
import { pmdAt, pteAt } from '../mm/pageTable.js';
import { pages, pmdSize } from '../mm/Geometry.js';
import { mirrorKind } from '../mirrors/mirrorKinds.js';
import { MPFN } from '../sites/migrateVmaState.js';

type Flat = Record<string, string | number | boolean>;

const bits = (write: boolean, dirty: boolean, young: boolean): string => `${write ? 'rw' : 'ro'}${dirty ? ' d' : ''}${young ? ' y' : ''}`;

function pteText(p: Pte): string {
  if (p === null) return 'none';
  if (p.kind === 'migration') return `migration pfn${p.frame}`;
  if (p.kind === 'swap') return `swap slot${p.slot}`;
  return `pfn${p.frame} ${bits(p.write, p.dirty, p.young)}${p.softDirty ? ' sd' : ''}`;
}

function rangeText(s: MmState, r: NotifierRange): string {
  const subs = r.subs.map((x) => `${s.cfg.mirrors[x.mirror]!.name}:${x.start}/end${x.ends}`).join(',');
  const vma = r.vma === null ? 'NULL' : `vma${r.vma}`;
  return `#${r.site} mm${r.mm} [${r.start},${r.end}) ${r.event} ${vma}${r.blockable ? '' : ' nonblock'} ${r.phase}${r.err ? ` err${r.err}` : ''}${subs ? ` ${subs}` : ''}`;
}

/** The per-task state that differs from a fresh thread's (MmState.ts TaskState). */
function taskText(name: string, k: TaskState): Flat {
  const out: Flat = {};
  const mms = [0, 1, 2, 3, 4, 5, 6, 7].filter((m) => (k.tlbUbc.mms & (1 << m)) !== 0);
  if (mms.length > 0 || k.tlbUbc.writable) out[`${name}.tlb_ubc`] = `${mms.map((m) => `mm${m}`).join(',') || '-'}${k.tlbUbc.writable ? ' writable' : ''}`;
  if (k.cleaned !== 0) out[`${name}.cleaned`] = k.cleaned;
  if (k.migrate !== null) {
    const m = k.migrate;
    const flags = (f: number): string =>
      Object.entries(MPFN)
        .map(([b, v]) => ((f & v) !== 0 ? ` ${b}` : ''))
        .join('');
    const src = m.src.map(([pfn, f]) => `${pfn < 0 ? '-' : `pfn${pfn}`}${flags(f)}`);
    out[`${name}.migrate`] = `src [${src.join(', ')}] dst [${m.dst.map((d) => (d < 0 ? '-' : `pfn${d}`)).join(', ')}] cpages ${m.cpages}`;
  }
  return out;
}

export function describeMmState(s: MmState): Flat {
  const out: Flat = {};
  const n = pages(s.cfg.geometry);
  s.mms.forEach((m, mi) => {
    const span = pmdSize(s.cfg.geometry);
    // a huge (or migration) PMD maps `span` pages: one entry, named by the pages it covers
    const pmdKey = (a: number): string => `mm${mi}.pmd[${span === 1 ? a : `${a}-${a + span - 1}`}]`;
    for (let a = 0; a < n; a++) {
      const e = pmdAt(s, mi, a);
      const first = a % span === 0;
      if (e !== null && e.kind === 'huge') {
        if (first) out[pmdKey(a)] = `huge pfn${e.frame} ${bits(e.write, e.dirty, e.young)}`;
      } else if (e !== null && e.kind === 'migration') {
        if (first) out[pmdKey(a)] = `migration pfn${e.frame}`;
      } else {
        const p = pteAt(s, mi, a);
        if (p !== null) out[`mm${mi}.pte[${a}]`] = pteText(p);
      }
      const t = m.tlb[a];
      if (t) out[`mm${mi}.tlb[${a}]`] = `pfn${t.frame} gen${t.gen} ${bits(t.write, t.dirty, false)}`;
    }
    if (m.flushPending) out[`mm${mi}.tlb_flush_pending`] = m.flushPending;
    if (m.oomSkip) out[`mm${mi}.MMF_OOM_SKIP`] = true;
    if (m.unstable) out[`mm${mi}.MMF_UNSTABLE`] = true;
    if (m.tearingDown) out[`mm${mi}.exit_mmap_teardown`] = true;
    if (m.khugepagedScan) out[`mm${mi}.khugepaged_scan`] = true;
    if (m.ownerExited) out[`mm${mi}.owner_task_mm`] = 'NULL';
    out[`mm${mi}.notifiers`] = m.notifiers.map((x) => s.cfg.mirrors[x]!.name).join(',') || '-';
  });
  for (const v of s.vmas) {
    const f = v.flags;
    out[`vma${v.id}`] =
      `mm${v.mm} [${v.start},${v.end}) ${f.read ? 'r' : '-'}${f.write ? 'w' : '-'}${f.shared ? 's' : 'p'}${f.hugetlb ? ' hugetlb' : ''}` +
      `${v.file === null ? ' anon' : ` file${v.file}+${v.pgoff}`}${v.live ? '' : ' dead'}`;
  }
  s.frames.forEach((f, i) => {
    if (f.kind !== 'free')
      out[`frame${i}`] =
        `${f.kind} ref${f.ref} map${f.map} gen${f.gen} ver${f.ver}${f.dirty ? ' dirty' : ''}${f.huge ? ' huge' : ''}${f.ksm ? ' ksm' : ''}${f.swap !== null ? ` swapcache${f.swap}` : ''}`;
    else if (f.gen > 0) out[`frame${i}`] = `free gen${f.gen} ver${f.ver}`;
  });
  s.swap.forEach((x, i) => {
    if (x.count > 0 || x.cache !== null) out[`swap${i}`] = `count${x.count} ver${x.ver}${x.cache !== null ? ` cache pfn${x.cache}` : ''}`;
  });
  s.locks.forEach((l, id) => {
    const name = s.cfg.lockNames[id]!;
    if (l.holder !== null) out[name] = s.cfg.threads[l.holder]!.name;
    else if (l.readers > 0) out[name] = `readers ${l.readers}`;
  });
  s.mirrors.forEach((m, i) => {
    const name = s.cfg.mirrors[i]!.name;
    const k = mirrorKind(m.kind);
    for (const [key, v] of Object.entries(k?.describe(m) ?? {})) out[`${name}.${key}`] = v;
    const entries = (m as unknown as { entries: readonly ({ frame: number; gen: number; write: boolean } | null)[] }).entries;
    entries.forEach((e, a) => {
      if (e) out[`${name}.entry[${a}]`] = `pfn${e.frame} gen${e.gen} ${e.write ? 'rw' : 'ro'}`;
    });
  });
  s.threads.forEach((t, i) => {
    const name = s.cfg.threads[i]!.name;
    out[`${name}.pc`] = t.frames.length === 0 ? 'done' : t.frames.map((f) => `${f.prog}:${f.pc}`).join(' > ');
    if (t.held.length) out[`${name}.held`] = t.held.join(',');
    t.ranges.forEach((r, k) => r !== null && (out[`${name}.range${k}`] = rangeText(s, r)));
    if (t.gather) out[`${name}.tlb`] = `mm${t.gather.mm} flush[${t.gather.start},${t.gather.end}) pages ${t.gather.pages.join(',') || '-'}`;
    Object.assign(out, taskText(name, t.task));
  });
  return out;
}

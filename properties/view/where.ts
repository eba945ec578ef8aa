/**
 * Counterexample coordinates, always in the same order:
 * `mm=mm0 addr=0x3000 mirror=kvm0 site=dontneed/#17` (a range's site) or
 * `site=dontneed/zap_page_range:unmap_single_vma` (the mover's step). An
 * invariant names the invalidations in flight covering the address, if any.
 * Addresses are page numbers in the model; messages show them as byte
 * addresses (4 KiB pages) so they read like kernel addresses.
 */
import type { MmState } from '../../model/mm/MmState.js';
import { live } from './ranges.js';

export interface Coords {
  readonly mm?: number;
  readonly addr?: number;
  readonly mirror?: number;
  /** The thread whose step or range is at fault. */
  readonly tid?: number;
  /** The site (range site id or program) when known; else the thread's current step. */
  readonly site?: string;
}

export const hexAddr = (page: number): string => `0x${(page * 4096).toString(16)}`;

/** `thread/prog:pc` of a thread's innermost frame in `s` (or `thread/ended`). */
export function threadAt(s: MmState, tid: number): string {
  const name = s.cfg.threads[tid]?.name ?? `thread${tid}`;
  const fs = s.threads[tid]?.frames ?? [];
  const f = fs.length > 0 ? fs[fs.length - 1] : undefined; // not fs[-1] on an ended thread (a named-property lookup)
  return f ? `${name}/${f.prog}:${f.pc}` : `${name}/ended`;
}

/** The message prefix naming what is known, then `: `. Built by concatenation (no parts array): lock-release-by-holder asks for it on every lock step. */
export function where(s: MmState, c: Coords): string {
  let out = '';
  if (c.mm !== undefined) out = `mm=mm${c.mm}`;
  if (c.addr !== undefined) out = join(out, `addr=${hexAddr(c.addr)}`);
  if (c.mirror !== undefined) out = join(out, `mirror=${s.cfg.mirrors[c.mirror]?.name ?? `mirror${c.mirror}`}`);
  if (c.site !== undefined)
    out = join(out, `site=${c.tid !== undefined ? `${s.cfg.threads[c.tid]?.name ?? c.tid}/` : ''}${/^\d+$/.test(c.site) ? `#${c.site}` : c.site}`);
  else if (c.tid !== undefined) out = join(out, `site=${threadAt(s, c.tid)}`);
  else if (c.mm !== undefined) {
    // An invariant has no mover: name the invalidations in flight on that mm (covering addr when known).
    const open = s.threads.flatMap((t, tid) =>
      t.ranges
        .filter(live)
        .filter((r) => (r.phase === 'starting' || r.phase === 'started' || r.phase === 'ending') && r.mm === c.mm)
        .filter((r) => c.addr === undefined || (r.start <= c.addr && c.addr < r.end))
        .map((r) => `${s.cfg.threads[tid]?.name ?? tid}/${/^\d+$/.test(r.site) ? `#${r.site}` : r.site}`),
    );
    if (open.length > 0) out = join(out, `site=${open.join(',')}`);
  }
  return `${out}: `;
}

const join = (out: string, part: string): string => (out === '' ? part : `${out} ${part}`);

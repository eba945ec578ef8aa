/**
 * Counterexample coordinates, always in the same order:
 * `mm=mm0 addr=0x3000 mirror=kvm0 site=zap#0/zap_page_range:unmap_page_range`.
 * Addresses are page numbers in the model; messages show them as byte
 * addresses (4 KiB pages) so they read like kernel addresses.
 */
import type { MmState } from '../../model/mm/MmState.js';

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
  const t = s.threads[tid];
  const f = t?.frames[t.frames.length - 1];
  return f ? `${name}/${f.prog}:${f.pc}` : `${name}/ended`;
}

/** The message prefix naming what is known, then `: `. */
export function where(s: MmState, c: Coords): string {
  const parts: string[] = [];
  if (c.mm !== undefined) parts.push(`mm=mm${c.mm}`);
  if (c.addr !== undefined) parts.push(`addr=${hexAddr(c.addr)}`);
  if (c.mirror !== undefined) parts.push(`mirror=${s.cfg.mirrors[c.mirror]?.name ?? `mirror${c.mirror}`}`);
  if (c.site !== undefined) parts.push(`site=${c.tid !== undefined ? `${s.cfg.threads[c.tid]?.name ?? c.tid}/` : ''}${/^\d+$/.test(c.site) ? `#${c.site}` : c.site}`);
  else if (c.tid !== undefined) parts.push(`site=${threadAt(s, c.tid)}`);
  return `${parts.join(' ')}: `;
}

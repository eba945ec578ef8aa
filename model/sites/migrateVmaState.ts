/**
 * The `struct migrate_vma` arrays of mm/migrate.c (v5.0) as the migrate_vma
 * operation keeps them: `src` and `dst` (one slot per page from `start`)
 * encoded as JSON in the operation's locals, plus `cpages`.
 * src[i] = [pfn or -1, MIGRATE_PFN_* flags]; dst[i] = pfn or -1.
 */
import type { StepCtx } from '../mm/step/StepCtx.js';

/** include/linux/migrate.h MIGRATE_PFN_* (the bits the model uses). */
export const MPFN = { MIGRATE: 1, LOCKED: 2, WRITE: 4 } as const;

export type SrcSlot = [number, number];

function op(c: StepCtx): Record<string, unknown> {
  const l = c.t.frames[0]!.locals as Record<string, unknown>;
  if (typeof l['src'] !== 'string' || typeof l['dst'] !== 'string') c.fail('migrate_vma state: the operation keeps no src/dst arrays');
  return l;
}

export const srcOf = (c: StepCtx): SrcSlot[] => JSON.parse(op(c)['src'] as string) as SrcSlot[];
export const dstOf = (c: StepCtx): number[] => JSON.parse(op(c)['dst'] as string) as number[];

export function setSrc(c: StepCtx, src: readonly SrcSlot[]): void {
  op(c)['src'] = JSON.stringify(src);
}

export function setDst(c: StepCtx, dst: readonly number[]): void {
  op(c)['dst'] = JSON.stringify(dst);
}

/** migrate->cpages += d */
export function addCpages(c: StepCtx, d: number): void {
  const l = op(c);
  l['cpages'] = (l['cpages'] as number) + d;
}

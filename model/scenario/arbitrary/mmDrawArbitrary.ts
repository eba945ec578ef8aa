import fc from 'fast-check';
import { allowedKinds, allowedOps } from './allowed.js';
import type { AccessDraw, MirrorDraw, MmDraw, MmDrawBounds, OpDraw, VmaDraw } from './MmDraw.js';
import { VMA_KINDS } from './vmaKinds.js';

const log2 = (n: number): number => Math.max(0, Math.floor(Math.log2(n)));

/** The fast-check arbitrary of raw draws within `bounds`; every field shrinks towards the simplest choice. */
export function mmDrawArbitrary(bounds: MmDrawBounds): fc.Arbitrary<MmDraw> {
  const maxLog = log2(bounds.pages);
  const page = fc.nat({ max: bounds.pages - 1 });
  const mask = fc.nat({ max: (1 << bounds.pages) - 1 });
  const vma: fc.Arbitrary<VmaDraw> = fc.record({
    start: page,
    len: page,
    kind: fc.nat({ max: VMA_KINDS.length - 1 }),
    mapped: mask,
    write: mask,
    huge: fc.boolean(),
  });
  const mm = fc.array(vma, { minLength: 1, maxLength: bounds.vmas });
  const mirror: fc.Arbitrary<MirrorDraw> = fc.record({
    kind: fc.nat({ max: Math.max(0, allowedKinds(bounds).length - 1) }),
    mm: fc.nat({ max: bounds.mms - 1 }),
    entries: mask,
  });
  const access: fc.Arbitrary<AccessDraw> = fc.record({
    cpu: fc.boolean(),
    target: fc.nat({ max: Math.max(bounds.mms, bounds.mirrors) - 1 }),
    addr: page,
    write: fc.boolean(),
  });
  const op: fc.Arbitrary<OpDraw> = fc.record({
    op: fc.nat({ max: allowedOps(bounds).length - 1 }),
    a: fc.nat({ max: 7 }),
    b: fc.nat({ max: 7 }),
    c: fc.nat({ max: 7 }),
  });
  return fc.record({
    ptesLog: fc.nat({ max: maxLog }),
    pmdsLog: fc.nat({ max: maxLog }),
    mms: fc.array(mm, { minLength: 1, maxLength: bounds.mms }),
    mirrors: fc.array(mirror, { maxLength: bounds.mirrors }),
    order: fc.nat({ max: 3 }),
    op,
    access: fc.array(access, { maxLength: bounds.access }),
    spare: fc.nat({ max: 2 }),
  });
}

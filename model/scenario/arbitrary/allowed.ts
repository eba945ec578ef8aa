import { MIRROR_KINDS } from '../../mirrors/mirrorKinds.js';
import type { MirrorKind } from '../../mirrors/MirrorKind.js';
import type { MmDrawBounds } from './MmDraw.js';
import { SITE_OPS, type SiteOp } from './siteOps.js';

const pick = <T>(xs: readonly T[], mask: number | undefined): T[] => xs.filter((_, i) => mask === undefined || ((mask >> i) & 1) === 1);

/** The mirror kinds the bounds allow (MmDrawBounds.kinds). */
export const allowedKinds = (b: MmDrawBounds): MirrorKind[] => pick(MIRROR_KINDS, b.kinds);

/** The site operations the bounds allow (MmDrawBounds.ops; all when the mask selects none). */
export function allowedOps(b: MmDrawBounds): SiteOp[] {
  const ops = pick(SITE_OPS, b.ops);
  return ops.length > 0 ? ops : [...SITE_OPS];
}

/** Every mirror kind by name. */
import type { MirrorKind } from './MirrorKind.js';
import { kvmMirror } from './kvm.js';

export const MIRROR_KINDS: readonly MirrorKind[] = [kvmMirror];

export function mirrorKind(kind: string): MirrorKind | undefined {
  return MIRROR_KINDS.find((k) => k.kind === kind);
}

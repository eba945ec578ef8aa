/** Every mirror kind by name. */
import { awareMirror } from './aware.js';
import { gpuMirror } from './gpu.js';
import { hmm50Mirror } from './hmm50.js';
import { hmm52Mirror } from './hmm52.js';
import { kvmMirror } from './kvm.js';
import type { MirrorKind } from './MirrorKind.js';
import { odpMirror } from './odp.js';
import { svaMirror } from './sva.js';

export const MIRROR_KINDS: readonly MirrorKind[] = [kvmMirror, hmm50Mirror, hmm52Mirror, odpMirror, gpuMirror, svaMirror, awareMirror];

export function mirrorKind(kind: string): MirrorKind | undefined {
  return MIRROR_KINDS.find((k) => k.kind === kind);
}

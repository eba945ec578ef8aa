/**
 * A mirror's mmu_notifier_ops.release (mm teardown, from
 * __mmu_notifier_release): one step that drops every device entry, inside
 * the mirror lock `lock` when the kernel takes one, plus kind-specific
 * bookkeeping (`more`).
 */
import type { MmState } from '../mm/MmState.js';
import { DONE, defineProgram, type Ctx, type TypedProgram, type View } from '../mm/step/defineProgram.js';
import type { ReleaseArgs } from './callbackArgs.js';
import { dropEntries } from './mirrorLock.js';
import { anyMirror } from './mirrorState.js';

export function dropAll(s: MmState, m: number): void {
  dropEntries(s, m, 0, anyMirror.of(s, m).entries.length);
}

/** The locals of a release callback: its argument. */
export const releaseLocals = (a: ReleaseArgs) => ({ m: a.m });
export type ReleaseLocals = ReturnType<typeof releaseLocals>;

/** `<kind>.release` as one step `label` at `file:function` `at`. */
export function releaseProgram(
  kind: string,
  label: string,
  at: string,
  lock?: (v: View<ReleaseLocals>) => string,
  more?: (c: Ctx<ReleaseLocals>) => void,
): TypedProgram<ReleaseArgs> {
  const body = (c: Ctx<ReleaseLocals>) => {
    more?.(c);
    dropAll(c.s, c.l.m);
    return DONE;
  };
  return defineProgram({
    name: `${kind}.release`,
    file: at.slice(0, at.lastIndexOf(':')),
    params: ['m'],
    locals: releaseLocals,
    steps: ($) => [lock ? $.section(label, lock, body, { at }) : $.step(label, { at, run: body })],
  });
}

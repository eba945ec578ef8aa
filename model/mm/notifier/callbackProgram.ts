/**
 * A mirror kind implements an mmu_notifier_ops callback by registering a
 * program named `<kind>.<callback>`; dispatch calls it when registered.
 * Arguments: start/end `{ m, r }` (mirror id, this thread's range index);
 * invalidate_range `{ m, mm, start, end }`; change_pte `{ m, addr, frame, write }`;
 * release `{ m }` (mm teardown: the mirror drops everything).
 * A callback returns its int result with `c.ret(err)` (0 when it cannot fail).
 */
import { memoByNames } from '../memoName.js';

export type NotifierCallback = 'invalidate_range_start' | 'invalidate_range_end' | 'invalidate_range' | 'change_pte' | 'release';

/** Memoized (memoName.ts): dispatch looks the name up on every subscriber it walks. */
export const callbackProgram = memoByNames((kind: string, cb: NotifierCallback): string => `${kind}.${cb}`);

/**
 * The step DSL's control values (imports nothing): what a step body returns
 * besides a label. See Program.ts for the DSL's types.
 */

/** Return from the current program (PlusCal's `Done`). */
export const DONE = 'Done';
/** Returned by StepCtx.call: the frame stack was already updated. */
export const CALLED = '\u0000called';

/** What a step body returns: a label, DONE, the value of `c.call(...)`, or nothing (fall through). */
export type Next = string | undefined | void;

/** What `c.call` returns: the label the caller resumes at, at the type level only. */
export type Called<R extends string = string> = string & { readonly __resumeAt: R };

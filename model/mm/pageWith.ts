import type { Frame } from './MmState.js';

/**
 * `fr` with the fields of `p` changed: every page record of the model is built by this one object
 * literal, in Frame's field order, so that all of them share one V8 hidden class. Spreads at a dozen
 * sites (`{ ...fr, ref }`) gave page records a dozen classes, and every read of a page field was a
 * megamorphic load (bench/RESULTS.md, Session 15; test/model/hiddenClasses.test.ts). Frame has no
 * undefined field, so an undefined in `p` means "unchanged".
 */
export function pageWith(fr: Frame, p: Partial<Frame>): Frame {
  return {
    kind: p.kind !== undefined ? p.kind : fr.kind,
    ref: p.ref !== undefined ? p.ref : fr.ref,
    map: p.map !== undefined ? p.map : fr.map,
    gen: p.gen !== undefined ? p.gen : fr.gen,
    ver: p.ver !== undefined ? p.ver : fr.ver,
    dirty: p.dirty !== undefined ? p.dirty : fr.dirty,
    file: p.file !== undefined ? p.file : fr.file,
    index: p.index !== undefined ? p.index : fr.index,
    huge: p.huge !== undefined ? p.huge : fr.huge,
    swap: p.swap !== undefined ? p.swap : fr.swap,
    ksm: p.ksm !== undefined ? p.ksm : fr.ksm,
  };
}

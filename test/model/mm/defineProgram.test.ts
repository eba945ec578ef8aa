/** Typed programs: tsc rejects a goto to a label the program lacks, a misspelt local and wrong call arguments; at run time a typed program is a Program. */
import { describe, expect, it } from 'vitest';
import { DONE, defineProgram } from '../../../model/mm/step/defineProgram.js';
import { invalidateRangeEnd } from '../../../model/mm/notifier/dispatchPrograms.js';

const locals = (a: { x: number }) => ({ x: a.x, y: 0 });

const good = defineProgram({
  name: 'good',
  file: 'mm/good.c',
  params: ['x'],
  locals,
  steps: ($) => [
    $.step('first', (c) => (c.l.x > 0 ? 'second' : 'third')),
    $.local('second', () => 'third', 'helper'),
    $.lock('third', () => 'mm0.mmap_sem', { at: 'mm/other.c:other', mode: 'r' }),
    $.step('fourth', { run: (c) => c.call(invalidateRangeEnd, { r: c.l.y }, 'fifth') }),
    $.local('fifth', () => DONE),
  ],
});

describe('defineProgram', () => {
  it('builds an ordinary Program: labels in order, at defaulting to file:name', () => {
    expect(good.name).toBe('good');
    expect(good.params).toEqual(['x']);
    expect(good.steps.map((s) => `${s.label}@${s.at}`)).toEqual([
      'first@mm/good.c:good',
      'second@mm/good.c:helper',
      'third@mm/other.c:other',
      'fourth@mm/good.c:good',
      'fifth@mm/good.c:good',
    ]);
    expect(good.steps[1]!.local).toBe(true);
    expect(good.steps[2]!.guard).toBeTypeOf('function');
    expect(good.locals({ x: 3 })).toEqual({ x: 3, y: 0 });
  });

  // Checked by tsc, which npm test runs over test/: each directive below must meet a compile error, or tsc fails on the unused directive.
  it('rejects at compile time what the untyped DSL found only at run time', () => {
    defineProgram({
      name: 'bad-goto',
      file: 'mm/bad.c',
      locals,
      // @ts-expect-error 'secnd' is not a label of the program
      steps: ($) => [$.step('first', () => 'secnd'), $.local('second', () => DONE)],
    });
    defineProgram({
      name: 'bad-return-label',
      file: 'mm/bad.c',
      locals,
      // @ts-expect-error a call resuming at a label the program lacks
      steps: ($) => [$.step('first', (c) => c.call(invalidateRangeEnd, { r: 0 }, 'nowhere'))],
    });
    defineProgram({
      name: 'bad-local',
      file: 'mm/bad.c',
      locals,
      steps: ($) => [
        $.step('first', (c) => {
          // @ts-expect-error no local named z
          c.l.z = 1;
          return DONE;
        }),
      ],
    });
    defineProgram({
      name: 'bad-args',
      file: 'mm/bad.c',
      locals,
      // @ts-expect-error mmu_notifier_invalidate_range_end takes {r: number}
      steps: ($) => [$.step('first', (c) => c.call(invalidateRangeEnd, { range: 0 }, 'first'))],
    });
  });
});

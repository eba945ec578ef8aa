/** StateFootprints: each footprint recorded once per state, and dependence decided on the union of step and edge reads. */
import { describe, expect, it } from 'vitest';
import { StateFootprints } from '../../src/engine/por/StateFootprints.js';
import type { PartialOrder } from '../../src/engine/PartialOrder.js';
import type { Visibility } from '../../src/engine/por/Visibility.js';

interface Fp {
  readonly r: readonly string[];
  readonly w: readonly string[];
}
const hits = (x: Fp, y: Fp) => x.w.some((p) => y.r.includes(p) || y.w.includes(p)) || y.w.some((p) => x.r.includes(p));

/** Action a: step reads `r${a}`, writes `w${a}`; its edge reads `e${a}` (state: the edge reads' extra path per action). */
function setup(edges: Record<number, string>, visible: Fp = { r: [], w: [] }) {
  const calls = { step: 0, edge: 0 };
  const po = {
    footprint: (_s: unknown, a: number) => (calls.step++, { r: [`r${a}`], w: [`w${a}`] }),
    conflicts: hits,
    union: (fs: readonly Fp[]) => ({ r: fs.flatMap((f) => f.r), w: fs.flatMap((f) => f.w) }),
  } as unknown as PartialOrder<unknown, number, Fp>;
  const visibility = {
    now: () => visible,
    edgeReads: (_s: unknown, a: number) => (calls.edge++, edges[a] === undefined ? undefined : { r: [edges[a]], w: [] }),
  } as unknown as Visibility<unknown, number, Fp>;
  const fps = new StateFootprints(po, visibility, false);
  fps.begin({}, [0, 1, 2]);
  return { fps, calls };
}

describe('StateFootprints', () => {
  it('steps that commute are dependent when one edge reads what the other writes; the edges are recorded only then', () => {
    const { fps, calls } = setup({ 0: 'w1' });
    expect(fps.dependent(0, 1)).toBe(true); // 0's step property reads what 1 writes
    expect(fps.dependent(1, 0)).toBe(true);
    expect(fps.dependent(0, 2)).toBe(false);
    expect(calls).toEqual({ step: 3, edge: 3 }); // once each, whatever the number of questions
  });

  it('visible: a step writing what a property reads is decided without recording its edge, once per state; a new state records again', () => {
    const { fps, calls } = setup({}, { r: ['w0'], w: [] });
    expect(fps.visible(0)).toBe(true);
    expect(calls.edge).toBe(0);
    expect(fps.visible(1)).toBe(false);
    expect(fps.visible(1)).toBe(false);
    expect(calls).toEqual({ step: 2, edge: 1 });
    fps.begin({}, [0, 1, 2]);
    fps.step(0);
    expect(calls.step).toBe(3);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TraceStore } from '../../src/engine/TraceStore.js';

/** A random tree in discovery order: node i > 0 has a parent < i, or is one more root. */
const tree = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 70_000 }), fc.boolean()), { minLength: 1, maxLength: 400 });

describe('TraceStore', () => {
  it('paths are the action indices from the root, in order (against a naive tree)', () => {
    fc.assert(
      fc.property(tree, (nodes) => {
        const store = new TraceStore();
        const parent: number[] = [];
        const action: number[] = [];
        nodes.forEach(([p, a, root], i) => {
          if (i === 0 || root) {
            expect(store.addRoot(a)).toBe(i);
            parent.push(-1);
          } else {
            expect(store.add(p % i, a)).toBe(i);
            parent.push(p % i);
          }
          action.push(a);
        });
        for (let id = 0; id < nodes.length; id++) {
          const path: number[] = [];
          let cur = id;
          while (parent[cur]! >= 0) {
            path.unshift(action[cur]!);
            cur = parent[cur]!;
          }
          expect(store.path(id)).toEqual({ init: action[cur], path });
        }
      }),
      { numRuns: 50 },
    );
  });

  it('widens action storage once an index exceeds a byte, then two bytes, keeping earlier entries', () => {
    const store = new TraceStore();
    store.addRoot(0);
    store.add(0, 200);
    const b1 = store.bytes;
    store.add(1, 300);
    expect(store.bytes).toBeGreaterThan(b1);
    store.add(2, 70_000);
    expect(store.path(3)).toEqual({ init: 0, path: [200, 300, 70_000] });
  });

  it('crosses a chunk boundary (2^18 states) without losing links', () => {
    const store = new TraceStore();
    store.addRoot(3);
    const n = (1 << 18) + 5;
    for (let i = 1; i < n; i++) store.add(Math.max(0, i - 1 - (i % 2)), i % 7);
    expect(store.size).toBe(n);
    const last = store.path(n - 1);
    expect(last.init).toBe(3);
    expect(last.path.length).toBeGreaterThan(1);
    expect(store.bytes).toBe(2 * (1 << 18) * 5);
  });

  it('round-trips through snapshot and restore', () => {
    const store = new TraceStore();
    store.addRoot(1);
    for (let i = 1; i < 1000; i++) store.add(Math.floor(i / 2), i % 300);
    const s = store.snapshot();
    const back = TraceStore.restore(s.parent, s.action, s.n);
    for (const id of [0, 1, 17, 999]) expect(back.path(id)).toEqual(store.path(id));
  });

  it('allocates for a small run what it holds, not a whole chunk', () => {
    const store = new TraceStore();
    store.addRoot(0);
    for (let i = 1; i < 3000; i++) store.add(i - 1, i % 5);
    // the first chunk doubled from 1024 entries to 4096 (5 bytes each), not 2^18
    expect(store.bytes).toBe(4096 * 5);
    expect(store.path(2999).path.length).toBe(2999);
  });
});

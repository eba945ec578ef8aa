import type { TracePath } from './ExploreResult.js';

const ROOT = 0xffffffff;
const SHIFT = 18;
const CHUNK = 1 << SHIFT;
const MASK = CHUNK - 1;
/** The first chunk starts this small and doubles up to CHUNK (a small run, like each of mnc check's 231, allocates kilobytes, not 1.3 MB). */
const FIRST = 1 << 10;

type Actions = Uint8Array | Uint16Array | Uint32Array;

/**
 * Parent links of the breadth-first search (TLC's trace file, in memory):
 * for each distinct state, in discovery order, the id of its parent and the
 * index of the action that made it. Initial states have no parent and store
 * their index among the initial states. Stored in fixed chunks (nothing is
 * copied as it grows but the first, which doubles from FIRST up to CHUNK; at
 * most one chunk is spare): 5 bytes a state while action indices fit a byte,
 * widened the first time one does not.
 */
export class TraceStore {
  private parents: Uint32Array[] = [];
  private actions: Actions[] = [];
  private width: 1 | 2 | 4 = 1;
  private n = 0;

  get size(): number {
    return this.n;
  }

  get bytes(): number {
    let n = 0;
    for (const p of this.parents) n += p.length;
    return n * (4 + this.width);
  }

  addRoot(initIndex: number): number {
    return this.push(ROOT, initIndex);
  }

  add(parentId: number, actionIndex: number): number {
    return this.push(parentId, actionIndex);
  }

  /** The path from an initial state to state `id`. */
  path(id: number): TracePath {
    const path: number[] = [];
    let cur = id;
    while (this.parentOf(cur) !== ROOT) {
      path.push(this.actionOf(cur));
      cur = this.parentOf(cur);
    }
    return { init: this.actionOf(cur), path: path.reverse() };
  }

  snapshot(): { parent: Uint32Array; action: Actions; n: number } {
    const parent = new Uint32Array(this.n);
    const action = new (this.kind())(this.n);
    for (let c = 0; c * CHUNK < this.n; c++) {
      const len = Math.min(CHUNK, this.n - c * CHUNK);
      parent.set(this.parents[c]!.subarray(0, len), c * CHUNK);
      action.set(this.actions[c]!.subarray(0, len), c * CHUNK);
    }
    return { parent, action, n: this.n };
  }

  static restore(parent: Uint32Array, action: Actions, n: number): TraceStore {
    const store = new TraceStore();
    store.width = action.BYTES_PER_ELEMENT as 1 | 2 | 4;
    for (let i = 0; i < n; i++) store.push(parent[i]!, action[i]!);
    return store;
  }

  private parentOf(id: number): number {
    return this.parents[id >>> SHIFT]![id & MASK]!;
  }

  private actionOf(id: number): number {
    return this.actions[id >>> SHIFT]![id & MASK]!;
  }

  private kind(): Uint8ArrayConstructor | Uint16ArrayConstructor | Uint32ArrayConstructor {
    return this.width === 1 ? Uint8Array : this.width === 2 ? Uint16Array : Uint32Array;
  }

  private push(parentId: number, actionIndex: number): number {
    if (actionIndex > 0xff && this.width === 1) this.widen(2);
    if (actionIndex > 0xffff && this.width === 2) this.widen(4);
    const c = this.n >>> SHIFT;
    if (c === this.parents.length) {
      const len = c === 0 ? FIRST : CHUNK;
      this.parents.push(new Uint32Array(len));
      this.actions.push(new (this.kind())(len));
    } else if ((this.n & MASK) === this.parents[c]!.length) {
      this.growFirst();
    }
    this.parents[c]![this.n & MASK] = parentId;
    this.actions[c]![this.n & MASK] = actionIndex;
    return this.n++;
  }

  /** The first chunk, full below CHUNK: doubled (the only chunk ever copied). */
  private growFirst(): void {
    const len = Math.min(CHUNK, this.parents[0]!.length * 2);
    const p = new Uint32Array(len);
    p.set(this.parents[0]!);
    this.parents[0] = p;
    const a = new (this.kind())(len);
    a.set(this.actions[0]!);
    this.actions[0] = a;
  }

  private widen(width: 2 | 4): void {
    this.width = width;
    this.actions = this.actions.map((a) => {
      const w = new (this.kind())(a.length);
      w.set(a);
      return w;
    });
  }
}

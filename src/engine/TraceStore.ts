import type { TracePath } from './ExploreResult.js';

const ROOT = 0xffffffff;

/**
 * Parent links of the breadth-first search (TLC's trace file, in memory):
 * for each distinct state, in discovery order, the id of its parent and the
 * index of the action that made it. Initial states have no parent and store
 * their index among the initial states. 5 bytes a state while action indices
 * fit a byte; it widens to 6 the first time one does not.
 */
export class TraceStore {
  private parent: Uint32Array;
  private action: Uint8Array | Uint16Array | Uint32Array;
  private n = 0;

  constructor(expected = 1 << 16) {
    this.parent = new Uint32Array(Math.max(16, expected));
    this.action = new Uint8Array(Math.max(16, expected));
  }

  get size(): number {
    return this.n;
  }

  get bytes(): number {
    return this.parent.byteLength + this.action.byteLength;
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
    while (this.parent[cur] !== ROOT) {
      path.push(this.action[cur]!);
      cur = this.parent[cur]!;
    }
    return { init: this.action[cur]!, path: path.reverse() };
  }

  snapshot(): { parent: Uint32Array; action: Uint8Array | Uint16Array | Uint32Array; n: number } {
    return { parent: this.parent.subarray(0, this.n), action: this.action.subarray(0, this.n), n: this.n };
  }

  static restore(parent: Uint32Array, action: Uint8Array | Uint16Array | Uint32Array, n: number): TraceStore {
    const store = new TraceStore(n + 16);
    store.parent.set(parent.subarray(0, n));
    store.action = new (action.constructor as Uint32ArrayConstructor)(store.parent.length);
    store.action.set(action.subarray(0, n));
    store.n = n;
    return store;
  }

  private push(parentId: number, actionIndex: number): number {
    if (this.n === this.parent.length) this.resize(Math.ceil(this.n * 1.5));
    if (actionIndex > 0xff && this.action instanceof Uint8Array) this.widen(Uint16Array);
    if (actionIndex > 0xffff && this.action instanceof Uint16Array) this.widen(Uint32Array);
    this.parent[this.n] = parentId;
    this.action[this.n] = actionIndex;
    return this.n++;
  }

  private resize(cap: number): void {
    const p = new Uint32Array(cap);
    p.set(this.parent);
    this.parent = p;
    const a = new (this.action.constructor as Uint32ArrayConstructor)(cap);
    a.set(this.action);
    this.action = a;
  }

  private widen(kind: Uint16ArrayConstructor | Uint32ArrayConstructor): void {
    const a = new kind(this.parent.length);
    a.set(this.action);
    this.action = a;
  }
}

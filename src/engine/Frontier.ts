/**
 * A breadth-first level: the states waiting to be expanded. Packed models
 * keep theirs in one flat Int32Array (no object a state); others in an array.
 */
export interface Frontier<S> {
  readonly length: number;
  /** Stores a copy of `state` when packed (the caller may reuse its buffer). */
  push(state: S): void;
  get(i: number): S;
}

export class ObjectFrontier<S> implements Frontier<S> {
  private readonly items: S[] = [];
  get length(): number {
    return this.items.length;
  }
  push(state: S): void {
    this.items.push(state);
  }
  get(i: number): S {
    return this.items[i]!;
  }
}

export class PackedFrontier implements Frontier<Int32Array> {
  private buf: Int32Array;
  private n = 0;

  constructor(private readonly width: number) {
    this.buf = new Int32Array(width * 1024);
  }

  get length(): number {
    return this.n;
  }

  push(state: Int32Array): void {
    const w = this.width;
    if ((this.n + 1) * w > this.buf.length) {
      const b = new Int32Array(this.buf.length * 2);
      b.set(this.buf);
      this.buf = b;
    }
    this.buf.set(state, this.n * w);
    this.n++;
  }

  get(i: number): Int32Array {
    return this.buf.subarray(i * this.width, (i + 1) * this.width);
  }
}

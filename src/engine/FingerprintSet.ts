/**
 * The set of seen states, stored as 64-bit fingerprints only (TLC's "seen
 * set"): open addressing with linear probing over a Uint32Array, two words a
 * slot. The all-zero fingerprint marks an empty slot, so a zero fingerprint
 * is stored as (0, 1): a collision of one in 2^64 fingerprints, like any
 * other. Fingerprint collisions may hide states; the probability is reported
 * by `collisionOdds`.
 */
export class FingerprintSet {
  private table: Uint32Array;
  private mask: number;
  private count = 0;
  private limit: number;

  constructor(
    expected = 1 << 16,
    private readonly maxLoad = 0.8,
  ) {
    let cap = 1 << 10;
    while (cap * maxLoad < expected) cap *= 2;
    this.table = new Uint32Array(cap * 2);
    this.mask = cap - 1;
    this.limit = Math.floor(cap * maxLoad);
  }

  get size(): number {
    return this.count;
  }

  get bytes(): number {
    return this.table.byteLength;
  }

  /** Adds the fingerprint; true when it was not there before. */
  add(hi: number, lo: number): boolean {
    if (hi === 0 && lo === 0) lo = 1;
    const t = this.table;
    let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & this.mask;
    for (;;) {
      const j = i << 1;
      const h = t[j]!;
      const l = t[j + 1]!;
      if (h === 0 && l === 0) {
        t[j] = hi;
        t[j + 1] = lo;
        if (++this.count > this.limit) this.grow();
        return true;
      }
      if (h === hi && l === lo) return false;
      i = (i + 1) & this.mask;
    }
  }

  has(hi: number, lo: number): boolean {
    if (hi === 0 && lo === 0) lo = 1;
    const t = this.table;
    let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & this.mask;
    for (;;) {
      const j = i << 1;
      const h = t[j]!;
      const l = t[j + 1]!;
      if (h === 0 && l === 0) return false;
      if (h === hi && l === lo) return true;
      i = (i + 1) & this.mask;
    }
  }

  /** Probability that some pair of the stored fingerprints collided (birthday bound). */
  collisionOdds(): number {
    return (this.count * this.count) / 2 / 2 ** 64;
  }

  /** The raw table, for checkpoints. */
  snapshot(): { table: Uint32Array; count: number } {
    return { table: this.table, count: this.count };
  }

  static restore(table: Uint32Array, count: number, maxLoad = 0.8): FingerprintSet {
    const set = new FingerprintSet(1, maxLoad);
    set.table = table;
    set.mask = table.length / 2 - 1;
    set.limit = Math.floor((table.length / 2) * maxLoad);
    set.count = count;
    return set;
  }

  private grow(): void {
    const old = this.table;
    const cap = (this.mask + 1) * 2;
    this.table = new Uint32Array(cap * 2);
    this.mask = cap - 1;
    this.limit = Math.floor(cap * this.maxLoad);
    this.count = 0;
    for (let j = 0; j < old.length; j += 2) {
      const h = old[j]!;
      const l = old[j + 1]!;
      if (h !== 0 || l !== 0) this.add(h, l);
    }
  }
}

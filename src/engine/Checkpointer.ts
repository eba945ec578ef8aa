import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { fingerprintHex } from './fingerprint.js';

/** What a breadth-first run needs to go on from a level boundary. */
export interface BfsSnapshot {
  readonly table: Uint32Array;
  readonly count: number;
  readonly parent: Uint32Array;
  readonly action: Uint8Array | Uint16Array | Uint32Array;
  readonly n: number;
  /** The level being expanded (what is left of it). */
  readonly frontier: Uint32Array;
  /** The next level as far as it was found: a checkpoint inside a level (budget, interruption) has one. */
  readonly next: Uint32Array;
  readonly transitions: number;
  readonly depth: number;
  readonly seconds: number;
  readonly reached: readonly boolean[];
}

const MAGIC = 'mnc-checkpoint-2';

/**
 * Checkpoints of a breadth-first run, written atomically (temp file, then
 * rename) at most every `everySeconds` at level boundaries, and when a
 * budget or an interruption ends the run. The frontier is stored as state ids
 * and rebuilt on resume by replaying their traces, so the engine needs no
 * state serialisation. `runId` names the model and options: a checkpoint of
 * another run is refused.
 */
export class Checkpointer {
  private last = performance.now();

  constructor(
    readonly file: string,
    readonly runId: string,
    private readonly everySeconds = 300,
  ) {}

  maybeSave(take: () => BfsSnapshot): void {
    const now = performance.now();
    if (now - this.last < this.everySeconds * 1000) return;
    this.last = now;
    this.save(take());
  }

  save(s: BfsSnapshot): void {
    const arrays = [s.table, s.parent, s.action, s.frontier, s.next];
    const header = JSON.stringify({
      magic: MAGIC,
      run: fingerprintHex(this.runId),
      count: s.count,
      n: s.n,
      transitions: s.transitions,
      depth: s.depth,
      seconds: s.seconds,
      reached: s.reached,
      actionWidth: s.action.BYTES_PER_ELEMENT,
      lengths: arrays.map((a) => a.byteLength),
    });
    const head = Buffer.from(header + '\n', 'utf8');
    const parts = [head, ...arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))];
    const tmp = `${this.file}.tmp-${process.pid}`;
    writeFileSync(tmp, Buffer.concat(parts));
    renameSync(tmp, this.file);
  }

  /** The snapshot in `file`, or an error message naming it. */
  load(): BfsSnapshot | string {
    let buf: Buffer;
    try {
      buf = readFileSync(this.file);
    } catch {
      return `${this.file}: cannot read checkpoint`;
    }
    const nl = buf.indexOf(10);
    let h: Record<string, unknown>;
    try {
      h = JSON.parse(buf.subarray(0, nl).toString('utf8')) as Record<string, unknown>;
    } catch {
      return `${this.file}: not an mnc checkpoint`;
    }
    if (h.magic !== MAGIC) return `${this.file}: not an mnc checkpoint`;
    if (h.run !== fingerprintHex(this.runId)) return `${this.file}: checkpoint of another model or options`;
    const lengths = h.lengths as number[];
    let off = nl + 1;
    const take = (len: number): ArrayBuffer => {
      const ab = new ArrayBuffer(len);
      new Uint8Array(ab).set(buf.subarray(off, off + len));
      off += len;
      return ab;
    };
    if (buf.length !== off + lengths.reduce((a, b) => a + b, 0)) return `${this.file}: truncated checkpoint`;
    const width = h.actionWidth as number;
    const actionKind = width === 1 ? Uint8Array : width === 2 ? Uint16Array : Uint32Array;
    return {
      table: new Uint32Array(take(lengths[0]!)),
      count: h.count as number,
      parent: new Uint32Array(take(lengths[1]!)),
      action: new actionKind(take(lengths[2]!)),
      n: h.n as number,
      frontier: new Uint32Array(take(lengths[3]!)),
      next: new Uint32Array(take(lengths[4]!)),
      transitions: h.transitions as number,
      depth: h.depth as number,
      seconds: h.seconds as number,
      reached: h.reached as boolean[],
    };
  }

  clear(): void {
    rmSync(this.file, { force: true });
  }
}

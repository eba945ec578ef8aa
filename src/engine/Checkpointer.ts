import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { fingerprintHex } from './fingerprint.js';
import type { Violation } from './ExploreResult.js';

/** What a breadth-first run needs to go on from where it stopped. */
export interface BfsSnapshot {
  readonly table: Uint32Array;
  readonly count: number;
  readonly parent: Uint32Array;
  readonly action: Uint8Array | Uint16Array | Uint32Array;
  readonly n: number;
  /** The level being expanded (what is left of it). */
  readonly frontier: Uint32Array;
  /** The next level as far as it was found: a checkpoint inside a level (a budget ended the run there) has one. */
  readonly next: Uint32Array;
  readonly transitions: number;
  readonly depth: number;
  readonly seconds: number;
  readonly reached: readonly boolean[];
  /** Violations found before the checkpoint (`--all-violations` goes on after them): a resume reports them too. */
  readonly violations: readonly Violation[];
}

/** Writes a file atomically (the CLI passes src/util/writeAtomic: the engine imports nothing outside itself). */
export type AtomicWrite = (path: string, data: readonly Uint8Array[]) => void;

const MAGIC = 'mnc-checkpoint-3';
/** The file ends in the SHA-256 of everything before it, in hex. */
const SUM_BYTES = 64;
/** The parent of an initial state in the trace store. */
const ROOT = 0xffffffff;
const KINDS = ['invariant', 'step', 'terminal', 'deadlock', 'unreachable'];

/**
 * Checkpoints of a breadth-first run, written atomically at most every
 * `everySeconds` at level boundaries, and when a budget ends the run. The
 * frontier is stored as state ids and rebuilt on resume by
 * replaying their traces, so the engine needs no state serialisation.
 * `runId` names the model and options: a checkpoint of another run is
 * refused. A checksum over the whole file refuses a damaged or edited one
 * (which would otherwise resume to wrong counts or fail inside the replay).
 */
export class Checkpointer {
  private last = performance.now();
  /** The first error of a failed checkpoint write, if any (the run went on; the previous checkpoint, if any, stays). */
  failure: unknown;

  constructor(
    readonly file: string,
    readonly runId: string,
    private readonly write: AtomicWrite,
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
      violations: s.violations,
      actionWidth: s.action.BYTES_PER_ELEMENT,
      lengths: arrays.map((a) => a.byteLength),
    });
    const parts = [Buffer.from(header + '\n', 'utf8'), ...arrays.map((a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength))];
    const hash = createHash('sha256');
    for (const p of parts) hash.update(p);
    try {
      this.write(this.file, [...parts, Buffer.from(hash.digest('hex'), 'latin1')]);
    } catch (e) {
      // A failed checkpoint must not end the run and lose its verdict: the caller reports it afterwards.
      this.failure ??= e;
    }
  }

  /** The snapshot in `file`, or a one-line error naming it. */
  load(): BfsSnapshot | string {
    let buf: Buffer;
    try {
      buf = readFileSync(this.file);
    } catch (e) {
      return `${this.file}: cannot read checkpoint (${(e as NodeJS.ErrnoException).code ?? 'error'})`;
    }
    const nl = buf.indexOf(10);
    let h: Record<string, unknown>;
    try {
      h = JSON.parse(buf.subarray(0, nl < 0 ? buf.length : nl).toString('utf8')) as Record<string, unknown>;
    } catch {
      return `${this.file}: not an mnc checkpoint`;
    }
    if (typeof h !== 'object' || h === null || typeof h.magic !== 'string' || !h.magic.startsWith('mnc-checkpoint-'))
      return `${this.file}: not an mnc checkpoint`;
    if (h.magic !== MAGIC) return `${this.file}: a checkpoint of another mnc version (${h.magic}); start again without --resume`;
    const body = buf.length - SUM_BYTES;
    if (nl < 0 || body <= nl) return `${this.file}: truncated checkpoint`;
    const sum = createHash('sha256').update(buf.subarray(0, body)).digest('hex');
    if (sum !== buf.subarray(body).toString('latin1')) return `${this.file}: damaged checkpoint (checksum mismatch): start again without --resume`;
    if (h.run !== fingerprintHex(this.runId)) return `${this.file}: checkpoint of another model or options`;
    const lengths = h.lengths;
    const width = h.actionWidth;
    const bad =
      !Array.isArray(lengths) || lengths.length !== 5 || !lengths.every((l, i) => Number.isInteger(l) && l >= 0 && l % (i === 2 ? Number(width) : 4) === 0)
        ? 'lengths'
        : ![1, 2, 4].includes(width as number)
          ? 'actionWidth'
          : !['count', 'n', 'transitions', 'depth'].every((k) => Number.isInteger(h[k]) && (h[k] as number) >= 0)
            ? 'counters'
            : !Array.isArray(h.reached) || !h.reached.every((r) => typeof r === 'boolean')
              ? 'reached'
              : !Array.isArray(h.violations) || !h.violations.every(isViolation)
                ? 'violations'
                : undefined;
    if (bad !== undefined) return `${this.file}: not a valid mnc checkpoint (field ${bad})`;
    const ls = lengths as number[];
    if (body !== nl + 1 + ls.reduce((a, b) => a + b, 0)) return `${this.file}: truncated checkpoint`;
    let off = nl + 1;
    const take = (len: number): ArrayBuffer => {
      const ab = new ArrayBuffer(len);
      new Uint8Array(ab).set(buf.subarray(off, off + len));
      off += len;
      return ab;
    };
    const actionKind = width === 1 ? Uint8Array : width === 2 ? Uint16Array : Uint32Array;
    const table = new Uint32Array(take(ls[0]!));
    const parent = new Uint32Array(take(ls[1]!));
    const action = new actionKind(take(ls[2]!));
    const frontier = new Uint32Array(take(ls[3]!));
    const next = new Uint32Array(take(ls[4]!));
    const n = h.n as number;
    // Ids are given out in order: a state's parent comes before it, and the levels name stored states.
    const consistent =
      parent.length === n && action.length === n && parent.every((p, i) => p === ROOT || p < i) && frontier.every((id) => id < n) && next.every((id) => id < n);
    if (!consistent) return `${this.file}: not a valid mnc checkpoint (trace store)`;
    return {
      table,
      count: h.count as number,
      parent,
      action,
      n,
      frontier,
      next,
      transitions: h.transitions as number,
      depth: h.depth as number,
      seconds: Number(h.seconds) || 0,
      reached: h.reached as boolean[],
      violations: h.violations as Violation[],
    };
  }

  clear(): void {
    rmSync(this.file, { force: true });
  }
}

function isViolation(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  const t = o.trace as Record<string, unknown> | undefined;
  return (
    typeof o.property === 'string' &&
    typeof o.kind === 'string' &&
    KINDS.includes(o.kind) &&
    typeof o.message === 'string' &&
    typeof t === 'object' &&
    t !== null &&
    Number.isInteger(t.init) &&
    Array.isArray(t.path) &&
    t.path.every((k) => Number.isInteger(k) && k >= 0)
  );
}

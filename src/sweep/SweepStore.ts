import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SweepRecord, SweepReport, SweepSummary } from './SweepRecord.js';

/** A finished configuration as stored: its record and the code hash it was explored with. */
interface Stored {
  readonly hash: string;
  readonly record: SweepRecord;
}

/**
 * The results of finished configurations, one JSON line each in
 * `DIR/results.jsonl`, appended as each finishes (one write per line): the
 * checkpoint of a sweep and its incremental cache. A line cut short by a
 * kill is ignored on reading; the last line for an id wins.
 */
export class SweepStore {
  readonly file: string;
  private readonly dir: string;
  private readonly byId = new Map<string, Stored>();

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    this.dir = dir;
    this.file = join(dir, 'results.jsonl');
    if (!existsSync(this.file)) return;
    for (const line of readFileSync(this.file, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      try {
        const s = JSON.parse(line) as Stored;
        if (typeof s.hash === 'string' && typeof s.record?.id === 'string') this.byId.set(s.record.id, s);
      } catch {
        // a line cut short by a kill: that configuration is explored again
      }
    }
  }

  /** The summary of the last report written to `DIR/sweep.json`, if one can be read. */
  previousReport(): SweepSummary | undefined {
    try {
      return (JSON.parse(readFileSync(join(this.dir, 'sweep.json'), 'utf8')) as SweepReport).summary;
    } catch {
      return undefined;
    }
  }

  /** The stored record of `id` explored with code `hash`, if any. */
  get(id: string, hash: string): SweepRecord | undefined {
    const s = this.byId.get(id);
    return s !== undefined && s.hash === hash ? s.record : undefined;
  }

  put(hash: string, record: SweepRecord): void {
    const s: Stored = { hash, record };
    this.byId.set(record.id, s);
    appendFileSync(this.file, JSON.stringify(s) + '\n');
  }
}

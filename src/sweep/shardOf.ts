import { createHash } from 'node:crypto';

export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** The shard (0-based) a configuration id belongs to among `count`: a hash of the id, the same on every machine. */
export function shardOf(id: string, count: number): number {
  const h = createHash('sha256').update(id).digest();
  return h.readUInt32BE(0) % count;
}

/** Parses `I/N` (1-based I, as CI matrices number jobs) into a 0-based shard; undefined when malformed. */
export function parseShard(text: string): Shard | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return undefined;
  const i = Number(m[1]);
  const n = Number(m[2]);
  if (n < 1 || i < 1 || i > n || n > 100_000) return undefined;
  return { index: i - 1, count: n };
}

/**
 * The parameters of the kvm-race(P, F, Z, M) benchmark
 * (bench/spin/kvm-race.md) and their ranges (the CLI's
 * `--set NAME=VALUE` and `--variant` are checked against these).
 */

/** `count`: the fault re-checks `count != 0 || seq != s`; `nocount`: only `seq != s` (buggy). */
export const KVM_RACE_VARIANTS = ['count', 'nocount'] as const;
export type KvmRaceVariant = (typeof KVM_RACE_VARIANTS)[number];

export interface KvmRaceOptions {
  /** Pages. */
  readonly P: number;
  /** Fault threads (fault thread k faults page k mod P, for write). */
  readonly F: number;
  /** zap_page_range threads. */
  readonly Z: number;
  /** mprotect (write-protect) threads. */
  readonly M: number;
  readonly variant: KvmRaceVariant;
}

/** One numeric parameter: what `--set NAME=VALUE` accepts. */
export interface ParamSpec {
  readonly name: 'P' | 'F' | 'Z' | 'M';
  readonly description: string;
  readonly default: number;
  readonly min: number;
  readonly max: number;
}

/** Ranges keep every field inside its bits of the packed state (see KvmRaceLayout). */
export const KVM_RACE_PARAMS: readonly ParamSpec[] = [
  { name: 'P', description: 'pages', default: 3, min: 1, max: 16 },
  { name: 'F', description: 'fault threads (thread k faults page k mod P)', default: 3, min: 0, max: 16 },
  { name: 'Z', description: 'zap_page_range threads', default: 2, min: 0, max: 8 },
  { name: 'M', description: 'mprotect threads', default: 1, min: 0, max: 8 },
];

export const KVM_RACE_DEFAULTS: KvmRaceOptions = { P: 3, F: 3, Z: 2, M: 1, variant: 'count' };

/** Why `o` is out of range (one line naming the value), or undefined when it is fine. */
export function kvmRaceOptionsError(o: KvmRaceOptions): string | undefined {
  for (const p of KVM_RACE_PARAMS) {
    const v = o[p.name];
    if (!Number.isSafeInteger(v) || v < p.min || v > p.max) {
      return `kvm-race: ${p.name}=${v} is not an integer in ${p.min}..${p.max} (${p.description})`;
    }
  }
  if (!(KVM_RACE_VARIANTS as readonly string[]).includes(o.variant)) {
    return `kvm-race: unknown variant '${o.variant}' (known: ${KVM_RACE_VARIANTS.join(', ')})`;
  }
  return undefined;
}

/** `o` itself when it is in range; else throws a RangeError with the one-line reason. */
export function checkedKvmRaceOptions(o: KvmRaceOptions): KvmRaceOptions {
  const message = kvmRaceOptionsError(o);
  if (message !== undefined) throw new RangeError(message);
  return o;
}

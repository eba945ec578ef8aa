/**
 * The configuration space of a sweep: for each site path, each layout it
 * runs on, each call of its operation there, each set of subscribers (one
 * mirror of each kind; two in every order), and each set of racing threads
 * (device accesses through each mirror, CPU accesses from every mm that
 * maps the page, a second site operation) within the bounds. Configurations
 * equal up to renaming are generated once; what the kernel refuses is not
 * generated; both are counted by reason.
 */
import type { MirrorSpec, Scenario, ThreadSpec } from '../scenario/Scenario.js';
import { MIRROR_KINDS } from '../mirrors/mirrorKinds.js';
import type { EventProfile } from '../sites/catalog.js';
import { canonicalId } from './canonicalId.js';
import type { SitePath } from './SitePath.js';
import { SITE_PATHS } from './sitePaths.js';
import { FULL_GATHER, FULL_GATHER_TEXT, type SweepBounds } from './SweepScope.js';
import type { SweepConfig, SweepSpace } from './SweepConfig.js';
import type { SweepLayout } from './SweepLayout.js';

export interface SweepFilter {
  readonly sites?: readonly number[];
  /** Only configurations with a mirror of this kind. */
  readonly mirror?: string;
  /** Only configurations of the layout of this name (as in their ids: `thp-fault@0`, `fork:thp@0`, `anon-rw@0+full-gather`). */
  readonly layout?: string;
  readonly events: EventProfile;
}

interface Access {
  readonly spec: ThreadSpec;
  readonly text: string;
}

/** Ordered subscriber lists: each kind alone, then (bounds allowing) each ordered pair. */
function subscriberSets(pairs: boolean): string[][] {
  const kinds = MIRROR_KINDS.map((k) => k.kind);
  const out = kinds.map((k) => [k]);
  if (pairs) for (const a of kinds) for (const b of kinds) out.push([a, b]);
  return out;
}

/** Every subset of `xs` of size at most `k`, in a fixed order. */
function subsets<T>(xs: readonly T[], k: number): T[][] {
  const out: T[][] = [[]];
  const go = (from: number, acc: T[]) => {
    for (let i = from; i < xs.length; i++) {
      const next = [...acc, xs[i]!];
      out.push(next);
      if (next.length < k) go(i + 1, next);
    }
  };
  if (k > 0) go(0, []);
  return out;
}

/** The pages an access may target: the first and the last page of the layout's span. */
const targets = (l: SweepLayout): number[] => [...new Set([l.span[0], l.span[1] - 1])];

const mapsAddr = (l: SweepLayout, mm: number, a: number): boolean => l.mms[mm]!.vmas.some((v) => v.start <= a && a < v.end);

function accessesOf(l: SweepLayout, mirrors: readonly MirrorSpec[], cpu: boolean): Access[] {
  const out: Access[] = [];
  for (const a of targets(l)) {
    for (const write of [false, true]) {
      mirrors.forEach((m, i) =>
        out.push({
          spec: { name: `dev${i}`, op: 'device_access', args: { m: i, addr: a, write } },
          text: `${m.name}: device ${write ? 'write' : 'read'} ${a}`,
        }),
      );
      if (cpu)
        l.mms.forEach(
          (_, mm) =>
            mapsAddr(l, mm, a) &&
            !(l.idle ?? []).includes(mm) &&
            out.push({ spec: { name: `cpu${mm}`, op: 'cpu_access', args: { mm, addr: a, write } }, text: `cpu mm${mm}: ${write ? 'write' : 'read'} ${a}` }),
        );
    }
  }
  return out;
}

/** Unique thread names (accesses of one kind numbered in order). */
function named(threads: readonly ThreadSpec[]): ThreadSpec[] {
  const seen = new Map<string, number>();
  return threads.map((t) => {
    const n = seen.get(t.name) ?? 0;
    seen.set(t.name, n + 1);
    return n === 0 ? t : { ...t, name: `${t.name}_${n}` };
  });
}

export function generateSweep(bounds: SweepBounds, filter: SweepFilter, paths: readonly SitePath[] = SITE_PATHS): SweepSpace {
  const configs: SweepConfig[] = [];
  const skipped: Record<string, number> = {};
  const skip = (why: string, n = 1) => (skipped[why] = (skipped[why] ?? 0) + n);
  const ids = new Set<string>();
  for (const p of paths) {
    if (filter.sites && !filter.sites.includes(p.site)) continue;
    const layouts = p.layouts(bounds);
    layouts.forEach((l, li) => {
      // the layout as it is, and with the mmu_gather batch full at every page (SweepScope.ts FULL_GATHER), by the names in the ids
      const full = p.gathers === true;
      const names = full ? [l.name, `${l.name}${FULL_GATHER}`] : [l.name];
      if (filter.layout !== undefined && !names.includes(filter.layout)) return;
      const pairs = bounds.maxMirrors >= 2 && (bounds.pairs === 'all' || li === 0);
      for (const call of p.calls(l)) {
        for (const kinds of subscriberSets(pairs)) {
          if (filter.mirror !== undefined && !kinds.includes(filter.mirror)) continue;
          if ('skip' in call) {
            skip(`kernel refuses: ${call.skip}`);
            continue;
          }
          const mirrors: MirrorSpec[] = kinds.map((kind, i) => ({
            name: `${kind}${i}`,
            kind,
            mm: 0,
            ...(l.mapped[0]!.length > 0 ? { entries: [...l.mapped[0]!] } : {}),
          }));
          const room = Math.max(0, (kinds.length > 1 ? Math.min(bounds.pairAccesses + 1, bounds.maxThreads) : bounds.maxThreads) - 1);
          const op: ThreadSpec = { name: call.thread ?? p.path, op: p.op, args: call.args };
          const extra: Access[] = bounds.secondOp ? [{ spec: { ...op, name: `${p.path}2` }, text: `${call.text} (again)` }] : [];
          const racers: Access[] = [...(p.racers?.(l) ?? [])];
          for (const acc of subsets([...accessesOf(l, mirrors, bounds.cpu), ...racers, ...extra], room)) {
            if (p.single !== undefined && extra.length > 0 && acc.includes(extra[0]!)) {
              skip(`no kernel interleaving: ${p.single}`);
              continue;
            }
            const threads = named([op, ...l.setup, ...acc.map((a) => a.spec)]);
            const base: Scenario = {
              name: '',
              description: `site #${p.site} by ${p.path}: ${l.text}; ${kinds.join(', ')}; ${call.text}${acc.length ? ' vs ' + acc.map((a) => a.text).join(', ') : ''}`,
              expect: 'ok',
              geometry: l.geometry,
              frames: l.frames + 2,
              ...(l.files ? { files: l.files } : {}),
              mms: l.mms.map((m, i) => ({ ...m, notifiers: mirrors.filter((x) => x.mm === i).map((x) => x.name) })),
              mirrors,
              threads,
              profile: filter.events,
            };
            const variants: [string, string, Scenario][] = [[l.name, l.text, base]];
            if (full) variants.push([names[1]!, `${l.text}; ${FULL_GATHER_TEXT}`, { ...base, gatherBatch: 1 }]);
            for (const [name, text, scenario] of variants) {
              if (filter.layout !== undefined && filter.layout !== name) continue;
              const id = canonicalId(`s${p.site}-${p.path}-${name}`, scenario);
              if (ids.has(id)) {
                skip('equal up to renaming');
                continue;
              }
              ids.add(id);
              configs.push({
                id,
                site: p.site,
                path: p.path,
                layout: text,
                subscribers: kinds,
                threads: [call.text, ...l.setup.map((t) => `${t.name}: ${t.op}(${Object.values(t.args ?? {}).join(', ')})`), ...acc.map((a) => a.text)],
                scenario: { ...scenario, name: id },
              });
            }
          }
        }
      }
    });
  }
  return { configs, skipped };
}

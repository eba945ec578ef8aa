/**
 * Shape check of a parsed scenario (JSON): every field's type, with a
 * one-line ScenarioError naming the field (`threads[1].op: must be a string`).
 * Semantic checks (overlaps, unknown ops, ...) are in buildInitialState.
 */
import type { Scenario } from './Scenario.js';
import { ScenarioError } from './ScenarioError.js';

type Obj = Record<string, unknown>;
const EVENTS = ['MMU_NOTIFY_UNMAP', 'MMU_NOTIFY_CLEAR', 'MMU_NOTIFY_PROTECTION_VMA', 'MMU_NOTIFY_PROTECTION_PAGE', 'MMU_NOTIFY_SOFT_DIRTY'];

const fail = (f: string, m: string): never => {
  throw new ScenarioError(`${f}: ${m}`);
};
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function obj(v: unknown, f: string, keys: readonly string[]): Obj {
  if (!isObj(v)) return fail(f, 'must be an object');
  for (const k of Object.keys(v)) if (!keys.includes(k)) fail(`${f}.${k}`, `unknown field (known: ${keys.join(', ')})`);
  return v;
}
function arr(v: unknown, f: string): unknown[] {
  if (!Array.isArray(v)) return fail(f, 'must be an array');
  return v;
}
function int(v: unknown, f: string): void {
  if (!Number.isInteger(v)) fail(f, 'must be an integer');
}
function str(v: unknown, f: string): void {
  if (typeof v !== 'string') fail(f, 'must be a string');
}
function bool(v: unknown, f: string): void {
  if (typeof v !== 'boolean') fail(f, 'must be true or false');
}
function opt(o: Obj, k: string, f: string, check: (v: unknown, f: string) => void): void {
  if (o[k] !== undefined) check(o[k], `${f}.${k}`);
}

function sites(v: unknown, f: string): void {
  for (const [id, sc] of Object.entries(obj(v, f, Object.keys(v as Obj)))) {
    const s = obj(sc, `${f}.${id}`, ['event', 'vma']);
    if (!EVENTS.includes(s['event'] as string)) fail(`${f}.${id}.event`, `must be one of ${EVENTS.join(', ')}`);
    str(s['vma'], `${f}.${id}.vma`);
  }
}

export function validateScenario(v: unknown): Scenario {
  const s = obj(v, 'scenario', ['name', 'description', 'expect', 'expectProperty', 'geometry', 'frames', 'files', 'mms', 'mirrors', 'threads', 'profiles', 'profile', 'sites']);
  str(s['name'], 'name');
  opt(s, 'description', '', (x) => str(x, 'description'));
  if (s['expect'] !== 'ok' && s['expect'] !== 'violation') fail('expect', "must be 'ok' or 'violation'");
  opt(s, 'expectProperty', '', (x) => str(x, 'expectProperty'));
  const g = obj(s['geometry'], 'geometry', ['ptesPerTable', 'pmdsPerTable', 'puds']);
  for (const k of ['ptesPerTable', 'pmdsPerTable', 'puds']) int(g[k], `geometry.${k}`);
  int(s['frames'], 'frames');
  if (s['files'] !== undefined) arr(s['files'], 'files').forEach((x, i) => int(x, `files[${i}]`));
  if (s['profile'] !== undefined && s['profile'] !== 'seed' && s['profile'] !== 'v5.2') fail('profile', "must be 'seed' or 'v5.2'");
  if (s['sites'] !== undefined) sites(s['sites'], 'sites');
  if (s['profiles'] !== undefined) {
    const ps = obj(s['profiles'], 'profiles', ['v5.2']);
    if (ps['v5.2'] !== undefined) {
      const e = obj(ps['v5.2'], 'profiles.v5.2', ['expect', 'expectProperty']);
      if (e['expect'] !== 'ok' && e['expect'] !== 'violation') fail('profiles.v5.2.expect', "must be 'ok' or 'violation'");
      opt(e, 'expectProperty', 'profiles.v5.2', (x) => str(x, 'profiles.v5.2.expectProperty'));
    }
  }
  arr(s['mms'], 'mms').forEach((m, i) => {
    const f = `mms[${i}]`;
    const mm = obj(m, f, ['vmas', 'mappings', 'notifiers']);
    arr(mm['vmas'], `${f}.vmas`).forEach((x, j) => {
      const vf = `${f}.vmas[${j}]`;
      const vo = obj(x, vf, ['name', 'start', 'end', 'prot', 'shared', 'mayshare', 'hugetlb', 'locked', 'pfnmap', 'thp', 'file', 'pgoff', 'anonVma']);
      int(vo['start'], `${vf}.start`);
      int(vo['end'], `${vf}.end`);
      str(vo['prot'], `${vf}.prot`);
      opt(vo, 'name', vf, str);
      for (const k of ['shared', 'mayshare', 'hugetlb', 'locked', 'pfnmap', 'thp']) opt(vo, k, vf, bool);
      for (const k of ['file', 'pgoff', 'anonVma']) opt(vo, k, vf, int);
    });
    if (mm['mappings'] !== undefined)
      arr(mm['mappings'], `${f}.mappings`).forEach((x, j) => {
        const mf = `${f}.mappings[${j}]`;
        const mo = obj(x, mf, ['addr', 'write', 'dirty', 'young', 'huge', 'shareWith']);
        int(mo['addr'], `${mf}.addr`);
        for (const k of ['write', 'dirty', 'young', 'huge']) opt(mo, k, mf, bool);
        if (mo['shareWith'] !== undefined) {
          const sw = obj(mo['shareWith'], `${mf}.shareWith`, ['mm', 'addr']);
          int(sw['mm'], `${mf}.shareWith.mm`);
          int(sw['addr'], `${mf}.shareWith.addr`);
        }
      });
    if (mm['notifiers'] !== undefined) arr(mm['notifiers'], `${f}.notifiers`).forEach((x, j) => str(x, `${f}.notifiers[${j}]`));
  });
  if (s['mirrors'] !== undefined)
    arr(s['mirrors'], 'mirrors').forEach((m, i) => {
      const f = `mirrors[${i}]`;
      const mo = obj(m, f, ['name', 'kind', 'mm', 'entries']);
      str(mo['name'], `${f}.name`);
      str(mo['kind'], `${f}.kind`);
      int(mo['mm'], `${f}.mm`);
      if (mo['entries'] !== undefined) arr(mo['entries'], `${f}.entries`).forEach((x, j) => int(x, `${f}.entries[${j}]`));
    });
  arr(s['threads'], 'threads').forEach((t, i) => {
    const f = `threads[${i}]`;
    const to = obj(t, f, ['name', 'op', 'args', 'sites', 'fatalSignal']);
    if (to['fatalSignal'] !== undefined) bool(to['fatalSignal'], `${f}.fatalSignal`);
    str(to['name'], `${f}.name`);
    str(to['op'], `${f}.op`);
    if (to['args'] !== undefined) {
      const a = obj(to['args'], `${f}.args`, Object.keys(isObj(to['args']) ? to['args'] : {}));
      for (const [k, x] of Object.entries(a)) {
        if (!['number', 'string', 'boolean'].includes(typeof x) && x !== null) fail(`${f}.args.${k}`, 'must be a number, string, boolean or null');
      }
    }
    if (to['sites'] !== undefined) sites(to['sites'], `${f}.sites`);
  });
  return v as Scenario;
}

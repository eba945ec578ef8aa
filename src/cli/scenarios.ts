/**
 * The scenarios the CLI knows by name: where the engine meets the model.
 * Each entry builds a model (model/) with its properties (properties/).
 */
import type { BuildOptions, ScenarioEntry } from './ScenarioEntry.js';
import { DEFAULT_MM, mmBuilt } from './mmBuilt.js';
import { UsageError } from './UsageError.js';
import { mutantById } from './mutantById.js';
import { kvmRaceModel } from '../../model/kvm-race/kvmRaceModel.js';
import { KVM_RACE_DEFAULTS, KVM_RACE_PARAMS, KVM_RACE_VARIANTS, kvmRaceOptionsError, type KvmRaceVariant } from '../../model/kvm-race/KvmRaceOptions.js';
import { kvmRaceProperties } from '../../properties/kvmRace.js';
import type { Scenario } from '../../model/scenario/Scenario.js';
import { SITE_SCENARIOS } from '../../model/sites/scenarios/index.js';
import { mmScenarioArbitrary } from '../../model/scenario/arbitrary/mmScenarioArbitrary.js';
import { scenarioOfDraw } from '../../model/scenario/arbitrary/scenarioOfDraw.js';
import { SIMPLEST_DRAW } from '../../model/scenario/arbitrary/SIMPLEST_DRAW.js';
import type { MmDrawBounds } from '../../model/scenario/arbitrary/MmDraw.js';
import { SITE_OPS } from '../../model/scenario/arbitrary/siteOps.js';
import { MIRROR_KINDS } from '../../model/mirrors/mirrorKinds.js';
import { baselineScenario } from '../../properties/mutants/MmMutant.js';

const kvmRace: ScenarioEntry = {
  name: 'kvm-race',
  description: 'the kvm-race(P, F, Z, M) benchmark: zap and mprotect threads against KVM faults (bench/spin/kvm-race.md)',
  params: KVM_RACE_PARAMS,
  variants: KVM_RACE_VARIANTS,
  build(o = { params: {} }) {
    const p = o.params;
    const d = KVM_RACE_DEFAULTS;
    const options = { P: p.P ?? d.P, F: p.F ?? d.F, Z: p.Z ?? d.Z, M: p.M ?? d.M, variant: (o.variant ?? d.variant) as KvmRaceVariant };
    const err = kvmRaceOptionsError(options);
    if (err !== undefined) throw new UsageError(err);
    return { model: kvmRaceModel(options), properties: kvmRaceProperties(options.P) };
  },
};

/** The bounds of mm-random, as parameters. */
const MM_RANDOM_PARAMS = [
  { name: 'mms', description: 'most mms', default: 2, min: 1, max: 2 },
  { name: 'vmas', description: 'most vmas per mm', default: 2, min: 1, max: 3 },
  { name: 'mirrors', description: 'most mirrors', default: 2, min: 0, max: 3 },
  { name: 'access', description: 'most access threads beside the site operation', default: 2, min: 0, max: 3 },
  { name: 'pages', description: 'most pages (1, 2, 4 or 8)', default: 4, min: 1, max: 8 },
  {
    name: 'kinds',
    description: `mirror kinds, a bit mask: ${MIRROR_KINDS.map((k, i) => `${k.kind}=${1 << i}`).join(' ')}`,
    default: (1 << MIRROR_KINDS.length) - 1,
    min: 0,
    max: (1 << MIRROR_KINDS.length) - 1,
  },
  {
    name: 'ops',
    description: `site operations, a bit mask: ${SITE_OPS.map((o, i) => `${o.op}=${1 << i}`).join(' ')}`,
    default: (1 << SITE_OPS.length) - 1,
    min: 1,
    max: (1 << SITE_OPS.length) - 1,
  },
];

function mmBounds(o: BuildOptions | undefined): MmDrawBounds {
  const p = (n: string) => o?.params[n] ?? MM_RANDOM_PARAMS.find((x) => x.name === n)!.default;
  if (![1, 2, 4, 8].includes(p('pages'))) throw new UsageError(`--set pages=${p('pages')}: expected 1, 2, 4 or 8`);
  return { mms: p('mms'), vmas: p('vmas'), mirrors: p('mirrors'), access: p('access'), pages: p('pages'), kinds: p('kinds'), ops: p('ops') };
}

const mmRandom: ScenarioEntry = {
  name: 'mm-random',
  description:
    'drawn mm scenarios: 1-2 mms, vmas anywhere (anon, file, shared, hugetlb), mappings, mirrors of every kind in a drawn order, ' +
    'one site operation and CPU/device accesses (mnc random draws and shrinks them)',
  params: MM_RANDOM_PARAMS,
  variants: [],
  mm: true,
  build: (o) => mmBuilt(scenarioOfDraw(SIMPLEST_DRAW, mmBounds(o)), o?.mm),
  space: (o) => ({ arbitrary: mmScenarioArbitrary(mmBounds(o)), build: (drawn) => mmBuilt(drawn as Scenario, o.mm) }),
};

const ENTRIES: ScenarioEntry[] = [kvmRace, mmRandom];

/** Every site scenario of `mnc check`, by name (`mnc random NAME`, `mnc explore NAME`), in the fixed order of model/sites/scenarios. */
const SITE_ENTRIES: ScenarioEntry[] = SITE_SCENARIOS.map(({ site, scenario }) => ({
  name: scenario.name,
  description: `site #${site}: ${scenario.description ?? scenario.name}`,
  params: [],
  variants: [],
  mm: true,
  build: (o) => mmBuilt(scenario, o?.mm ?? DEFAULT_MM),
}));

/** The mm scenario a mutant varies (its baseline), with the mutant applied: `mnc random --mutant ID`. */
export function mutantBaselineEntry(id: string): ScenarioEntry {
  const spec = mutantById(id)!;
  const base = baselineScenario(spec.baseline);
  return {
    name: base.name,
    description: `the baseline of mutant ${id}`,
    params: [],
    variants: [],
    mm: true,
    build: (o) => mmBuilt(base, o?.mm ?? { ...DEFAULT_MM, mutant: id }),
  };
}

export function scenarioRegistry(): readonly ScenarioEntry[] {
  return ENTRIES;
}

/** The site scenarios as entries (fixed order). */
export function siteScenarioEntries(): readonly ScenarioEntry[] {
  return SITE_ENTRIES;
}

export function findScenario(name: string): ScenarioEntry {
  const e = ENTRIES.find((x) => x.name === name) ?? SITE_ENTRIES.find((x) => x.name === name);
  if (!e) {
    const known = ENTRIES.map((x) => x.name).join(', ');
    throw new UsageError(`unknown scenario '${name}' (known: ${known || 'none'}; see 'mnc scenarios')`);
  }
  return e;
}

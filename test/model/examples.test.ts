/**
 * Every example scenario file meets the expectation it states (`expect`, and
 * for a violation the `expectProperty` that must fail), explored with the
 * whole contract (properties/mmProperties.ts) and judged as `mnc test` judges
 * it (runScenarioTest). The pinned counts (test/model/pinnedCounts.test.ts)
 * explore the same files with the same contract but compare with recorded
 * results, which `npm run -s pin` regenerates; this test holds the files' own
 * expectations, which no regeneration changes.
 */
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../model/scenario/loadScenarioFile.js';
import { runScenarioTest } from '../../src/cli/runScenarioTest.js';
import { scenarioFiles } from '../../src/cli/scenarioFiles.js';
import { EXAMPLES_DIR } from '../util/pinnedCounts.js';

const files = scenarioFiles([EXAMPLES_DIR]);

describe('example scenarios meet their stated expectations under the whole contract', () => {
  it('finds the examples, JSON and a module', () => {
    expect(files.map((f) => f.path.slice(EXAMPLES_DIR.length + 1))).toEqual([
      'aware-wrong-event.json',
      'madvise-dontneed-vs-kvm-fault.json',
      'truncate-vs-hmm52-fault.json',
      'two-mms-kvm-odp.json',
      'vma-at-zero-two-mirrors-ordered.json',
      'zap-twice-vs-kvm.ts',
    ]);
  });
  for (const f of files) {
    it(f.path, async () => {
      const r = await runScenarioTest(f, { maxStates: 200_000 }, undefined);
      // An expected violation names its property, and nothing else fails: one violation cannot pass for another.
      expect(r?.expected).not.toBe('a violation');
      expect(r?.result).toBe(r?.expected);
      expect(r?.status).toBe('pass');
    });
  }
});

describe('a TypeScript scenario module', () => {
  it('adds its own operation, which the scenario runs', async () => {
    const mod = await loadScenarioFile(`${EXAMPLES_DIR}/zap-twice-vs-kvm.ts`);
    expect(mod.programs?.map((p) => p.name)).toEqual(['zap_twice']);
    expect(mod.scenario.threads.map((t) => t.op)).toContain('zap_twice');
  });
});

// The example scenarios, mutant baselines and mutants, with and without --por (porDifferential.ts).
import { describe } from 'vitest';
import { porDifferential } from './porDifferential.js';

describe('por keeps every verdict: examples, mutant baselines, mutants', async () => {
  await porDifferential((n) => !n.startsWith('site/'));
});

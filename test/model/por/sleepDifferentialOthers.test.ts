// The example scenarios, mutant baselines and mutants, with --por and sleep sets, and without (porDifferential.ts).
import { describe } from 'vitest';
import { porDifferential } from './porDifferential.js';

describe('por with sleep sets keeps every verdict: examples, mutant baselines, mutants', async () => {
  await porDifferential((n) => !n.startsWith('site/'), true);
});

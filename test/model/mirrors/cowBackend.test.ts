import { describe, expect, it } from 'vitest';
import { buildMmModel } from '../../../model/MmModel.js';
import { MIRROR_KINDS } from '../../../model/mirrors/mirrorKinds.js';
import { bfs } from '../../../src/engine/bfs.js';
import { device, dontneed, oneMirror } from '../util/scenarios.js';

// Mirror state writes go through mutate.ts (mirrorState.draft -> mutMirror): the cow backend in its
// checked mode (every state frozen) explores the same states as immer.
describe('mirror writes under the cow state backend', () => {
  for (const k of MIRROR_KINDS) {
    it(`${k.kind}: same exploration as immer, no write past mutate.ts`, () => {
      const sc = oneMirror(k.kind, [dontneed(), device(0, true)]);
      const run = (backend: 'immer' | 'cow') => {
        const r = bfs(buildMmModel(sc, { state: { backend, checked: backend === 'cow' } }), []);
        return { status: r.status, states: r.stats.distinctStates };
      };
      expect(run('cow')).toEqual(run('immer'));
    });
  }
});

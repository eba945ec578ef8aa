import { describe, expect, it } from 'vitest';
import { ModelError } from '../../../src/engine/Model.js';
import { mirrorState, anyMirror } from '../../../model/mirrors/mirrorState.js';
import type { KvmState } from '../../../model/mirrors/kvm.js';
import type { Hmm52State } from '../../../model/mirrors/hmm52.js';
import { buildInitialState } from '../../../model/scenario/buildInitialState.js';
import { defaultRegistry } from '../../../model/scenario/defaultRegistry.js';
import { oneMirror } from '../util/scenarios.js';

describe('mirrorState', () => {
  const s = buildInitialState(oneMirror('kvm', []), defaultRegistry());

  it('reads a mirror state as its kind', () => {
    const k = mirrorState<KvmState>('kvm').of(s, 0);
    expect([k.count, k.seq, k.entries.length > 0]).toEqual([0, 0, true]);
    expect(anyMirror.of(s, 0).mm).toBe(0);
  });

  it('a mirror of another kind, or no mirror, is a ModelError naming it', () => {
    const hmm = mirrorState<Hmm52State>('hmm52');
    expect(() => hmm.of(s, 0)).toThrow(ModelError);
    expect(() => hmm.of(s, 0)).toThrow(/mir0 is a kvm mirror, not hmm52/);
    expect(() => anyMirror.of(s, 1)).toThrow(/mirror 1 is missing/);
  });
});

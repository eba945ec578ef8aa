import { describe, expect, it } from 'vitest';
import { KNOWN_FINDINGS } from '../../model/findings/KNOWN_FINDINGS.js';
import { knownFindingOf } from '../../src/triage/KnownFinding.js';

const id = (site: string, property: string, mirrors: string[]): string | undefined => knownFindingOf(KNOWN_FINDINGS, { sites: [site], property, mirrors })?.id;

describe('the shared list of known findings (conform, random, nightly)', () => {
  it("names ODP's and HMM v5.2's own non-blocking start failures at #26 D4 and D5, not F1 (was F1)", () => {
    expect(id('26', 'thread-ends-closed', ['odp'])).toBe('D4');
    expect(id('26', 'fault-progress', ['hmm52'])).toBe('D5');
  });
  it('keeps F1 for another subscriber left open at #26, and the site findings elsewhere', () => {
    expect(id('26', 'mirror-quiescent', ['kvm', 'odp'])).toBe('F1');
    expect(id('24', 'thread-ends-closed', ['odp'])).toBe('F2');
    expect(id('16', 'range-vma', ['aware'])).toBe('F3');
    expect(id('14', 'mirror-coherence', ['hmm50'])).toBe('D1');
    expect(id('14', 'change-covered', ['kvm'])).toBeUndefined();
    expect(id('25', 'change-covered', ['kvm'])).toBe('F7');
  });
  it('names a device walk of an mm exit_mmap tears down D6 for HMM, and nothing for another mirror (its ->release or mmget is what protects it)', () => {
    expect(id('16', 'walk-holds-mm-users', ['hmm50'])).toBe('D6');
    expect(id('26', 'walk-holds-mm-users', ['hmm52'])).toBe('D6');
    expect(id('16', 'walk-holds-mm-users', ['sva'])).toBeUndefined();
  });
  it("names an event-conditioned finding only when its event was passed at one of its sites (the gate's varied event, or a drawn run's ranges)", () => {
    const f6 = (o: { event?: string; siteEvents?: { site: string; event: string }[] }) =>
      knownFindingOf(KNOWN_FINDINGS, { sites: ['1'], property: 'mirror-coherence', mirrors: ['aware'], ...o })?.id;
    expect(f6({ event: 'MMU_NOTIFY_SOFT_DIRTY' })).toBe('F6');
    expect(f6({ siteEvents: [{ site: '1', event: 'MMU_NOTIFY_SOFT_DIRTY' }] })).toBe('F6');
    expect(f6({})).toBeUndefined();
    expect(f6({ siteEvents: [{ site: '1', event: 'MMU_NOTIFY_UNMAP' }] })).toBeUndefined();
    // SOFT_DIRTY passed at another site than F6's
    expect(f6({ siteEvents: [{ site: '24', event: 'MMU_NOTIFY_SOFT_DIRTY' }] })).toBeUndefined();
    // the gate's varied event decides over what the ranges show
    expect(f6({ event: 'MMU_NOTIFY_UNMAP', siteEvents: [{ site: '1', event: 'MMU_NOTIFY_SOFT_DIRTY' }] })).toBeUndefined();
  });
  it("names a finding's stated consequence by it only when the same state also fails the finding's own property (alsoFailing)", () => {
    const o = { sites: ['28'], property: 'no-stale-frame', mirrors: ['hmm52'] };
    expect(knownFindingOf(KNOWN_FINDINGS, o)?.id).toBeUndefined();
    expect(knownFindingOf(KNOWN_FINDINGS, { ...o, alsoFailing: ['mirror-coherence'] })?.id).toBe('D2');
    // a property that is not D2's own, or a subscriber D2 does not name, or a property that is not D2's consequence
    expect(knownFindingOf(KNOWN_FINDINGS, { ...o, alsoFailing: ['range-pairing'] })?.id).toBeUndefined();
    expect(knownFindingOf(KNOWN_FINDINGS, { ...o, mirrors: ['kvm'], alsoFailing: ['mirror-coherence'] })?.id).toBeUndefined();
    expect(knownFindingOf(KNOWN_FINDINGS, { ...o, property: 'range-vma', alsoFailing: ['mirror-coherence'] })?.id).toBeUndefined();
  });
});

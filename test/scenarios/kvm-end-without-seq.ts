/**
 * A faulty variant as data: KVM's invalidate_range_end with the
 * `kvm->mmu_notifier_seq++` left out (the bug mmu_notifier_retry exists to
 * prevent: a fault that snapshotted seq before the invalidation installs a
 * stale spte after it). One step of one program is replaced through the
 * edit API; the scenario is the mprotect control beside it.
 * Expected: spte/mirror coherence fails.
 */
import { DONE, mutMirror, replaceStep, sectionStep, defineModule, validateScenario } from '../../src/cli/api.js';
import control from './mprotect-vs-kvm-write.json' with { type: 'json' };

export default defineModule({
  scenario: {
    ...validateScenario(control),
    name: 'mprotect vs kvm-write, invalidate_range_end without seq++ (faulty variant)',
    description: 'kvm_mmu_notifier_invalidate_range_end decrements mmu_notifier_count but does not bump mmu_notifier_seq',
    expect: 'violation',
    expectProperty: 'mirror-coherence',
  },
  edits: [
    replaceStep('kvm.invalidate_range_end', 'mmu_notifier_count--', (old) =>
      // The program's locals as this edit uses them: m, the mirror's index.
      sectionStep<{ m: number }>(old.label, old.at, old.section!, (c) => {
        // spin_lock(&kvm->mmu_lock); kvm->mmu_notifier_count--; spin_unlock(&kvm->mmu_lock);  (no seq++)
        (mutMirror(c.s, c.l.m) as unknown as { count: number }).count -= 1;
        c.ret(0);
        return DONE;
      }),
    ),
  ],
});

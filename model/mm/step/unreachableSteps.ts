/**
 * The steps of the model's programs that no scenario can run within what
 * the model models, each with the reason: what `mnc check --coverage` and
 * `mnc sweep --coverage` report apart from the steps never run that nobody
 * expected (src/report/coverageReport.ts). Every other step is run by
 * `mnc check --all-violations`: test/cli/checkCoverage.test.ts fails when a
 * step stops being run, and when a step listed here is run.
 */

/** A step (program name and label) no scenario can run, and why. */
export interface UnreachableStep {
  readonly prog: string;
  readonly label: string;
  readonly why: string;
}

export const UNREACHABLE_STEPS: readonly UnreachableStep[] = [
  {
    prog: 'handle_mm_fault',
    label: 'pmd_migration_entry_wait',
    why: 'the model migrates no THP (CONFIG_ARCH_ENABLE_THP_MIGRATION): its only PMD migration entries are hugetlb ones, which fault through hugetlb_fault',
  },
];

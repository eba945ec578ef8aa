/**
 * A site the model knows (one catalog entry), as plain data: the engine
 * never imports the model; the CLI passes the catalog in.
 */
export interface KnownSite {
  /** Stable id, e.g. `27` or `rmap-page-mkclean-one`. */
  readonly id: string;
  /** Path in the tree, e.g. `mm/rmap.c`. */
  readonly file: string;
  readonly function: string;
  /** The event the catalog passes (e.g. the seed's `MMU_NOTIFY_UNMAP`). */
  readonly event: string;
  /** The vma expression the catalog passes (`vma`, `vmf->vma`, `NULL`). */
  readonly vma: string;
  /** Vma expressions in scope at the call, when the catalog records them (read from the full source). */
  readonly vmaInScope?: readonly string[];
}

/** A time budget as the command that set it names it, and what the user can do about it. */
export interface BudgetName {
  readonly name: string;
  readonly remedy: string;
}

/** The model's verdict on a site with a given event and vma. */
export type SiteVerdict =
  | { readonly status: 'pass' }
  | { readonly status: 'fail'; readonly message: string; /** The counterexample, one step a line. */ readonly counterexample?: string }
  /** Not checked, and not a fault of the run: no scenario covers the site, or the model has no such event (flagged on its own). */
  | { readonly status: 'skipped'; readonly reason: string }
  /** The site's scenario could not be built or raised a model error: not checked, and the gate fails closed. */
  | { readonly status: 'error'; readonly reason: string }
  /** A scenario ran out of its time budget (`--max-seconds`): the site is not checked, and the gate fails closed. */
  | {
      readonly status: 'unfinished';
      readonly scenario: string;
      readonly maxSeconds: number;
      /** The budget as the user sets it (`--max-seconds`), and how to give the check more. */
      readonly budget: BudgetName;
    }
  /** Fails only as known findings do (FINDINGS.md ids): a note, not an error. */
  | { readonly status: 'known'; readonly findings: readonly string[]; readonly message: string; readonly counterexample?: string };

/** Feeds a found site's event and vma to the model and runs its scenarios. */
export type SiteVerifier = (site: KnownSite, event: string, vma: string) => Promise<SiteVerdict>;

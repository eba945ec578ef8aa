/**
 * A known finding (an entry of FINDINGS.md) as data: which violations are
 * that finding. Generic: the model passes its list in (model/findings/),
 * the sweep, the random search and the conformance gate triage with it.
 */
export interface KnownFinding {
  /** The FINDINGS.md id, e.g. `F5` or `D1`. */
  readonly id: string;
  readonly title: string;
  /** Catalog site ids where it shows; absent: any site (a driver finding, reached through many sites). */
  readonly sites?: readonly string[];
  /** Violated property names (`deadlock` for a deadlock); the first is the one its scenario expects. */
  readonly properties: readonly string[];
  /** Mirror kinds: one of them must be subscribed; absent: any. */
  readonly mirrors?: readonly string[];
  /** Events passed at the site; absent: any (a finding of the kernel, not of an event). */
  readonly events?: readonly string[];
  /**
   * Properties that the finding's stated consequence (FINDINGS.md) also
   * violates later in the same run, e.g. the device's access to the page a
   * stale entry keeps. When every property is reported per configuration
   * (`mnc sweep --all-violations`), such a violation in a configuration that
   * shows this finding counts as its consequence, not as a new finding.
   */
  readonly consequences?: Consequences;
}

/** What a finding's consequence violates: these properties, when one of `mirrors` (absent: any) is subscribed. */
export interface Consequences {
  readonly properties: readonly string[];
  /** The consequence needs a subscriber of one of these kinds (F3's: a mirror that reads `range->vma`). */
  readonly mirrors?: readonly string[];
}

/** What a violation shows, as far as triage needs. */
export interface Observed {
  /** The catalog sites the run is about (the site checked, or those a drawn run's trace reaches); a finding with `sites` needs one of them. */
  readonly sites: readonly string[];
  readonly property: string;
  /** Mirror kinds subscribed in the run. */
  readonly mirrors: readonly string[];
  /** The event at the site, when one site's event is varied (the conformance gate). */
  readonly event?: string;
  /** The events the run's ranges were initialised with, by site (a drawn run, whose profile or overrides chose them). */
  readonly siteEvents?: readonly SiteEvent[];
  /**
   * The other properties the violation's last step also breaks: invariants of
   * the state it enters, and for a step property's violation the other step
   * properties of that step (a drawn run: the engine reports the first in
   * property order only).
   */
  readonly alsoFailing?: readonly string[];
}

/** A range of catalog site `site` initialised with `event`. */
export interface SiteEvent {
  readonly site: string;
  readonly event: string;
}

/** Whether the run passed one of f's events: the varied site's (the gate), else one seen at one of f's sites. */
function eventFits(f: KnownFinding, events: readonly string[], o: Observed): boolean {
  if (o.event !== undefined) return events.includes(o.event);
  return (o.siteEvents ?? []).some((x) => (!f.sites || f.sites.includes(x.site)) && events.includes(x.event));
}

function fits(f: KnownFinding, o: Observed): boolean {
  if (!f.properties.includes(o.property)) return false;
  if (f.sites && !o.sites.some((x) => f.sites!.includes(x))) return false;
  if (f.mirrors && !o.mirrors.some((m) => f.mirrors!.includes(m))) return false;
  if (f.events && !eventFits(f, f.events, o)) return false;
  return true;
}

/** Whether `property` is f's stated consequence with the subscribers `o` has. */
function consequenceOf(f: KnownFinding, property: string, o: Observed): boolean {
  const c = f.consequences;
  return c !== undefined && c.properties.includes(property) && (!c.mirrors || c.mirrors.some((m) => o.mirrors.includes(m)));
}

/**
 * The first known finding (in list order: site findings before driver
 * findings) the violation is, if any: one whose own property it violates, else
 * one whose property the same step also breaks (`alsoFailing`) and whose
 * stated consequence is the property reported (HMM's stale commit of a page
 * that is then freed is reported as no-stale-frame, D1's or D2's consequence,
 * and counts as its mirror's incoherence too: src/cli/triageViolation.ts).
 */
export function knownFindingOf(list: readonly KnownFinding[], o: Observed): KnownFinding | undefined {
  return (
    list.find((f) => fits(f, o)) ??
    list.find((f) => consequenceOf(f, o.property, o) && (o.alsoFailing ?? []).some((p) => p !== o.property && fits(f, { ...o, property: p })))
  );
}

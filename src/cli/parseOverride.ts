import { UsageError } from './UsageError.js';
import { EVENTS, siteById, type MmuNotifyEvent } from '../../model/sites/catalog.js';

export interface SiteOverride {
  readonly site: number;
  readonly event?: MmuNotifyEvent;
  readonly vma?: string;
}

/**
 * `--override SITE:event=MMU_NOTIFY_CLEAR,vma=new_vma` (the `MMU_NOTIFY_`
 * prefix may be left out). The vma expression is resolved by the model in
 * the site's scope; one that names nothing there is a model error.
 */
export function parseOverride(text: string): SiteOverride {
  const m = /^(\d+):(.+)$/.exec(text);
  if (!m) throw new UsageError(`--override ${text}: expected SITE:event=EVENT,vma=EXPR`);
  const site = Number(m[1]);
  if (!siteById(site)) throw new UsageError(`--override ${text}: no site ${site} in the catalog (see 'mnc sites')`);
  let event: MmuNotifyEvent | undefined;
  let vma: string | undefined;
  for (const part of m[2]!.split(',')) {
    const kv = /^(event|vma)=(.+)$/.exec(part.trim());
    if (!kv) throw new UsageError(`--override ${text}: '${part}' is not event=... or vma=...`);
    if (kv[1] === 'event') {
      const name = kv[2]!.startsWith('MMU_NOTIFY_') ? kv[2]! : `MMU_NOTIFY_${kv[2]}`;
      if (!(EVENTS as readonly string[]).includes(name)) throw new UsageError(`--override ${text}: unknown event ${kv[2]} (known: ${EVENTS.join(', ')})`);
      event = name as MmuNotifyEvent;
    } else vma = kv[2]!.trim();
  }
  return { site, ...(event ? { event } : {}), ...(vma !== undefined ? { vma } : {}) };
}

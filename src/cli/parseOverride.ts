import { UsageError } from './UsageError.js';
import { NOTIFIER_EVENTS, isNotifierEvent, type NotifierEvent } from '../../model/mm/NotifierEvent.js';
import { siteById } from '../../model/sites/catalog.js';
import type { SiteOverride } from '../../model/scenario/resolveScenario.js';

export type { SiteOverride };

const KEYS = ['event', 'vma', 'start', 'end'] as const;

/**
 * `--override SITE:event=MMU_NOTIFY_CLEAR,vma=new_vma,start=vma->vm_start,end=vma->vm_end`
 * (the `MMU_NOTIFY_` prefix may be left out). The vma, start and end
 * expressions are resolved by the model in the site's scope (rangeBound);
 * one that names nothing there is a model error.
 */
export function parseOverride(text: string): SiteOverride {
  const m = /^(\d+):(.+)$/.exec(text);
  if (!m) throw new UsageError(`--override ${text}: expected SITE:KEY=VALUE,... with keys ${KEYS.join(', ')}`);
  const site = Number(m[1]);
  if (!siteById(site)) throw new UsageError(`--override ${text}: no site ${site} in the catalog (see 'mnc sites')`);
  const out: { -readonly [K in (typeof KEYS)[number]]?: string } = {};
  for (const part of m[2]!.split(',')) {
    const kv = /^(event|vma|start|end)=(.+)$/.exec(part.trim());
    if (!kv) throw new UsageError(`--override ${text}: '${part}' is not ${KEYS.map((k) => `${k}=...`).join(', ')}`);
    const key = kv[1] as (typeof KEYS)[number];
    if (out[key] !== undefined) throw new UsageError(`--override ${text}: ${key} given twice`);
    if (key === 'event') {
      const name = kv[2]!.startsWith('MMU_NOTIFY_') ? kv[2]! : `MMU_NOTIFY_${kv[2]}`;
      if (!isNotifierEvent(name)) throw new UsageError(`--override ${text}: unknown event ${kv[2]} (known: ${NOTIFIER_EVENTS.join(', ')})`);
      out.event = name;
    } else out[key] = kv[2]!.trim();
  }
  return { site, ...out } as SiteOverride & { event?: NotifierEvent };
}

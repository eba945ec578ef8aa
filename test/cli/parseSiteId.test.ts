import { describe, expect, it } from 'vitest';
import { parseSiteId } from '../../src/cli/parseSiteId.js';
import { CATALOG } from '../../model/sites/catalog.js';
import { UsageError } from '../../src/cli/UsageError.js';
import { runMnc } from './util/runMnc.js';

describe('--site: an id of the site catalog, not a hard-coded range (code review §3)', () => {
  it('every catalog id is accepted, as written by `mnc sites`', () => {
    for (const s of CATALOG) expect(parseSiteId(String(s.id))).toBe(s.id);
    expect(parseSiteId(' 24 ')).toBe(24);
  });

  it('the ids come from the catalog given: a catalog with a gap refuses the missing id and names the ones it has', () => {
    const ids = [1, 2, 5, 7, 8, 9];
    expect(parseSiteId('5', ids)).toBe(5);
    expect(() => parseSiteId('3', ids)).toThrow(new UsageError("--site 3: expected a catalog id (1, 2, 5, 7..9; see 'mnc sites')"));
    expect(() => parseSiteId('28', ids)).toThrow(UsageError);
  });

  it('not an id: one line naming the value and the catalog ids', () => {
    for (const bad of ['0', '29', '-1', '1.5', '2e1', 'x', ''])
      expect(() => parseSiteId(bad), bad).toThrow(new UsageError(`--site ${bad}: expected a catalog id (1..${CATALOG.length}; see 'mnc sites')`));
  });

  for (const command of ['check', 'sweep']) {
    it(`mnc ${command} --site 29: one line, exit 2`, async () => {
      const r = await runMnc(command, '--site', '29', ...(command === 'sweep' ? ['--list'] : []));
      expect([r.code, r.out, r.err]).toEqual([2, '', `mnc: --site 29: expected a catalog id (1..${CATALOG.length}; see 'mnc sites')\n`]);
    });
  }
});

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { nightlyHtml } from '../../src/report/nightlyHtml.js';
import { nightlyJunit } from '../../src/report/nightlyJunit.js';
import type { NightlyReport } from '../../src/nightly/NightlyReport.js';
import { SWEEP } from './nightlyFixture.js';

/** Debian's chromium, installed by .ci/setup. */
const CHROMIUM = '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
if (!present) console.log(`skipping the HTML report test: ${CHROMIUM} is absent (run .ci/setup)`);

const REPORT: NightlyReport = {
  summary: {
    version: '0.1.0',
    startedAt: '2026-12-02T03:00:00.000Z',
    seconds: 12,
    scope: 'small',
    events: 'v5.2',
    conform: {
      tree: '/tmp/<b>tree</b>',
      verdict: 'fail',
      incomplete: false,
      errors: ['mm/hugetlb.c:13: unmodelled site in <i>x</i>() [unmodelled-site]'],
      known: [{ site: '1', file: 'fs/proc/task_mmu.c', line: 5, findings: ['F6'] }],
      unmodelled: 1,
    },
    sweep: SWEEP.summary,
    random: { seed: 1, strategy: 'swarm', seconds: 2, runs: 40, status: 'ok', known: { F3: 2, F2: 1 }, interrupted: false },
    configurations: SWEEP.records.length,
    newFindings: 1,
    knownFindings: ['F6'],
    missingKnown: [],
    exit: 1,
    exitReason: '1 new findings',
  },
  records: SWEEP.records,
  sites: {
    '1': { file: 'fs/proc/task_mmu.c', line: 5, function: 'clear_refs_write' },
    '10': { file: 'mm/hugetlb.c', line: null, function: 'hugetlb_change_protection' },
  },
};

/* eslint-disable @typescript-eslint/no-explicit-any -- page.evaluate runs in the page, whose DOM the test's tsconfig does not type */
describe.skipIf(!present)('the nightly HTML report in headless Chromium', () => {
  it('renders offline without script errors: matrix, findings, sequence charts; input strings stay text; the JUnit file parses', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mnc-nightly-html-'));
    const html = join(dir, 'report.html');
    writeFileSync(html, nightlyHtml(REPORT));
    writeFileSync(join(dir, 'junit.xml'), nightlyJunit(REPORT));
    // a fresh user data directory each run (Playwright passes it as --user-data-dir)
    const browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'mnc-chromium-')), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => (m.type() === 'error' ? errors.push(m.text()) : undefined));
      page.on('request', (r) => (r.url().startsWith('file:') ? undefined : requests.push(r.url())));
      await page.goto(pathToFileURL(html).href);
      expect(await page.evaluate(() => (globalThis as any).document.body.dataset['ready'])).toBe('1');
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      expect(await page.evaluate(() => (globalThis as any).__pwned)).toBeUndefined();
      expect(await page.locator('tr[data-site]').count()).toBe(2);
      expect(await page.locator('tr[data-site="10"] .cells .new').count()).toBe(1);
      expect(await page.locator('table.seq').count()).toBe(2);
      expect(await page.locator('#cex-c3 table.seq th').allTextContents()).toEqual(['#', 'clear_refs', 'aware0']);
      expect(await page.locator('#cex-c3').textContent()).toContain('<script>window.__pwned=1</script>');
      await page.check('#only-findings');
      await page.screenshot({ path: join(dir, 'report.png'), fullPage: true });
      console.log(`screenshot: ${join(dir, 'report.png')}`);
      // JUnit parses as XML (the browser's DOMParser), one test case per configuration
      await page.goto(pathToFileURL(join(dir, 'junit.xml')).href);
      const parsed = await page.evaluate(
        (xml) => {
          const d = new (globalThis as any).DOMParser().parseFromString(xml, 'application/xml');
          const suite = d.querySelector('testsuite');
          return {
            error: d.querySelector('parsererror') !== null,
            tests: suite?.getAttribute('tests'),
            cases: suite?.querySelectorAll('testcase').length,
            failures: suite?.querySelectorAll('failure').length,
          };
        },
        readFileSync(join(dir, 'junit.xml'), 'utf8'),
      );
      expect(parsed).toEqual({
        error: false,
        tests: String(REPORT.summary.configurations),
        cases: REPORT.summary.configurations,
        failures: REPORT.summary.newFindings,
      });
    } finally {
      await browser.close();
    }
  }, 60_000);
});

describe("the nightly HTML report's top badge", () => {
  const badge = (exit: number) =>
    /<h1>mnc nightly <span class="badge (\w+)">exit (\d+)<\/span>/.exec(nightlyHtml({ ...REPORT, summary: { ...REPORT.summary, exit } }))?.slice(1);
  it('is green on exit 0, grey on exit 3 (only a budget cut something), red otherwise', () => {
    expect(badge(0)).toEqual(['pass', '0']);
    expect(badge(3)).toEqual(['incomplete', '3']);
    expect(badge(1)).toEqual(['fail', '1']);
  });
});

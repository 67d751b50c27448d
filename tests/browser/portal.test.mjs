// Browser test of the public portal: Debian's chromium driven by playwright-core.
//
// Started by run.sh against a running `gongxin demo`; reads from the environment:
//   BASE_URL      the platform's URL, e.g. http://127.0.0.1:41234
//   EXAMPLE_CODE  code of a subject that has at least one public penalty with an ID number
//   EXAMPLE_NAME  that subject's name
//   OFFICE_KEY    an API key of the credit office (sees unmasked values)
//   CHROMIUM      chromium binary (default /usr/bin/chromium)
//   OUT_DIR       where screenshots go (optional)
//   SEARCH_TERM   what to type into the search box (default: a distinctive part of the name)
//
// Steps: search a name, open the subject, see its public penalty, and not see a masked ID
// number in full (but see its masked form); no horizontal overflow at 375px.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

function env(name) {
  const v = process.env[name];
  if (!v) throw new Error(`portal.test: environment variable ${name} is not set (run through tests/browser/run.sh)`);
  return v;
}

const BASE_URL = env('BASE_URL').replace(/\/+$/, '');
const EXAMPLE_CODE = env('EXAMPLE_CODE');
const EXAMPLE_NAME = env('EXAMPLE_NAME');
const OFFICE_KEY = env('OFFICE_KEY');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const OUT_DIR = process.env.OUT_DIR || '';
const MOBILE_WIDTH = 375;

if (OUT_DIR) mkdirSync(OUT_DIR, { recursive: true });

/**
 * A distinctive part of a Chinese organisation name: drop the leading place name
 * (…省/…市/…区/…县) and the trailing legal form (有限公司, 店, 厂, ...), keep 4 characters.
 * Falls back to the full name when nothing distinctive is left.
 */
export function distinctivePart(name) {
  let core = name;
  core = core.replace(/^(?:[\u4e00-\u9fff]{2,4}?(?:省|自治区))?(?:[\u4e00-\u9fff]{2,4}?(?:市|州|盟))?(?:[\u4e00-\u9fff]{1,4}?(?:区|县|旗))?/, '');
  core = core.replace(/(?:股份有限公司|有限责任公司|有限公司|集团|分公司|公司|合伙企业|个人独资企业|经营部|商行|门市部|工作室|店|厂|社|中心|协会|商会|学会|研究会|基金会|委员会|局|院|所|站|队|馆)+$/, '');
  core = core.replace(/[（(][^）)]*[）)]/g, '');
  if ([...core].length < 2) return name;
  return [...core].slice(0, 4).join('');
}

const SEARCH_TERM = process.env.SEARCH_TERM || distinctivePart(EXAMPLE_NAME);

const ID_NUMBER = /^(?:\d{15}|\d{17}[\dXx])$/;

/**
 * The masked forms accepted for an ID number: the first 6 characters, asterisks, and the
 * last 4 (18 characters: 440524********0014) or fewer (the platform keeps only the last
 * character of an old 15-digit number: 440524********4). At least 8 are hidden, so the
 * birth date never shows.
 */
function maskedForms(id) {
  const forms = [];
  for (let tail = 4; tail >= 1; tail--) {
    const hidden = id.length - 6 - tail;
    if (hidden >= 8) forms.push(id.slice(0, 6) + '*'.repeat(hidden) + id.slice(-tail));
  }
  return forms;
}

async function shot(page, name, fullPage = true) {
  if (!OUT_DIR) return;
  await page.screenshot({ path: path.join(OUT_DIR, name), fullPage });
}

async function horizontalOverflow(page) {
  return page.evaluate(() => {
    const s = document.scrollingElement || document.documentElement;
    return { scrollWidth: s.scrollWidth, clientWidth: s.clientWidth };
  });
}

describe('public portal', { timeout: 180_000 }, () => {
  let browser;
  let page;
  const pageErrors = [];
  let penaltyRecordIds = [];

  before(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => pageErrors.push(String(e && e.stack || e)));
  });

  after(async () => {
    if (browser) await browser.close();
  });

  it('searches the example name and opens the subject', async () => {
    await page.goto(BASE_URL + '/');
    await page.getByTestId('search-form').waitFor();
    await shot(page, 'home-desktop.png');

    async function search(term) {
      const input = page.getByTestId('search-input');
      await input.fill(term);
      await Promise.all([
        page.waitForURL((u) => new URL(u).searchParams.get('q') === term),
        page.getByTestId('search-submit').click(),
      ]);
      // wait until the list or an empty/error message is shown
      await page.locator('[data-testid="result-item"], [data-testid="search-empty"], [data-testid="search-error"]').first().waitFor();
      const error = await page.getByTestId('search-error').count();
      assert.equal(error, 0, `search for "${term}" showed an error: ${error ? await page.getByTestId('search-error').innerText() : ''}`);
      return page.locator(`[data-testid="result-item"][data-code=${JSON.stringify(EXAMPLE_CODE)}]`);
    }

    let item = await search(SEARCH_TERM);
    if ((await item.count()) === 0 && SEARCH_TERM !== EXAMPLE_NAME) {
      const shown = await page.getByTestId('result-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
      console.log(`# "${SEARCH_TERM}" did not list ${EXAMPLE_CODE} among ${shown.length} results; searching the full name`);
      item = await search(EXAMPLE_NAME);
    }
    assert.equal(await item.count(), 1, `the results for "${SEARCH_TERM}" / "${EXAMPLE_NAME}" list ${EXAMPLE_CODE} exactly once`);
    // demo.json's name comes from a penalty record: the subject's name, or one of its former names
    const resultName = (await item.getByTestId('result-name').innerText()).trim();
    const resultFormer = (await item.getByTestId('result-former-name').count())
      ? await item.getByTestId('result-former-name').innerText() : '';
    assert.ok(resultName === EXAMPLE_NAME || resultFormer.includes(EXAMPLE_NAME),
      `result shows the subject name "${EXAMPLE_NAME}" (shows "${resultName}" ${resultFormer})`);
    assert.equal((await item.getByTestId('result-code').innerText()).trim(), EXAMPLE_CODE, 'result shows the subject code');
    assert.ok((await item.getByTestId('result-type').innerText()).trim().length > 0, 'result shows the subject type');
    await shot(page, 'results-desktop.png');

    await Promise.all([
      page.waitForURL(/subject\.html\?/),
      item.getByTestId('result-link').click(),
    ]);
    assert.equal(new URL(page.url()).searchParams.get('code'), EXAMPLE_CODE, 'subject page opened for the example code');
    await page.getByTestId('subject-header').waitFor();
    const subjectName = (await page.getByTestId('subject-name').innerText()).trim();
    const formerNames = (await page.getByTestId('subject-former-names').count())
      ? await page.getByTestId('subject-former-names').innerText() : '';
    assert.ok(subjectName === EXAMPLE_NAME || formerNames.split('；').includes(EXAMPLE_NAME),
      `subject page shows the name "${EXAMPLE_NAME}" (shows "${subjectName}", former names "${formerNames}")`);
    assert.equal((await page.getByTestId('subject-code').innerText()).trim(), EXAMPLE_CODE, 'subject page shows the code');
  });

  it('shows a public administrative penalty (行政处罚, 公示中)', async () => {
    const section = page.locator('[data-testid="class-section"][data-class="penalty"]');
    await section.waitFor();
    assert.match(await section.getByTestId('class-title').innerText(), /行政处罚/, 'penalty section is titled 行政处罚');
    const nav = page.locator('[data-testid="class-nav-item"][data-class="penalty"]');
    assert.match(await nav.innerText(), /行政处罚/, 'class navigation links to 行政处罚');

    const records = section.getByTestId('record-card');
    const n = await records.count();
    assert.ok(n >= 1, `penalty section lists at least one record (found ${n})`);
    const publicOnes = records.filter({ has: page.getByTestId('publicity-status').filter({ hasText: '公示中' }) });
    assert.ok((await publicOnes.count()) >= 1, 'at least one penalty record has a publicity badge saying 公示中');
    const first = publicOnes.first();
    assert.match(await first.getByTestId('publicity-period').innerText(), /公示期：\d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}/, 'badge shows the publicity period');
    assert.ok((await first.getByTestId('record-field').count()) >= 1, 'the record shows its fields');

    penaltyRecordIds = await records.evaluateAll((els) => els.map((e) => e.getAttribute('data-record-id')).filter(Boolean));
    await shot(page, 'subject-desktop.png');
  });

  it('does not show ID numbers in full, only masked', async () => {
    const res = await fetch(`${BASE_URL}/api/v1/subjects/${encodeURIComponent(EXAMPLE_CODE)}`, {
      headers: { Authorization: `Bearer ${OFFICE_KEY}`, Accept: 'application/json' },
    });
    assert.equal(res.status, 200, `the credit office can read the subject (HTTP ${res.status})`);
    const body = await res.json();
    const penalty = (body.classes || []).find((c) => c.class === 'penalty');
    assert.ok(penalty, 'the credit office view has a penalty class');

    // ID numbers in the penalty records that the public page shows, as the office sees them
    const shownIds = new Set(penaltyRecordIds);
    const ids = new Set();
    for (const r of penalty.records || []) {
      if (!shownIds.has(String(r.id))) continue;
      for (const f of r.fields || []) {
        const looksLikeIdField = /ZJHM$/i.test(f.field || '') || /证件号码|身份证/.test(f.name_zh || '');
        if (looksLikeIdField && typeof f.value === 'string' && ID_NUMBER.test(f.value)) ids.add(f.value);
      }
    }
    assert.ok(ids.size >= 1,
      `the example's public penalties carry at least one ID number in the credit office's view (records on the page: ${[...shownIds].join(', ')})`);

    const text = await page.locator('body').innerText();
    const html = await page.content();
    for (const id of ids) {
      for (const form of [id, id.toUpperCase(), id.toLowerCase()]) {
        assert.ok(!text.includes(form), `the public page shows the ID number ${form} in full`);
        assert.ok(!html.includes(form), `the public page's HTML contains the ID number ${form} in full`);
      }
      const forms = maskedForms(id);
      const upper = text.toUpperCase();
      assert.ok(forms.some((m) => upper.includes(m.toUpperCase())),
        `the public page shows ${id} masked (one of ${forms.join(', ')})`);
    }
    console.log(`# checked ${ids.size} ID number(s) in ${shownIds.size} penalty record(s)`);
  });

  it('fits a 375px wide phone screen', async () => {
    await page.setViewportSize({ width: MOBILE_WIDTH, height: 812 });
    await page.reload();
    await page.locator('[data-testid="class-section"][data-class="penalty"]').waitFor();
    const sub = await horizontalOverflow(page);
    await shot(page, 'subject-mobile.png');
    assert.ok(sub.scrollWidth <= MOBILE_WIDTH + 1, `subject page overflows horizontally at ${MOBILE_WIDTH}px: scrollWidth ${sub.scrollWidth}`);

    await page.goto(`${BASE_URL}/?q=${encodeURIComponent(SEARCH_TERM)}`);
    await page.locator('[data-testid="result-item"], [data-testid="search-empty"], [data-testid="search-error"]').first().waitFor();
    const res = await horizontalOverflow(page);
    await shot(page, 'results-mobile.png');
    assert.ok(res.scrollWidth <= MOBILE_WIDTH + 1, `results page overflows horizontally at ${MOBILE_WIDTH}px: scrollWidth ${res.scrollWidth}`);

    await page.goto(BASE_URL + '/');
    const home = await horizontalOverflow(page);
    await shot(page, 'home-mobile.png');
    assert.ok(home.scrollWidth <= MOBILE_WIDTH + 1, `home page overflows horizontally at ${MOBILE_WIDTH}px: scrollWidth ${home.scrollWidth}`);
  });

  it('ran without script errors', () => {
    assert.deepEqual(pageErrors, [], 'no uncaught errors in the pages');
  });
});

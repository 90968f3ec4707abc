import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, hasChromium, launchBrowser } from './browser.ts';
import { startDemoWorkbench } from './workbench-server.ts';

const suite = hasChromium ? describe : describe.skip;
if (!hasChromium) console.warn('Skipping brief editor browser tests: /usr/bin/chromium is not installed.');

// A draft written for this test: one broken URL, one note never referenced, one hedge without a basis,
// and a treaty signing dated a day before the day the demo workspace's sources give.
const DRAFT = [
  '# Test brief',
  '',
  'Moscow and Pyongyang signed the partnership treaty on June 18, 2024.',
  '',
  'The units moved to the border.<sup>1</sup> They might advance further.',
  '',
  '<sup>1</sup> A. Writer, "Units Move," Example News, October 28, 2024, https://news.example/units- moved-2024.',
  '',
  '<sup>2</sup> B. Writer, "Never Cited," Example News, October 29, 2024.',
  '',
].join('\n');

suite('brief editor in a real browser', () => {
  let app: Awaited<ReturnType<typeof startDemoWorkbench>>;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    app = await startDemoWorkbench();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (e) => errors.push(String(e)));
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows live check results beside the text and cites events with a click', async () => {
    await page.goto(`${app.url}briefs`, { waitUntil: 'load' });
    await page.waitForSelector('[data-testid=brief-editor]');
    await page.locator('[data-testid=brief-text]').fill(DRAFT);
    const checks = page.locator('[data-testid=brief-checks]');
    await expect.poll(() => checks.locator('[data-kind=broken-url]').count(), { timeout: 15_000 }).toBe(1);
    expect(await checks.locator('[data-kind=unreferenced-note]').count()).toBe(1);
    expect(await checks.locator('[data-kind=unmapped]').count()).toBe(1);
    // The fact check: the workspace's sources date the signing 19 June (a mutual act is coded both ways,
    // so it can be two claims of one sentence).
    await expect.poll(() => checks.locator('[data-kind=contradicted]').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    for (const text of await checks.locator('[data-kind=contradicted]').allTextContents())
      expect(text).toMatch(
        /signed the partnership treaty .* the draft dates it 2024-06-18; the workspace's sources date it 2024-06-19/,
      );

    // Clicking a finding selects its line in the editor.
    await checks.locator('[data-kind=unreferenced-note] button').click();
    const selected = await page.locator('[data-testid=brief-text]').evaluate((el) => {
      const t = el as HTMLTextAreaElement;
      return t.value.slice(t.selectionStart, t.selectionEnd);
    });
    expect(selected).toContain('Never Cited');

    // Click-to-cite: put the cursor after the first sentence and click an event.
    await page.locator('[data-testid=brief-text]').evaluate((el) => {
      const t = el as HTMLTextAreaElement;
      const at = t.value.indexOf(' They might');
      t.focus();
      t.setSelectionRange(at, at);
    });
    await page.waitForSelector('[data-testid=cite-event]');
    await page.locator('[data-testid=cite-event]').first().click();
    const value = await page.locator('[data-testid=brief-text]').inputValue();
    expect(value).toMatch(/<sup>1<\/sup> \[@event:evt_[0-9a-f]{20}\] They might/);

    await page.getByRole('button', { name: 'Compose' }).click();
    const frame = page.frameLocator('[data-testid=brief-preview] iframe');
    await expect.poll(() => frame.locator('.notes li').count(), { timeout: 15_000 }).toBe(1);
    expect(await frame.locator('h2', { hasText: 'Source summary' }).count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}brief-editor.png` });
    expect(errors).toEqual([]);
  });
});

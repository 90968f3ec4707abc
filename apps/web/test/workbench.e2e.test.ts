import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, hasChromium, launchBrowser } from './browser.ts';
import { startDemoWorkbench } from './workbench-server.ts';

const suite = hasChromium ? describe : describe.skip;
if (!hasChromium)
  console.warn('Skipping browser tests: /usr/bin/chromium is not installed (apt-get install -y chromium).');

suite('workbench in a real browser', () => {
  let app: Awaited<ReturnType<typeof startDemoWorkbench>>;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    app = await startDemoWorkbench();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('draws the map and lists the demo events', async () => {
    await page.goto(app.url, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__mapLoaded === true, null, { timeout: 90_000 });
    expect(await page.locator('[data-testid=map] canvas.maplibregl-canvas').count()).toBe(1);
    await page.waitForSelector('[data-testid=event-item]');
    const total = (await app.workbench.store.info()).counts.events;
    expect(await page.locator('[data-testid=event-item]').count()).toBe(Math.min(100, total));
    await expect
      .poll(() => page.locator('.event-list .count').textContent())
      .toBe(`${total.toLocaleString('en-US')} match`);
    // The map is not blank: decode a screenshot of it (WebGL buffers cannot be read back) and count colours.
    const png = (await page.locator('[data-testid=map]').screenshot()).toString('base64');
    const colours = await page.evaluate(async (data) => {
      const img = new Image();
      img.src = `data:image/png;base64,${data}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d');
      ctx?.drawImage(img, 0, 0);
      const pixels = ctx?.getImageData(0, 0, img.width, img.height).data ?? new Uint8ClampedArray();
      const seen = new Set<number>();
      for (let i = 0; i < pixels.length; i += 16)
        seen.add(((pixels[i] ?? 0) << 16) | ((pixels[i + 1] ?? 0) << 8) | (pixels[i + 2] ?? 0));
      return seen.size;
    }, png);
    expect(colours).toBeGreaterThan(20);
    await page.screenshot({ path: `${ARTIFACTS}workbench-overview.png` });
  });

  it('opens an event with its quoted claims', async () => {
    await page.locator('[data-testid=event-item]').first().click();
    const detail = page.locator('[data-testid=event-detail]');
    await detail.locator('[data-testid=claim-quote]').first().waitFor({ state: 'attached' });
    expect(await detail.locator('[data-testid=claim-quote]').count()).toBeGreaterThan(0);
    expect(page.url()).toMatch(/[?&]event=evt_[0-9a-f]{20}/);
    await page.screenshot({ path: `${ARTIFACTS}workbench-event.png` });
    await page.goBack();
    await page.waitForSelector('[data-testid=event-item]');
  });

  it('narrows every pane when a filter changes, and keeps it in the URL', async () => {
    const before = Number((await page.locator('.event-list .count').textContent())?.replace(/\D/g, ''));
    await page.selectOption('select:near(:text("Event type"))', 'ASSAULT');
    await expect.poll(() => page.url()).toMatch(/type=ASSAULT/);
    await expect
      .poll(async () => Number((await page.locator('.event-list .count').textContent())?.replace(/\D/g, '')))
      .toBeLessThan(before);
    const expected = await app.workbench.store.countEvents({ ploverTypes: ['ASSAULT'] });
    await expect
      .poll(() => page.locator('.event-list .count').textContent())
      .toBe(`${expected.toLocaleString('en-US')} match`);
    const whats = await page.locator('[data-testid=event-item] .what strong').allTextContents();
    expect(whats.every((w) => w === 'ASSAULT')).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}workbench-filtered.png` });
  });

  it('logs no errors in the browser console', () => {
    expect(errors).toEqual([]);
  });
});

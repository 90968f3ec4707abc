import type { IsoDate } from '@parallax/core';
import { workspaceSettings } from '@parallax/runtime';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, hasChromium, launchBrowser } from './browser.ts';
import { startDemoWorkbench } from './workbench-server.ts';

const suite = hasChromium ? describe : describe.skip;
if (!hasChromium)
  console.warn('Skipping browser tests: /usr/bin/chromium is not installed (apt-get install -y chromium).');

/** Counts distinct colours in a screenshot of an element: WebGL buffers cannot be read back directly. */
async function colourCount(page: Page, selector: string): Promise<number> {
  const png = (await page.locator(selector).screenshot()).toString('base64');
  return page.evaluate(async (data) => {
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
}

/** Polls until the assertion holds; generous, because the machine running CI is shared. */
const eventually = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 100 });

const listCount = async (page: Page) =>
  Number((await page.locator('.event-list .count').textContent())?.replace(/\D/g, '') || Number.NaN);

suite('workbench in a real browser', () => {
  let app: Awaited<ReturnType<typeof startDemoWorkbench>>;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const requests: string[] = [];
  const watch = (p: Page) => {
    p.on('request', (r) => {
      requests.push(r.url());
    });
    p.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    p.on('pageerror', (e) => errors.push(String(e)));
  };
  // An explicit view, so the workspace's default view (applied to a bare URL) stays out of the way.
  const open = async (p: Page, search = '?view=map') => {
    await p.evaluate(() => {
      window.__mapLoaded = false;
    });
    await p.goto(`${app.url}${search}`, { waitUntil: 'load' });
  };
  const mapDrawn = (p: Page) => p.waitForFunction(() => window.__mapLoaded === true, null, { timeout: 60_000 });

  beforeAll(async () => {
    app = await startDemoWorkbench();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    watch(page);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('opens a bare URL on the workspace view, with its title, and draws the map, the timeline and the list', async () => {
    const settings = workspaceSettings(app.workbench.dir);
    expect(settings?.view).toBe('from=2024-06-01');
    await page.goto(app.url, { waitUntil: 'load' });
    await eventually(() => new URL(page.url()).search).toBe(`?${settings?.view}`);
    expect(await page.locator('header h1 small').textContent()).toBe(settings?.title);
    await mapDrawn(page);
    expect(await page.locator('[data-testid=map] canvas.maplibregl-canvas').count()).toBe(1);
    await page.waitForSelector('[data-testid=event-item]');
    const total = await app.workbench.store.countEvents({ from: '2024-06-01' as IsoDate });
    expect(total).toBeLessThan((await app.workbench.store.info()).counts.events);
    await eventually(() => listCount(page)).toBe(total);
    expect(await page.locator('[data-testid=event-item]').count()).toBe(Math.min(100, total));
    expect(await colourCount(page, '[data-testid=map]')).toBeGreaterThan(20);
    expect(await page.locator('[data-testid=timeline-bar]').count()).toBeGreaterThan(0);
    // The disputed-territory policy and the data's origin are stated on the map.
    expect(await page.locator('.maplibregl-ctrl-attrib').textContent()).toMatch(/Natural Earth.*de jure/);
    await page.screenshot({ path: `${ARTIFACTS}workbench-map.png` });
  });

  it('changes map, timeline, network and list together when a filter changes', async () => {
    const wide = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    watch(wide);
    await wide.goto(`${app.url}?view=map`, { waitUntil: 'load' });
    await mapDrawn(wide);
    await wide.waitForFunction(() => (window.__network?.nodes ?? 0) > 0, null, { timeout: 30_000 });
    const before = await listCount(wide);
    await wide.evaluate(() => {
      window.__mapLoaded = false;
    });
    await wide.selectOption('select:near(:text("Event type"))', 'ASSAULT');
    await eventually(() => wide.url()).toMatch(/type=ASSAULT/);

    const filter = { ploverTypes: ['ASSAULT' as const] };
    const expected = await app.workbench.store.countEvents(filter);
    expect(expected).toBeLessThan(before);
    await eventually(() => listCount(wide)).toBe(expected);
    const whats = await wide.locator('[data-testid=event-item] .what strong').allTextContents();
    expect(whats.every((w) => w === 'ASSAULT')).toBe(true);

    // Timeline: the bars add up to the same events.
    await eventually(async () => {
      const labels = await wide
        .locator('[data-testid=timeline-bar]')
        .evaluateAll((bars) => bars.map((b) => b.getAttribute('aria-label') ?? ''));
      return labels.reduce((n, l) => n + Number(/: (\d+) events/.exec(l)?.[1] ?? 0), 0);
    }).toBe(expected);

    // Map: one shaded region per admin-1 unit that has such events.
    await mapDrawn(wide);
    const regions = await app.workbench.store.placeCounts(filter, 'admin1');
    await eventually(() => wide.evaluate(() => window.__map?.regions)).toBe(regions.length);

    // Network: the actors of the heaviest pairs under the same filter.
    const edges = await app.workbench.store.actorEdges(filter, 1000);
    const actors = new Set(edges.flatMap((e) => [e.source, e.target]));
    await eventually(() => wide.evaluate(() => window.__network?.nodes)).toBe(actors.size);
    await wide.screenshot({ path: `${ARTIFACTS}workbench-wide-filtered.png` });
    await wide.close();
  });

  it('filters everything to a region clicked on the map', async () => {
    await open(page);
    await mapDrawn(page);
    const regions = (await (await fetch(`${app.url}api/map/regions?level=admin1`)).json()) as {
      features: { geometry: { coordinates: [number, number] }; properties: { code: string; count: number } }[];
    };
    let target: { code: string; x: number; y: number } | null = null;
    for (const f of regions.features) {
      const [lng, lat] = f.geometry.coordinates;
      const probe = await page.evaluate(([x, y]) => window.__mapProbe?.(x, y), [lng, lat] as const);
      const box = await page.locator('[data-testid=map]').boundingBox();
      if (
        probe?.layer === 'regions-fill' &&
        box &&
        probe.x > 240 &&
        probe.x < box.width - 60 &&
        probe.y > 20 &&
        probe.y < box.height - 40
      ) {
        target = { code: f.properties.code, x: box.x + probe.x, y: box.y + probe.y };
        break;
      }
    }
    expect(target, 'a region on screen that no event point covers').not.toBeNull();
    if (!target) return;
    await page.mouse.click(target.x, target.y);
    await eventually(() => page.url()).toContain(`admin1=${target.code}`);
    const expected = await app.workbench.store.countEvents({ admin1: [target.code] });
    await eventually(() => listCount(page)).toBe(expected);
    // The keyboard path: the region list beside the map toggles the same filter off again.
    await page.locator(`[data-testid=region-button][data-code="${target.code}"]`).click();
    await eventually(() => page.url()).not.toContain('admin1=');
  });

  it('opens the event under a clicked point, and shows what a point is on hover', async () => {
    await open(page);
    await mapDrawn(page);
    const points = (await (await fetch(`${app.url}api/map/events?limit=5000`)).json()) as {
      features: { geometry: { coordinates: [number, number] }; properties: { id: string } }[];
    };
    const box = await page.locator('[data-testid=map]').boundingBox();
    // Clear of the legend (top left), the zoom buttons (top right) and the attribution (bottom).
    const onScreen = (p: { x: number; y: number }) =>
      !!box && p.x > 240 && p.x < box.width - 60 && p.y > 20 && p.y < box.height - 40;
    const find = async (layer: string) => {
      for (const f of points.features) {
        const [lng, lat] = f.geometry.coordinates;
        const probe = await page.evaluate(([x, y]) => window.__mapProbe?.(x, y), [lng, lat] as const);
        if (box && probe?.layer === layer && onScreen(probe))
          return { id: f.properties.id, x: box.x + probe.x, y: box.y + probe.y };
      }
      return null;
    };
    let target = await find('event-points');
    // Dense points are clustered: clicking a cluster zooms in on it, as a user would.
    for (let i = 0; i < 6 && !target; i++) {
      const cluster = await find('event-clusters');
      if (!cluster) break;
      await page.mouse.click(cluster.x, cluster.y);
      // Wait for the zoom animation to end: the map is still when a point stays put.
      let before = '';
      for (let still = false; !still; ) {
        await page.waitForTimeout(300);
        target = await find('event-points');
        const now = JSON.stringify(target);
        still = now === before;
        before = now;
      }
    }
    expect(target, 'an unclustered event point on screen').not.toBeNull();
    if (!target) return;
    await page.mouse.move(target.x - 5, target.y - 5);
    await page.mouse.move(target.x, target.y, { steps: 3 });
    await page.locator('.maplibregl-popup').waitFor();
    expect((await page.locator('.maplibregl-popup').textContent())?.length).toBeGreaterThan(0);
    await page.mouse.click(target.x, target.y);
    // Points can overlap: the event opened is one of those drawn under the cursor.
    await eventually(() => page.url()).toMatch(/[?&]event=evt_/);
    await page.locator('[data-testid=event-detail] .claims li').first().waitFor();
    const opened = new URL(page.url()).searchParams.get('event');
    const features = points.features.filter((f) => f.properties.id === opened);
    expect(features.length, 'the opened event is one drawn on the map').toBe(1);
    await page.keyboard.press('Escape');
  });

  it('narrows to the clicked timeline bar, and to a brushed span', async () => {
    await open(page);
    await page.waitForSelector('[data-testid=timeline-bar]');
    const bar = page.locator('[data-testid=timeline-bar]').last();
    const label = (await bar.getAttribute('aria-label')) ?? '';
    const [, from, to] = /narrow to (\d{4}-\d{2}-\d{2})(?: – (\d{4}-\d{2}-\d{2}))?/.exec(label) ?? [];
    expect(from).toBeDefined();
    await bar.click();
    await eventually(() => page.url()).toContain(`from=${from}`);
    const expected = await app.workbench.store.countEvents({
      from: from as never,
      to: (to ?? from) as never,
    });
    await eventually(() => listCount(page)).toBe(expected);
    await page.goBack();
    await eventually(() => page.url()).not.toContain('from=');
    await page.waitForSelector('[data-testid=timeline-bar]');
    const svg = await page.locator('[data-testid=timeline] svg').boundingBox();
    if (!svg) throw new Error('timeline not drawn');
    await page.mouse.move(svg.x + svg.width * 0.55, svg.y + svg.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(svg.x + svg.width * 0.75, svg.y + svg.height * 0.5, { steps: 5 });
    await page.mouse.up();
    await eventually(() => page.url()).toMatch(/from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
    const q = new URL(page.url()).searchParams;
    const brushed = await app.workbench.store.countEvents({
      from: q.get('from') as never,
      to: q.get('to') as never,
    });
    await eventually(() => listCount(page)).toBe(brushed);
  });

  it('shows hours when zoomed to a few days, placed by first report', async () => {
    await open(page, '?from=2024-10-29&to=2024-10-31&basis=report');
    await page.waitForSelector('[data-testid=timeline-bar]');
    const dates = await page
      .locator('[data-testid=timeline-bar]')
      .evaluateAll((bars) => bars.map((b) => b.getAttribute('data-date') ?? ''));
    expect(dates.length).toBeGreaterThan(0);
    expect(dates.every((d) => /^\d{4}-\d{2}-\d{2}T\d{2}:00Z$/.test(d))).toBe(true);
    expect(await page.locator('[data-testid=timeline] .pane-head .hint').textContent()).toContain('per hour');
    await page.locator('[data-testid=timeline]').screenshot({ path: `${ARTIFACTS}workbench-timeline-hours.png` });
  });

  it('opens an event with its quoted claims and the claim highlighted in the source text', async () => {
    await open(page);
    await page.waitForSelector('[data-testid=event-item]');
    // The newest demo event is reported in documents (text claims), not only by a dataset.
    await page.locator('[data-testid=event-item]').first().click();
    const detail = page.locator('[data-testid=event-detail]');
    await detail.locator('[data-testid=claim-quote]').first().waitFor();
    expect(page.url()).toMatch(/[?&]event=evt_[0-9a-f]{20}/);
    const id = new URL(page.url()).searchParams.get('event') ?? '';
    const event = await app.workbench.store.getEvent(id as never);
    expect(await detail.locator('[data-testid=claim-quote]').count()).toBe(event?.claimIds.length);
    // Each claim says why the clustering put it here.
    const because = await detail.locator('[data-testid=joined-because]').allTextContents();
    expect(because).toHaveLength(event?.claimIds.length ?? -1);
    expect(because.filter((b) => b.startsWith('leads the event'))).toHaveLength(1);
    await page.screenshot({ path: `${ARTIFACTS}workbench-event.png` });

    const quote = (await detail.locator('blockquote[data-testid=claim-quote]').first().textContent()) ?? '';
    await detail.locator('[data-testid=read-claim]').first().click();
    const highlight = page.locator('[data-testid=reader] [data-testid=claim-highlight]');
    await highlight.first().waitFor();
    const highlighted = (await highlight.allTextContents()).join('');
    expect(highlighted).toBe(quote);
    // Text only: the reader holds no elements from the source, just text and our marks.
    const tags = await page
      .locator('[data-testid=reader-text] *')
      .evaluateAll((els) => [...new Set(els.map((e) => e.tagName))]);
    expect(tags.every((t) => t === 'SPAN' || t === 'MARK')).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}workbench-reader.png` });
    await page.keyboard.press('Escape');
    await eventually(() => page.url()).not.toContain('doc=');
    await page.keyboard.press('Escape');
    await eventually(() => page.url()).not.toContain('event=');
  });

  it('shows a disputed event with its contradictions, who denies, and its independent lines', async () => {
    const disputed = await app.workbench.store.listEvents({ statuses: ['disputed', 'denied'] }, { limit: 50 });
    const event = disputed.items.find((e) => e.contradictions.length > 0);
    expect(event, 'the demo workspace has a disputed event').toBeDefined();
    if (!event) return;
    await open(page, `?event=${event.id}`);
    const detail = page.locator('[data-testid=event-detail]');
    await detail.locator('[data-testid=contradiction]').first().waitFor();
    expect(await detail.locator('[data-testid=contradiction]').count()).toBe(event.contradictions.length);
    // The count in the heading agrees with the grade's own rationale.
    const lines = /(\d+) independent line/.exec(event.rationale)?.[1];
    expect(lines).toBeDefined();
    expect(await detail.locator('.origins h3').textContent()).toContain(`${lines} independent`);
    const quantity = event.contradictions.find((c) => c.figures);
    if (quantity?.figures)
      expect(await detail.locator('[data-testid=quantity-range] li').count()).toBe(quantity.figures.values.length);
    await detail.screenshot({ path: `${ARTIFACTS}workbench-contradiction.png` });
  });

  it('draws the actor network with one node per actor of the heaviest pairs', async () => {
    await open(page, '?view=network&edges=250');
    const edges = await app.workbench.store.actorEdges({}, 250);
    const actors = new Set(edges.flatMap((e) => [e.source, e.target]));
    await page.waitForFunction((n) => window.__network?.nodes === n, actors.size, { timeout: 30_000 });
    await eventually(() => page.evaluate(() => window.__network?.edges)).toBe(edges.length);
    expect(await page.locator('[data-testid=network-count]').textContent()).toContain(
      `${actors.size.toLocaleString('en-US')} actors`,
    );
    await page.waitForFunction(() => window.__network?.layoutDone === true, null, { timeout: 30_000 });
    expect(await colourCount(page, '[data-testid=network]')).toBeGreaterThan(10);
    await page.screenshot({ path: `${ARTIFACTS}workbench-network.png` });
    // Clicking an actor in the list filters every pane to it.
    await page.locator('.network-side button').first().click();
    await eventually(() => page.url()).toMatch(/actor=act_/);
  });

  it('edits a source grade and shows who republishes whom', async () => {
    await open(page, '?view=sources');
    await page.waitForSelector('[data-testid=source-row]');
    const sources = await app.workbench.store.listSources();
    expect(await page.locator('[data-testid=source-row]').count()).toBe(sources.length);
    const lineage = page.locator('[data-testid=lineage] li');
    expect(await lineage.count()).toBeGreaterThan(0);
    const row = page.locator('[data-testid=source-row]').first();
    const sourceId = (await row.getAttribute('data-source')) ?? '';
    await row.getByRole('button', { name: /Change the grade/ }).click();
    await row.locator('select').selectOption('D');
    await row.locator('textarea').fill('Browser test: later reporting contradicted two of its claims.');
    await row.getByRole('button', { name: 'Save grade' }).click();
    await eventually(async () => (await app.workbench.store.getSource(sourceId as never))?.reliability).toBe('D');
    await eventually(() => row.locator('.reliability-grade').textContent()).toBe('D');
    await page.screenshot({ path: `${ARTIFACTS}workbench-sources.png` });
  });

  it('searches documents, actors and places, with the query in the URL and back working', async () => {
    await open(page);
    await page.waitForSelector('[data-testid=event-item]');
    const doc = (await app.workbench.store.listDocuments({}, { limit: 1 })).items[0];
    const word = doc?.title.split(/\W+/).find((w) => w.length > 5) ?? 'statement';
    await page.keyboard.press('/');
    await page.keyboard.type(word);
    await page.keyboard.press('Enter');
    await eventually(() => page.url()).toContain(`q=${encodeURIComponent(word)}`);
    await page.waitForSelector('[data-testid=search-hit]');
    const expected = (await app.workbench.store.searchDocuments(word, { limit: 50 })).total;
    expect(await page.locator('#doc-hits small').textContent()).toBe(`(${expected})`);
    await page.screenshot({ path: `${ARTIFACTS}workbench-search.png` });
    await page.locator('[data-testid=search-hit]').first().click();
    await page.locator('[data-testid=reader-text]').waitFor();
    await page.goBack();
    await page.waitForSelector('[data-testid=search-view]');
    await page.goBack();
    await eventually(() => page.url()).not.toContain('q=');
  });

  it('ingests a dropped file and shows the job, or says the server has no ingest API', async () => {
    await open(page, '?view=ingest');
    await page.waitForSelector('[data-testid=ingest-view]');
    const offered = (await fetch(`${app.url}api/ingest/jobs`)).status !== 404;
    if (!offered) {
      await eventually(() => page.locator('[data-testid=ingest-view]').textContent()).toMatch(/does not offer/);
      await page.screenshot({ path: `${ARTIFACTS}workbench-ingest.png` });
      return;
    }
    const before = (await app.workbench.store.info()).counts.documents;
    await page.locator('[data-testid=ingest-file]').setInputFiles({
      name: 'browser-test-note.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from(
        '---\ntitle: Browser test note\npublisher: Test Desk\nurl: https://desk.example/browser-test\n---\nA note written by the browser test about a border crossing.\n',
      ),
    });
    const job = page.locator('[data-testid=ingest-job]').first();
    await expect.poll(() => job.getAttribute('data-state'), { timeout: 30_000 }).toBe('done');
    await eventually(async () => (await app.workbench.store.info()).counts.documents).toBe(before + 1);
    // Live updates: the header's count follows without a reload.
    await expect
      .poll(() => page.locator('.stats').textContent(), { timeout: 15_000 })
      .toContain(`${before + 1} documents`);
    await page.screenshot({ path: `${ARTIFACTS}workbench-ingest.png` });
  });

  it('follows a dark colour scheme', async () => {
    const dark = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
    watch(dark);
    await dark.goto(`${app.url}?view=network&edges=250`, { waitUntil: 'load' });
    await dark.waitForFunction(() => window.__network?.layoutDone === true, null, { timeout: 30_000 });
    const bg = await dark.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(bg).toBe('rgb(15, 20, 26)');
    await dark.screenshot({ path: `${ARTIFACTS}workbench-dark-network.png` });
    await dark.close();
  });

  it('logs no errors in the browser console, and fetched nothing from outside its own server', () => {
    expect(errors).toEqual([]);
    // The map, its glyphs and every script are served offline by Parallax itself.
    const origin = new URL(app.url).origin;
    expect(requests.length).toBeGreaterThan(20);
    expect(requests.filter((u) => !/^(data|blob):/.test(u) && new URL(u).origin !== origin)).toEqual([]);
  });
});

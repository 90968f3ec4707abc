import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ParallaxError } from '@parallax/core';

const require = createRequire(import.meta.url);

/** Where Chromium is: PARALLAX_CHROMIUM, else Debian's. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = [env.PARALLAX_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (p): p is string => !!p,
  );
  return candidates.find((p) => existsSync(p)) ?? null;
}

/**
 * Prints a brief's print HTML to PDF in headless Chromium. Paged.js lays the pages out first, which
 * is what gives real page-bottom footnotes and page numbers (Chromium has no CSS footnotes of its own).
 * The page makes no network requests: the polyfill is inlined and the HTML is self-contained.
 */
export async function exportPdf(
  html: string,
  options: { chromium?: string | null; timeoutMs?: number } = {},
): Promise<Buffer> {
  const executablePath = options.chromium ?? chromiumPath();
  if (!executablePath)
    throw new ParallaxError(
      'PDF export needs Chromium: install it (apt-get install chromium) or set PARALLAX_CHROMIUM to its path',
      'unavailable',
    );
  const { chromium } = await import('playwright-core');
  // The package exports no path to its polyfill bundle; find it beside the CommonJS entry.
  const root = dirname(dirname(require.resolve('pagedjs')));
  const polyfill = readFileSync(join(root, 'dist', 'paged.polyfill.min.js'), 'utf8');
  const browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage();
    // Nothing leaves the machine: the brief is self-contained, so any request is refused.
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    // A replacer function, not a string: the minified polyfill is full of `$&`-like sequences.
    const scripts = `<script>window.PagedConfig={auto:true,after:()=>{window.__pagedDone=true}};</script><script>${polyfill.replace(/<\/script/gi, '<\\/script')}</script></head>`;
    const withPaged = html.replace('</head>', () => scripts);
    await page.setContent(withPaged, { waitUntil: 'load' });
    await page.waitForFunction(() => (window as unknown as { __pagedDone?: boolean }).__pagedDone === true, undefined, {
      timeout: options.timeoutMs ?? 30_000,
    });
    return await page.pdf({ preferCSSPageSize: true, printBackground: true });
  } finally {
    await browser.close();
  }
}

import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium, driven by playwright-core: no browser download, ever. */
export const CHROMIUM = process.env.PARALLAX_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const ARTIFACTS = fileURLToPath(new URL('../../../artifacts/screenshots/', import.meta.url));

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
      '--disable-component-update',
    ],
  });
}

declare global {
  interface Window {
    /** Set by the map pane once its data is drawn. */
    __mapLoaded?: boolean;
    /** What the map last drew, and when it went idle after drawing it. */
    __map?: { regions: number; points: number; idleAt: number };
    /** Screen position of a place on the map and the layer on top there. */
    __mapProbe?: (lng: number, lat: number) => { x: number; y: number; layer: string | null };
    /** What the network last drew, and when. */
    __network?: { nodes: number; edges: number; renderedAt: number; builtAt: number; layoutDone: boolean };
  }
}

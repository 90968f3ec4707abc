import { createMemoryStore, testDocument, testSource } from '@parallax/testkit';
import { describe, expect, it } from 'vitest';
import { sourceOverview } from './source-overview.ts';

describe('sourceOverview', () => {
  it('counts documents per source and finds who copies whom', async () => {
    const wire = testSource('Wire');
    const portal = testSource('Portal', { syndicates: [] });
    const paper = testSource('Paper');
    const blog = testSource('Blog', { syndicates: [paper.id] });
    const original = testDocument('Troops moved', { sourceId: wire.id });
    const copy = testDocument('Troops moved (copy)', {
      sourceId: portal.id,
      text: original.text,
      syndicatedFrom: original.id,
    });
    const own = testDocument('Portal report', { sourceId: portal.id });
    const orphan = testDocument('No source');
    const store = createMemoryStore();
    await store.apply({ sources: [wire, portal, paper, blog], documents: [original, copy, own, orphan] });

    const o = await sourceOverview(store);
    const byName = Object.fromEntries(o.sources.map((s) => [s.name, s]));
    expect(byName.Portal).toMatchObject({ documents: 2, copies: 1 });
    expect(byName.Wire).toMatchObject({ documents: 1, copies: 0 });
    expect(o.unattributed).toBe(1);
    expect(o.lineage).toEqual([
      { copier: portal.id, original: wire.id, documents: 1, declared: false },
      { copier: blog.id, original: paper.id, documents: 0, declared: true },
    ]);
    expect(o.partial).toBe(false);
  });
});

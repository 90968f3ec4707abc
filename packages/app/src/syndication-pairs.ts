import { buildDocument, type Document, fingerprint, type IsoDateTime } from '@parallax/core';
import { LineageIndex } from './ingest-documents.ts';

/** A story in the labelled set: paragraphs, or edits of another story's paragraphs. */
interface StoryJson {
  url: string;
  published: string;
  paragraphs?: string[];
  keep?: number[];
  prepend?: string;
  edits?: [string, string][];
  label?: 'syndicated' | 'independent';
}

export interface LabelledPair {
  id: string;
  syndicated: boolean;
  original: Document;
  other: Document;
}

function doc(story: StoryJson, paragraphs: string[]): Document {
  return buildDocument({
    title: story.url,
    text: paragraphs.join('\n\n'),
    url: story.url,
    published: new Date(story.published).toISOString() as IsoDateTime,
    retrieved: '2025-01-01T00:00:00.000Z' as IsoDateTime,
  });
}

/** Builds the labelled pairs of data/syndication/stories.json (see its NOTICE). */
export function labelledPairs(json: {
  events: { id: string; a: StoryJson; b: StoryJson; c?: StoryJson }[];
}): LabelledPair[] {
  const pairs: LabelledPair[] = [];
  for (const e of json.events) {
    const aParas = e.a.paragraphs ?? [];
    const a = doc(e.a, aParas);
    let bParas = e.b.paragraphs;
    if (!bParas) {
      bParas = (e.b.keep ?? []).map((i) => aParas[i] ?? '');
      for (const [from, to] of e.b.edits ?? []) bParas = bParas.map((p) => p.split(from).join(to));
      if (e.b.prepend) bParas = [e.b.prepend, ...bParas];
    }
    const b = doc(e.b, bParas);
    pairs.push({ id: `${e.id}:a-b`, syndicated: (e.b.label ?? 'syndicated') === 'syndicated', original: a, other: b });
    if (e.c) {
      const c = doc(e.c, e.c.paragraphs ?? []);
      pairs.push({ id: `${e.id}:a-c`, syndicated: false, original: a, other: c });
      pairs.push({ id: `${e.id}:b-c`, syndicated: false, original: b, other: c });
    }
  }
  return pairs;
}

export interface PairScore {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  precision: number;
  recall: number;
  mistakes: string[];
}

/**
 * Runs the production decision on each pair: the earlier story indexed alone, then asked whether
 * the later one copies it. Precision and recall over the "syndicated" label.
 */
export function scorePairs(pairs: LabelledPair[]): PairScore {
  const s = { truePositives: 0, falsePositives: 0, falseNegatives: 0, trueNegatives: 0, mistakes: [] as string[] };
  for (const p of pairs) {
    const index = new LineageIndex();
    index.add(p.original);
    const predicted = index.originalOf(p.other, fingerprint(p.other.text))?.id === p.original.id;
    if (predicted && p.syndicated) s.truePositives++;
    else if (predicted) {
      s.falsePositives++;
      s.mistakes.push(`${p.id}: called a copy, is independent`);
    } else if (p.syndicated) {
      s.falseNegatives++;
      s.mistakes.push(`${p.id}: missed copy`);
    } else s.trueNegatives++;
  }
  const precision = s.truePositives / Math.max(1, s.truePositives + s.falsePositives);
  const recall = s.truePositives / Math.max(1, s.truePositives + s.falseNegatives);
  return { ...s, precision, recall };
}

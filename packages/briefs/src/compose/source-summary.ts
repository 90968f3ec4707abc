import {
  type ConfidenceLevel,
  CREDIBILITY_LABELS,
  type Document,
  type Event,
  independentOriginCount,
  type LikelihoodBand,
  RELIABILITY_LABELS,
  type Source,
} from '@parallax/core';

/** A cited statement of the brief: the sentence around one citation. */
export interface CitedStatement {
  number: number;
  line: number;
  text: string;
  likelihood: LikelihoodBand | null;
  confidence: ConfidenceLevel | null;
  /** Sources behind it (by id, or `publisher:<name>` for documents without a Source). */
  sourceKeys: string[];
  events: { id: string; credibility: number; credibilityLabel: string; independentOrigins: number }[];
  /** Independent origins behind it: distinct sources of cited documents, origins of cited events. */
  origins: number;
  singleSource: boolean;
}

export interface SourceEntry {
  key: string;
  name: string;
  kind: string;
  reliability: string;
  reliabilityLabel: string;
  documents: number;
  /** Statement numbers that rest on this source. */
  statements: number[];
  /** ICD 206 short descriptor: what affects this source's credibility. */
  descriptor: string;
}

/** ICD 206: which sources carry which statements, single-source dependencies, and a summary statement. */
export interface SourceSummary {
  statement: string;
  sources: SourceEntry[];
  statements: CitedStatement[];
  singleSourceDependencies: number[];
}

export interface StatementInput {
  number: number;
  line: number;
  text: string;
  likelihood: LikelihoodBand | null;
  confidence: ConfidenceLevel | null;
  documentIds: string[];
  eventIds: string[];
}

function sourceKeyOf(doc: Document, documents: ReadonlyMap<string, Document>): string {
  let d = doc;
  const seen = new Set<string>();
  while (d.syndicatedFrom && !seen.has(d.id)) {
    seen.add(d.id);
    const next = documents.get(d.syndicatedFrom);
    if (!next) break;
    d = next;
  }
  return d.sourceId ?? `publisher:${d.publisher ?? d.title}`;
}

function dateRange(docs: Document[]): string {
  const dates = docs
    .map((d) => d.published?.slice(0, 10))
    .filter((d): d is string => !!d)
    .sort();
  if (!dates.length) return 'undated';
  return dates[0] === dates.at(-1) ? (dates[0] as string) : `${dates[0]} to ${dates.at(-1)}`;
}

/**
 * Builds the ICD 206 source summary of a composed brief: for each source the statements it carries
 * and a short descriptor (kind, reliability and why, currency, whether it speaks for a party), and the
 * statements that rest on a single source.
 */
export function summariseSources(
  statements: StatementInput[],
  library: {
    documents: ReadonlyMap<string, Document>;
    sources: ReadonlyMap<string, Source>;
    events: ReadonlyMap<string, Event>;
    /** Documents each cited event's citation expanded to. */
    eventDocuments: ReadonlyMap<string, string[]>;
  },
): SourceSummary {
  const bySource = new Map<string, { docs: Set<string>; statements: Set<number> }>();
  const cited: CitedStatement[] = [];
  for (const s of statements) {
    const docIds = [...s.documentIds, ...s.eventIds.flatMap((e) => library.eventDocuments.get(e) ?? [])];
    const keys = new Set<string>();
    for (const id of docIds) {
      const doc = library.documents.get(id);
      if (!doc) continue;
      const key = sourceKeyOf(doc, library.documents);
      keys.add(key);
      const entry = bySource.get(key) ?? { docs: new Set(), statements: new Set() };
      entry.docs.add(id);
      entry.statements.add(s.number);
      bySource.set(key, entry);
    }
    const events = s.eventIds
      .map((id) => library.events.get(id))
      .filter((e): e is Event => !!e)
      .map((e) => ({
        id: e.id,
        credibility: e.credibility,
        credibilityLabel: CREDIBILITY_LABELS[e.credibility],
        independentOrigins: independentOriginCount(e),
      }));
    const origins = Math.max(keys.size, ...events.map((e) => e.independentOrigins), 0);
    cited.push({
      number: s.number,
      line: s.line,
      text: s.text,
      likelihood: s.likelihood,
      confidence: s.confidence,
      sourceKeys: [...keys].sort(),
      events,
      origins,
      singleSource: origins <= 1,
    });
  }

  const sources: SourceEntry[] = [...bySource.entries()]
    .map(([key, v]) => {
      const source = key.startsWith('publisher:') ? null : (library.sources.get(key) ?? null);
      const docs = [...v.docs].map((id) => library.documents.get(id)).filter((d): d is Document => !!d);
      const name = source?.name ?? key.replace(/^publisher:/, '');
      const grade = source?.reliability ?? 'F';
      const parts = [
        `${source?.kind ?? 'unclassified source'}${source?.country ? ` (${source.country})` : ''}`,
        `reliability ${grade} (${RELIABILITY_LABELS[grade]})${source && grade !== 'F' ? `: ${source.reliabilityRationale}` : ''}`,
        `${docs.length} document${docs.length === 1 ? '' : 's'} cited, ${dateRange(docs)}`,
      ];
      if (source?.kind === 'government') parts.push('official statement: speaks for its government');
      if (source?.discredited) parts.push(`discredited: ${source.discredited.reason}`);
      if (docs.some((d) => d.retracted)) parts.push('a cited document has been retracted');
      if (docs.some((d) => d.syndicatedFrom)) parts.push('cited through a republished copy');
      return {
        key,
        name,
        kind: source?.kind ?? 'other',
        reliability: grade,
        reliabilityLabel: RELIABILITY_LABELS[grade],
        documents: docs.length,
        statements: [...v.statements].sort((a, b) => a - b),
        descriptor: `${name} — ${parts.join('; ')}.`,
      };
    })
    .sort((a, b) => b.statements.length - a.statements.length || a.name.localeCompare(b.name));

  const single = cited.filter((c) => c.singleSource).map((c) => c.number);
  const graded = sources.filter((s) => ['A', 'B'].includes(s.reliability));
  const ungraded = sources.filter((s) => s.reliability === 'F');
  const weakEvents = cited.flatMap((c) => c.events).filter((e) => e.credibility >= 4 && e.credibility <= 5);
  const sentences = [
    `This brief cites ${sources.length} source${sources.length === 1 ? '' : 's'} in ${cited.length} cited statement${cited.length === 1 ? '' : 's'}.`,
    graded.length
      ? `Sources graded usually reliable or better (${graded.map((s) => s.name).join(', ')}) carry ${new Set(graded.flatMap((s) => s.statements)).size} of them.`
      : 'No cited source is graded usually reliable or better.',
    single.length
      ? `${single.length} statement${single.length === 1 ? ' rests' : 's rest'} on a single source (${single.map((n) => `#${n}`).join(', ')}); corroborate ${single.length === 1 ? 'it' : 'them'} or say so where ${single.length === 1 ? 'it is' : 'they are'} used.`
      : 'Every cited statement rests on more than one independent source.',
  ];
  if (ungraded.length)
    sentences.push(
      `Reliability cannot yet be judged for ${ungraded.map((s) => s.name).join(', ')} (grade F: not yet graded, not "bad").`,
    );
  if (weakEvents.length)
    sentences.push(
      `${weakEvents.length} cited event${weakEvents.length === 1 ? ' is' : 's are'} graded doubtful or improbable.`,
    );
  return { statement: sentences.join(' '), sources, statements: cited, singleSourceDependencies: single };
}

import type { Claim } from '../../model/claim.ts';
import type { Reliability } from '../../model/codes.ts';
import type { Document } from '../../model/document.ts';
import type { Origin } from '../../model/event.ts';
import type { ActorId, DocumentId, SourceId } from '../../model/ids.ts';
import type { Source } from '../../model/source.ts';
import { registrableDomain, urlHost } from './registrable-domain.ts';

/** What corroboration needs to know about the documents and sources behind the claims. */
export interface CorroborationContext {
  documents: ReadonlyMap<DocumentId, Document>;
  sources: ReadonlyMap<SourceId, Source>;
}

/** Where one claim comes from, before it is gathered with other claims of the same origin. */
export interface ClaimOrigin {
  key: string;
  kind: Origin['kind'];
  label: string;
  actorId: ActorId | null;
  sourceId: SourceId | null;
  lineage: string;
  reliability: Reliability;
  /** Country (ISO alpha-3) the origin speaks for, when it speaks for a state. */
  country: string | null;
  /** Source kind of a newsroom origin (`government` newsrooms can be parties). */
  sourceKind: Source['kind'] | null;
}

/**
 * CAMEO agent and sector codes. A three-letter code outside this list is a country (ISO alpha-3);
 * inside it, the code names a kind of actor with no state attached.
 */
const AGENT_CODES = new Set(
  'GOV MIL REB OPP PTY COP JUD SPY MED EDU BUS CRM CVL HLH REF LEG ELI LAB AGR ENV DEV HRI IGO NGO IMG MOD RAD UAF SEP INS MNC UIS SET AMN NGM'.split(
    ' ',
  ),
);
/** Agents that speak for their state: a ministry, the army, intelligence, parliament, courts, police. */
const STATE_AGENTS = new Set(['GOV', 'MIL', 'SPY', 'LEG', 'JUD', 'COP']);

/** Country of a CAMEO-style code (`PRKMIL` → `PRK`), null for codes with no state (`IGONAT`, `REB`). */
export function codeCountry(code: string | null | undefined): string | null {
  if (!code || !/^[A-Z]{3}/.test(code)) return null;
  const head = code.slice(0, 3);
  return AGENT_CODES.has(head) ? null : head;
}

/**
 * The line of reporting a speaker belongs to: officials of one state (its ministries, army,
 * intelligence service) are one line; an international organisation is its own line.
 */
export function speakerLineage(code: string | null, fallback: string): string {
  if (!code) return `speaker:${fallback}`;
  const c = code.toUpperCase();
  const country = codeCountry(c);
  if (country && (c.length === 3 || STATE_AGENTS.has(c.slice(3, 6)))) return `state:${country}`;
  if (!country && /^(IGO|NGO|MNC)/.test(c)) return `org:${c}`;
  return `speaker:${c}`;
}

/** Follows syndication links back to the document that was copied. */
export function originalDocument(doc: Document, documents: ReadonlyMap<DocumentId, Document>): Document {
  let current = doc;
  const seen = new Set<DocumentId>([doc.id]);
  while (current.syndicatedFrom) {
    const next = documents.get(current.syndicatedFrom);
    if (!next || seen.has(next.id)) break;
    seen.add(next.id);
    current = next;
  }
  return current;
}

const byDomainCache = new WeakMap<ReadonlyMap<SourceId, Source>, Map<string, Source>>();

/** Sources by registrable domain, so a dataset row citing `edition.cnn.com` finds the graded `cnn.com`. */
function sourceForDomain(ctx: CorroborationContext, domain: string): Source | undefined {
  let map = byDomainCache.get(ctx.sources);
  if (!map) {
    map = new Map();
    for (const s of [...ctx.sources.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      if (!s.domain) continue;
      const key = registrableDomain(s.domain);
      const known = map.get(key);
      // Several hosts of one newsroom: the graded one speaks for it.
      if (!known || (known.reliability === 'F' && s.reliability !== 'F')) map.set(key, s);
    }
    byDomainCache.set(ctx.sources, map);
  }
  return map.get(domain);
}

/**
 * A claim's origin: its speaker when it is attributed (outlets quoting one ministry share the
 * ministry as origin); for a dataset row, the article it was coded from (rows from one article are
 * one origin); otherwise the newsroom that wrote the document, following syndication back to the
 * original so wire copies on other portals count once.
 */
export function originOf(claim: Claim, ctx: CorroborationContext): ClaimOrigin {
  const doc = ctx.documents.get(claim.documentId);
  if (claim.speaker) {
    const code = claim.speaker.code;
    const key = `speaker:${code ?? claim.speaker.id}`;
    return {
      key,
      kind: 'speaker',
      label: claim.speaker.name,
      actorId: claim.speaker.id,
      sourceId: null,
      lineage: speakerLineage(code, claim.speaker.id),
      reliability: channelReliability(doc, ctx),
      country: codeCountry(code),
      sourceKind: null,
    };
  }
  if (claim.dataset) {
    const article = claim.dataset.url ?? null;
    const host = article ? urlHost(article) : null;
    const domain = host ? registrableDomain(host) : null;
    const outlet = domain ? sourceForDomain(ctx, domain) : undefined;
    const key = article ? `article:${article}` : `dataset:${claim.dataset.dataset}:${claim.dataset.recordId}`;
    return {
      key,
      kind: 'dataset-article',
      label: article ?? `${claim.dataset.dataset} record ${claim.dataset.recordId}`,
      actorId: null,
      sourceId: outlet?.id ?? null,
      lineage: domain ? `newsroom:${domain}` : key,
      reliability: outlet?.reliability ?? 'F',
      country: null,
      sourceKind: outlet?.kind ?? null,
    };
  }
  const original = doc ? originalDocument(doc, ctx.documents) : null;
  const source = original?.sourceId ? ctx.sources.get(original.sourceId) : undefined;
  const host = source?.domain ?? (original?.url ? urlHost(original.url) : null);
  const domain = host ? registrableDomain(host) : null;
  const key = domain
    ? `newsroom:${domain}`
    : original?.sourceId
      ? `newsroom:${original.sourceId}`
      : `document:${original?.id ?? claim.documentId}`;
  return {
    key,
    kind: 'newsroom',
    label: source?.name ?? original?.publisher ?? domain ?? original?.title ?? claim.documentId,
    actorId: null,
    sourceId: source?.id ?? original?.sourceId ?? null,
    lineage: key,
    reliability: source?.reliability ?? 'F',
    country: source?.kind === 'government' ? source.country : null,
    sourceKind: source?.kind ?? null,
  };
}

/** How far the channel that carried a claim can be trusted: the grade of the document's Source. */
function channelReliability(doc: Document | undefined, ctx: CorroborationContext): Reliability {
  const source = doc?.sourceId ? ctx.sources.get(doc.sourceId) : undefined;
  return source?.reliability ?? 'F';
}

/** Whether a claim no longer counts: its document (or the original it copies) retracted, or its Source discredited. */
export function exclusionOf(claim: Claim, ctx: CorroborationContext): string | null {
  const doc = ctx.documents.get(claim.documentId);
  if (!doc) return null;
  if (doc.retracted) return `document retracted (${doc.retracted.reason})`;
  const original = originalDocument(doc, ctx.documents);
  if (original.retracted) return `copies a retracted document (${original.retracted.reason})`;
  for (const d of original === doc ? [doc] : [doc, original]) {
    const source = d.sourceId ? ctx.sources.get(d.sourceId) : undefined;
    if (source?.discredited) return `source ${source.name} discredited (${source.discredited.reason})`;
  }
  return null;
}

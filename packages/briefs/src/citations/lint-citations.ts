import type { BriefDraft, DraftEntry } from '../draft/brief-draft.ts';
import { normaliseTitle, tidyTitle, titleWords, wordOverlap } from '../draft/inline-markup.ts';
import { comparableUrl, type FoundUrl } from './find-urls.ts';
import { leadSurname, type ReferenceFields, readReference, splitCitations } from './reference-fields.ts';

export const CITATION_FINDING_KINDS = [
  'duplicate-entry',
  'broken-url',
  'mismatch',
  'access-date',
  'unreferenced-note',
  'missing-entry',
  'title-url-mismatch',
  'order',
  'missing-field',
] as const;
export type CitationFindingKind = (typeof CITATION_FINDING_KINDS)[number];

export type Severity = 'error' | 'warning' | 'info';

export interface CitationFinding {
  kind: CitationFindingKind;
  severity: Severity;
  /** The line the finding is about (1-based, in the draft's text). */
  line: number;
  /** Other lines involved: the bibliography entry a note disagrees with, the first copy of a duplicate. */
  related: number[];
  message: string;
  suggestion: string;
}

/** A page the workspace holds, to check that a cited URL names the work the citation says. */
export interface KnownPage {
  url: string;
  title: string;
  documentId: string;
}

export interface CitationLintOptions {
  /** Pages the workspace holds, by URL; title-url checks against them run only when given. */
  pages?: readonly KnownPage[];
}

/** One note or bibliography entry with its fields. */
export interface CitedReference {
  entry: DraftEntry;
  where: 'note' | 'bibliography';
  /** The entry's text without its note label or list marker: what the fields were read from. */
  source: string;
  fields: ReferenceFields;
}

/** A work: the bibliography entries and notes that cite one thing. */
interface Work {
  entries: CitedReference[];
  notes: CitedReference[];
}

const SIMILAR_TITLE = 0.6;

function lineOfUrl(ref: CitedReference, url: FoundUrl): number {
  const before = ref.source.slice(0, url.start);
  return ref.entry.line + (before.match(/\n/g)?.length ?? 0);
}

function describeEntry(ref: CitedReference): string {
  return ref.where === 'note' ? `note ${ref.entry.label}` : `the bibliography entry on line ${ref.entry.line}`;
}

function shortTitle(title: string | null): string {
  if (!title) return '(untitled)';
  return title.length > 60 ? `“${title.slice(0, 57)}…”` : `“${title}”`;
}

const wordsCache = new WeakMap<ReferenceFields, { norm: string; words: Set<string> }>();

/** A citation's title normalised and as a word set, computed once per citation. */
function titleKey(f: ReferenceFields & { title: string }): { norm: string; words: Set<string> } {
  let k = wordsCache.get(f);
  if (!k) {
    k = { norm: normaliseTitle(f.title), words: titleWords(f.title) };
    wordsCache.set(f, k);
  }
  return k;
}

/** Whether a note and a bibliography entry cite the same work. */
function sameWork(a: ReferenceFields, b: ReferenceFields): boolean {
  if (a.title && b.title) {
    const ka = titleKey(a as ReferenceFields & { title: string });
    const kb = titleKey(b as ReferenceFields & { title: string });
    if (ka.norm === kb.norm) return true;
    const wa = ka.words;
    const wb = kb.words;
    if (wordOverlap(wa, wb) >= 0.75) return true;
    // A shortened note keeps the first words of the title and the author's surname.
    if (a.short || b.short) {
      const [shorter, longer] = wa.size <= wb.size ? [wa, wb] : [wb, wa];
      const contained = [...shorter].every((w) => longer.has(w));
      const sa = leadSurname(a.authors)?.toLowerCase();
      const sb = leadSurname(b.authors)?.toLowerCase();
      if (contained && shorter.size >= 2 && (!sa || !sb || sa === sb)) return true;
    }
  }
  const ua = a.urls[0];
  const ub = b.urls[0];
  return !!ua && !!ub && urlKey(ua) === urlKey(ub);
}

const urlCache = new WeakMap<FoundUrl, string>();
function urlKey(u: FoundUrl): string {
  let k = urlCache.get(u);
  if (k === undefined) {
    k = comparableUrl(u.url);
    urlCache.set(u, k);
  }
  return k;
}

function sortKey(f: ReferenceFields): string {
  const lead = f.authors ?? f.title ?? f.text;
  return lead
    .replace(/^[\s"'“‘]+/, '')
    .replace(/^(the|a|an)\s+/i, '')
    .toLowerCase();
}

/** One collator for every comparison: building one per `localeCompare` call dominates large bibliographies. */
const COLLATOR = new Intl.Collator('en', { sensitivity: 'base' });

/** Each key's rank in collation order (equal keys share a rank), so later comparisons are integer ones. */
function ranks(keys: string[]): number[] {
  const order = keys.map((_, i) => i).sort((a, b) => COLLATOR.compare(keys[a] as string, keys[b] as string));
  const rank = new Array<number>(keys.length).fill(0);
  let r = 0;
  order.forEach((i, k) => {
    if (k > 0 && COLLATOR.compare(keys[order[k - 1] as number] as string, keys[i] as string) !== 0) r++;
    rank[i] = r;
  });
  return rank;
}

/** Indexes of the longest run of entries already in order (O(n log n)); the others are the ones to move. */
function inOrder(rank: number[]): Set<number> {
  // Patience sorting for the longest non-decreasing subsequence.
  const tails: number[] = [];
  const prev = new Array<number>(rank.length).fill(-1);
  for (let i = 0; i < rank.length; i++) {
    const r = rank[i] as number;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((rank[tails[mid] as number] as number) <= r) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1] as number;
    tails[lo] = i;
  }
  const keep = new Set<number>();
  for (let i = tails.length ? (tails[tails.length - 1] as number) : -1; i >= 0; i = prev[i] as number) keep.add(i);
  return keep;
}

function urlWords(url: string): string[] {
  const path = url.replace(/^https?:\/\/[^/]+/i, '').replace(/\.(html?|php|aspx?)$/i, '');
  const slug = path.split('/').filter(Boolean).at(-1) ?? '';
  return slug
    .toLowerCase()
    .split(/[-_+]+/)
    .filter((w) => /^[a-z]{2,}$/.test(w));
}

const STOP = new Set([
  'the',
  'and',
  'for',
  'with',
  'from',
  'into',
  'that',
  'this',
  'says',
  'say',
  'said',
  'may',
  'will',
]);

/**
 * Checks a draft's citations against each other: note markers against note texts, notes against
 * bibliography entries (titles, URLs, dates, publishers), URLs against the damage converters do,
 * the bibliography against itself (duplicates, order, missing fields) and, when the workspace holds
 * the page a URL names, the cited title against the page's.
 */
export function lintCitations(draft: BriefDraft, options: CitationLintOptions = {}): CitationFinding[] {
  const findings: CitationFinding[] = [];
  const add = (f: Omit<CitationFinding, 'related'> & { related?: number[] }) => findings.push({ related: [], ...f });

  const refs = citedReferences(draft);
  const notes = refs.filter((r) => r.where === 'note');
  const entries = refs.filter((r) => r.where === 'bibliography');

  // Note markers ↔ note texts.
  const referenced = new Map<string, number>();
  for (const r of draft.noteReferences) if (!referenced.has(r.label)) referenced.set(r.label, r.line);
  const defined = new Map<string, CitedReference>();
  for (const n of notes) {
    const label = n.entry.label ?? '';
    const first = defined.get(label);
    if (first?.entry === n.entry) continue;
    if (first) {
      add({
        kind: 'duplicate-entry',
        severity: 'error',
        line: n.entry.line,
        related: [first.entry.line],
        message: `note ${label} is defined twice (lines ${first.entry.line} and ${n.entry.line})`,
        suggestion: 'Renumber the notes so each number is defined once.',
      });
      continue;
    }
    defined.set(label, n);
    if (!referenced.has(label)) {
      add({
        kind: 'unreferenced-note',
        severity: 'error',
        line: n.entry.line,
        message: `note ${label} (${shortTitle(n.fields.title)}) is never referenced in the text`,
        suggestion: `Add the marker ${label} after the sentence that rests on this source, or delete the note and renumber.`,
      });
    }
  }
  for (const [label, line] of referenced) {
    if (!defined.has(label)) {
      add({
        kind: 'missing-entry',
        severity: 'error',
        line,
        message: `note marker ${label} has no note text`,
        suggestion: `Write note ${label} or remove the marker.`,
      });
    }
  }

  // Broken URLs, in notes and bibliography alike.
  for (const ref of [...notes, ...entries]) {
    for (const u of ref.fields.urls) {
      if (!u.defects.length) continue;
      const how = u.defects
        .map((d) =>
          d === 'space'
            ? 'split by a space'
            : d === 'line-break'
              ? 'wrapped onto the next line'
              : d === 'markup'
                ? 'cut by formatting markup'
                : 'carrying stray backslashes',
        )
        .join(' and ');
      add({
        kind: 'broken-url',
        severity: 'error',
        line: lineOfUrl(ref, u),
        message: `the URL in ${describeEntry(ref)} is ${how}: ${u.raw.replace(/\s+/g, ' ')}`,
        suggestion: `Write it as one unbroken link: ${u.url}`,
      });
    }
  }

  // Bibliography entries grouped into works; a second entry for one work is a duplicate.
  const works: Work[] = [];
  // Exact title and URL hits are found through maps; only citations without one are compared with
  // every work, so a long bibliography stays fast.
  const byKey = new Map<string, Work>();
  const keysOf = (f: ReferenceFields) => [
    ...(f.title ? [`t:${titleKey(f as ReferenceFields & { title: string }).norm}`] : []),
    ...(f.urls[0] ? [`u:${urlKey(f.urls[0])}`] : []),
  ];
  const remember = (w: Work, f: ReferenceFields) => {
    for (const k of keysOf(f)) if (!byKey.has(k)) byKey.set(k, w);
  };
  const findWork = (f: ReferenceFields, where: (w: Work) => CitedReference[]): Work | null => {
    for (const k of keysOf(f)) {
      const w = byKey.get(k);
      if (w && where(w).length) return w;
    }
    return works.find((w) => where(w).some((x) => sameWork(f, x.fields))) ?? null;
  };
  for (const e of entries) {
    const work = findWork(e.fields, (w) => w.entries);
    if (work) {
      const first = work.entries[0] as CitedReference;
      add({
        kind: 'duplicate-entry',
        severity: 'error',
        line: e.entry.line,
        related: [first.entry.line],
        message: `the bibliography lists ${shortTitle(e.fields.title)} twice (lines ${first.entry.line} and ${e.entry.line})`,
        suggestion: `Delete the entry on line ${e.entry.line}.`,
      });
      work.entries.push(e);
    } else {
      const w: Work = { entries: [e], notes: [] };
      works.push(w);
      remember(w, e.fields);
    }
  }

  // Notes → works; a note whose work has no entry is a missing entry.
  let previous: Work | null = null;
  for (const n of notes) {
    let work: Work | null = null;
    if (n.fields.ibid) work = previous;
    else work = findWork(n.fields, (w) => w.entries);
    if (!work) {
      work = findWork(n.fields, (w) => (w.entries.length ? [] : w.notes));
      if (!work) {
        work = { entries: [], notes: [] };
        works.push(work);
        remember(work, n.fields);
        if (draft.bibliography.length) {
          add({
            kind: 'missing-entry',
            severity: 'error',
            line: n.entry.line,
            message: `note ${n.entry.label} cites ${shortTitle(n.fields.title)}, which is not in the bibliography`,
            suggestion: 'Add a bibliography entry for this work (Chicago lists every work cited in the notes).',
          });
        }
      }
    }
    work.notes.push(n);
    previous = work;
  }
  if (notes.length && !draft.bibliography.length) {
    add({
      kind: 'missing-entry',
      severity: 'warning',
      line: notes[0]?.entry.line ?? 1,
      message: 'the draft has notes but no bibliography',
      suggestion: 'Add a Bibliography section listing every work the notes cite.',
    });
  }
  for (const w of works) {
    const e = w.entries[0];
    if (e && !w.notes.length && draft.notes.length) {
      add({
        kind: 'missing-entry',
        severity: 'warning',
        line: e.entry.line,
        message: `the bibliography lists ${shortTitle(e.fields.title)}, but no note cites it`,
        suggestion: 'Cite it in a note where the text relies on it, or drop it from the bibliography.',
      });
    }
  }

  // Notes against their bibliography entry: titles, URLs, years, publishers, access dates.
  for (const w of works) {
    const e = w.entries[0];
    for (const n of w.notes) {
      if (!e || n.fields.ibid || n.fields.short) continue;
      const a = n.fields;
      const b = e.fields;
      const differences: string[] = [];
      if (a.title && b.title && tidyTitle(a.title) !== tidyTitle(b.title))
        differences.push(`title “${tidyTitle(a.title)}” vs “${tidyTitle(b.title)}”`);
      const ua = a.urls[0];
      const ub = b.urls[0];
      if (ua && ub && comparableUrl(ua.url) !== comparableUrl(ub.url)) differences.push(`URL ${ua.url} vs ${ub.url}`);
      if (a.date && b.date && a.date.year !== b.date.year) differences.push(`year ${a.date.year} vs ${b.date.year}`);
      if (a.container && b.container && normaliseTitle(a.container) !== normaliseTitle(b.container))
        differences.push(`publisher “${a.container}” vs “${b.container}”`);
      if (differences.length) {
        add({
          kind: 'mismatch',
          severity: 'error',
          line: n.entry.line,
          related: [e.entry.line],
          message: `note ${n.entry.label} and the bibliography entry on line ${e.entry.line} differ: ${differences.join('; ')}`,
          suggestion: `Make them agree: check the work itself and correct whichever is wrong${ua && ub && comparableUrl(ua.url) !== comparableUrl(ub.url) ? ' (open both URLs; one of them does not lead to this work)' : ''}.`,
        });
      }
    }
    const dated = [...w.entries, ...w.notes].filter((r) => r.fields.accessed);
    const distinct = [...new Set(dated.map((r) => r.fields.accessed?.iso))];
    if (distinct.length > 1) {
      const [first, ...rest] = dated;
      for (const r of rest) {
        if (!first || r.fields.accessed?.iso === first.fields.accessed?.iso) continue;
        add({
          kind: 'access-date',
          severity: 'warning',
          line: r.entry.line,
          related: [first.entry.line],
          message: `${describeEntry(r)} gives access date ${r.fields.accessed?.text}, ${describeEntry(first)} gives ${first.fields.accessed?.text} for the same work`,
          suggestion: 'Use one access date per work: the date you last checked the page.',
        });
      }
    }
  }

  // Titles against the pages their URLs name.
  const pages = new Map((options.pages ?? []).map((p) => [comparableUrl(p.url), p]));
  for (const w of works) {
    const refs = [...w.entries, ...w.notes];
    const seen = new Set<string>();
    for (const r of refs) {
      const u = r.fields.urls[0];
      const title = r.fields.title;
      if (!u || !title || seen.has(comparableUrl(u.url))) continue;
      seen.add(comparableUrl(u.url));
      const page = pages.get(comparableUrl(u.url));
      if (page) {
        if (wordOverlap(titleWords(page.title), titleWords(title)) < SIMILAR_TITLE) {
          add({
            kind: 'title-url-mismatch',
            severity: 'error',
            line: r.entry.line,
            message: `${describeEntry(r)} titles the work ${shortTitle(title)}, but the page at its URL (workspace document ${page.documentId}) is ${shortTitle(page.title)}`,
            suggestion: 'Find the URL of the work you mean, or cite the page the URL names with its own title.',
          });
        }
        continue;
      }
      // Without the page, a descriptive URL that shares almost no words with the title is a hint.
      const slug = [...new Set(urlWords(u.url).filter((x) => !STOP.has(x)))];
      if (slug.length >= 6) {
        const tw = titleWords(title);
        const shared = slug.filter((x) => tw.has(x) || tw.has(x.replace(/s$/, ''))).length;
        // Keyword slugs (names, places) share about a third of their words with the headline;
        // a slug written from another headline shares little more than the country.
        if (shared / slug.length < 0.25) {
          add({
            kind: 'title-url-mismatch',
            severity: 'warning',
            line: r.entry.line,
            message: `the URL in ${describeEntry(r)} reads “${slug.join(' ')}”, which shares almost no words with the title ${shortTitle(title)}`,
            suggestion:
              'Open the URL and check that it leads to this work; ingest the page to let Parallax compare titles.',
          });
        }
      }
    }
  }

  // Bibliography order: alphabetical by first author's surname, else title.
  const keys = entries.map((e) => sortKey(e.fields));
  const rank = ranks(keys);
  const keep = inOrder(rank);
  entries.forEach((e, i) => {
    if (keep.has(i)) return;
    const after = entries.filter((_, j) => keep.has(j) && (rank[j] as number) <= (rank[i] as number)).at(-1);
    add({
      kind: 'order',
      severity: 'warning',
      line: e.entry.line,
      message: `the bibliography entry on line ${e.entry.line} (${e.fields.authors ?? shortTitle(e.fields.title)}) is out of alphabetical order`,
      suggestion: after
        ? `Move it after the entry on line ${after.entry.line} (${after.fields.authors ?? shortTitle(after.fields.title)}).`
        : 'Move it to the top of the bibliography.',
    });
  });

  // Missing author, publisher or date: once per work, on its bibliography entry when it has one.
  for (const w of works) {
    const r = w.entries[0] ?? w.notes.find((n) => !n.fields.ibid && !n.fields.short);
    if (!r) continue;
    const f = r.fields;
    if (!f.title) {
      add({
        kind: 'missing-field',
        severity: 'warning',
        line: r.entry.line,
        message: `${describeEntry(r)} has no title Parallax could read (no quoted or italic title)`,
        suggestion: 'Put the title in quotation marks (articles, pages) or italics (books, reports).',
      });
    }
    if (!f.authors) {
      add({
        kind: 'missing-field',
        severity: 'info',
        line: r.entry.line,
        message: `${describeEntry(r)} names no author`,
        suggestion:
          'If a person wrote it, add the byline; if an organisation issued it, Chicago lets you start with the title or name the organisation as author.',
      });
    }
    if (!f.container && !(f.authors && f.urls.length)) {
      add({
        kind: 'missing-field',
        severity: 'warning',
        line: r.entry.line,
        message: `${describeEntry(r)} names no publisher or site`,
        suggestion: 'Add the publisher, periodical or website after the title.',
      });
    }
    if (f.undated) {
      add({
        kind: 'missing-field',
        severity: 'info',
        line: r.entry.line,
        message: `${describeEntry(r)} is marked n.d. (no date)`,
        suggestion: f.accessed
          ? 'Give the publication date if the page shows one; otherwise n.d. with the access date is acceptable.'
          : 'Give the publication date, or n.d. with an access date.',
      });
    } else if (!f.date) {
      add({
        kind: 'missing-field',
        severity: 'warning',
        line: r.entry.line,
        message: `${describeEntry(r)} has no date`,
        suggestion: 'Add the publication date (or n.d. and the date you accessed it).',
      });
    }
  }

  return findings.sort((a, b) => a.line - b.line || a.kind.localeCompare(b.kind));
}

function stripNoteLabel(entry: DraftEntry): string {
  return entry.raw
    .replace(/^\s*(?:<sup>\s*&\s*<\/sup>\s*lt;\s*sup>|&lt;sup>|<sup>)\s*[^<]{1,4}\s*<\/sup>\s*/i, '')
    .replace(/^\s*\[\^[^\]\s]+\]:\s*/, '')
    .replace(/^\s*\^\d{1,3}\^\s*/, '')
    .replace(/^\s*[¹²³⁰⁴⁵⁶⁷⁸⁹]{1,3}\s*/, '')
    .replace(/^\s{0,3}\d{1,3}[.)]\s+/, '');
}

/** The notes and bibliography entries of a draft with their fields read, for other checks to use. */
export function citedReferences(draft: BriefDraft): CitedReference[] {
  const markdown = draft.format !== 'text';
  const readNote = (entry: DraftEntry): CitedReference[] => {
    const whole = stripNoteLabel(entry);
    let offset = 0;
    return splitCitations(whole).map((part) => {
      // Earlier parts stay as blank space, so URL offsets still count the entry's lines.
      const source = `${whole.slice(0, offset).replace(/[^\n]/g, ' ')}${part}`;
      offset += part.length + 1;
      return { entry, where: 'note' as const, source, fields: readReference(source, { markdown }) };
    });
  };
  const readEntry = (entry: DraftEntry): CitedReference => {
    const source = entry.raw.replace(/^\s{0,3}(?:[-*+•]|\d{1,3}[.)])\s+/, '');
    return { entry, where: 'bibliography', source, fields: readReference(source, { markdown }) };
  };
  return [...draft.notes.flatMap(readNote), ...draft.bibliography.map(readEntry)];
}

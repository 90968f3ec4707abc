/**
 * Reader for PETRARCH verb-pattern dictionaries. It understands both generations of the format:
 *
 * - PETRARCH-1/TABARI linear patterns (`- NOT * RELATIONS [112]`, `_` = adjacent words), as in the
 *   PETR.Validate verbs file the unit-test records were coded with;
 * - PETRARCH-2 CAMEO.2.0 patterns with noun-phrase groups `{ARMS SHIPMENT}` and prepositional groups
 *   `(TO BORDER)`.
 *
 * Shared by both: `--- NAME [code] ---` synonym blocks, verb lines with irregular forms in `{…}` and
 * an optional own code, `&SYNSET` noun sets with `+` members, and the pattern markers `*` (the verb),
 * `$` (source here), `+` (target here), `%` (compound: the coordinated subject acts on itself) and
 * `^` (skip this noun phrase). A code `[a:b]` codes a for source→target and b for the reverse event.
 */
import { endsWithUnderscore, phraseKey, regularPlural, stripLineComment, stripXmlComments } from './dictionary-text.ts';

/** A word position: any of several word sequences (a synset expands to its members). */
export interface WordElement {
  kind: 'word';
  alternatives: string[][];
  /** Must follow the previous element with no word in between (`_` in the dictionary). */
  adjacent: boolean;
  /** The synset this came from, for explanations. */
  synset: string | null;
}

export interface NounPhraseElement {
  kind: 'np';
  /** Words that must appear, in order, inside one noun phrase. */
  words: PatternElement[];
  adjacent: boolean;
}

export interface PrepPhraseElement {
  kind: 'pp';
  prepositions: string[];
  /** What the prepositional object must contain; empty means "any object" (a target candidate). */
  words: PatternElement[];
  adjacent: boolean;
}

export interface MarkerElement {
  kind: 'source' | 'target' | 'compound' | 'skip';
  adjacent: boolean;
}

export type PatternElement = WordElement | NounPhraseElement | PrepPhraseElement | MarkerElement;

export interface VerbPattern {
  /** Elements before the verb (`*`), in text order. */
  before: PatternElement[];
  after: PatternElement[];
  /** Code of the source→target event, or null when the pattern only codes the reverse event. */
  code: string | null;
  /** Code of the target→source event (`[a:b]`). */
  reverseCode: string | null;
  /** The pattern blocks coding altogether (`[---]`): a match means "this is not an event". */
  blocks: boolean;
  /** How much the pattern says: literal words count 1, phrase groups 1 more; markers 0.5. */
  specificity: number;
  /** The last element before `*` must touch the verb (`IN_*`). */
  adjacentBefore: boolean;
  /**
   * For each word the pattern needs, the words any of its alternatives start with: a sentence that
   * lacks one of them cannot match, which lets the coder skip most patterns without trying them.
   */
  required: string[][];
  /** Source line (1-based), for explanations and tie-breaking. */
  line: number;
  text: string;
  /**
   * Verbs (as the `# VERB` note names them) a phrasal-verb pattern belongs to: "- * ON [190] # PRESS"
   * is "press on", not "demand … on Monday", though its block groups DEMAND with PRESS. Null: the
   * pattern applies to every verb of its block.
   */
  onlyFor: string[] | null;
}

/** One particle or preposition right after the verb, or a light-verb idiom noun ("take part"). */
const PHRASAL =
  /^-\s*\*\s+(ON|OFF|UP|OUT|IN|DOWN|OVER|BACK|AWAY|PART|PLACE|AHEAD|FORWARD|INTO|WITH|FOR|TO|AT|BY|ABOUT|AROUND|THROUGH)\s*$/;

/** A verb, its own default code (or the block's) and the patterns of its block. */
export interface VerbEntry {
  /** The verb as the dictionary lists it (`RESTORE`, `SHUT DOWN`). */
  lemma: string;
  /** Every written form, each a word sequence: `[RESTORED]`, `[SHUTS, DOWN]`, `[WIRE, TAPPED]`. */
  forms: string[][];
  code: string | null;
  reverseCode: string | null;
  block: VerbBlock;
}

export interface VerbBlock {
  name: string;
  code: string | null;
  reverseCode: string | null;
  patterns: VerbPattern[];
  verbs: VerbEntry[];
}

export interface VerbDictionary {
  blocks: VerbBlock[];
  synsets: Map<string, string[][]>;
  /**
   * Event nouns (Parallax's `=NOUN SUSPENSION SUSPEND` lines): a noun naming an act, and the
   * dictionary verb whose patterns code it ("a suspension of flights" is coded as "suspend flights").
   */
  eventNouns: Map<string, string>;
  /**
   * Verbs that carry the event their object names (`=CARRIER ANNOUNCE`: "announced a suspension
   * of …", "opened an investigation into …"), when no pattern of their own matches.
   */
  carriers: Set<string>;
  /** Verbs of aspect (`=ASPECT CONTINUE`) whose subject's event noun is the event ("riots continued"). */
  aspects: Set<string>;
  /** Pattern lines that could not be read (undefined synset, unbalanced groups). */
  skipped: { line: number; text: string; reason: string }[];
}

/** CAMEO codes are 2–4 digits, optionally with a letter suffix the validation files use (`174K`). */
const CODE = /^[0-9]{2,4}[A-Z]?$/;

interface ParsedCode {
  code: string | null;
  reverse: string | null;
  blocks: boolean;
  valid: boolean;
}

function parseCode(raw: string): ParsedCode {
  const body = raw.trim().toUpperCase();
  if (body === '---' || body === '') return { code: null, reverse: null, blocks: true, valid: true };
  const [a = '', b] = body.split(':');
  const code = a === '' || a === '---' ? null : a;
  const reverse = b === undefined || b === '' || b === '---' ? null : b;
  const ok = (c: string | null) => c === null || CODE.test(c);
  if (!ok(code) || !ok(reverse)) return { code: null, reverse: null, blocks: false, valid: false };
  return { code, reverse, blocks: code === null && reverse === null, valid: true };
}

/** Regular verb forms as PETRARCH generates them: -S/-ES/-IES, -ED/-D/-IED, -ING. */
export function regularVerbForms(base: string): string[] {
  const forms = [base];
  if (/[^AEIOU]Y$/.test(base)) {
    const stem = base.slice(0, -1);
    forms.push(`${stem}IES`, `${stem}IED`, `${base}ING`);
  } else if (base.endsWith('E')) {
    forms.push(`${base}S`, `${base}D`, `${base.slice(0, -1)}ING`);
    if (base.endsWith('EE')) forms.push(`${base}ING`);
  } else if (/(SS|SH|CH|X|Z|O)$/.test(base)) {
    forms.push(`${base}ES`, `${base}ED`, `${base}ING`);
  } else {
    forms.push(`${base}S`, `${base}ED`, `${base}ING`);
  }
  return forms;
}

type Lexeme =
  | { t: 'word'; v: string; adjacent: boolean }
  | { t: 'syn'; v: string; adjacent: boolean }
  | { t: 'mark'; v: '*' | '$' | '+' | '%' | '^'; adjacent: boolean }
  | { t: 'open' | 'close'; v: '{' | '}' | '(' | ')'; adjacent: boolean };

function lex(body: string, synsets: Map<string, string[][]>): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  let adjacent = false;
  while (i < body.length) {
    const c = body[i] as string;
    if (c === ' ' || c === '\t') {
      adjacent = false;
      i++;
      continue;
    }
    if (c === '_') {
      adjacent = true;
      i++;
      continue;
    }
    if (c === '{' || c === '}' || c === '(' || c === ')') {
      out.push({ t: c === '{' || c === '(' ? 'open' : 'close', v: c, adjacent });
      adjacent = c === '{' || c === '(' ? false : adjacent;
      i++;
      continue;
    }
    if (c === '*' || c === '$' || c === '+' || c === '%' || c === '^') {
      out.push({ t: 'mark', v: c, adjacent });
      adjacent = false;
      i++;
      continue;
    }
    if (c === '&') {
      let j = i + 1;
      while (j < body.length && /[A-Za-z0-9_'-]/.test(body[j] as string)) j++;
      let name = body.slice(i, j).toUpperCase();
      // Synset names may contain `_`, which is also the adjacency connector: take the longest defined name.
      while (!synsets.has(name) && !synsets.has(name.replace(/_+$/, '')) && name.includes('_')) {
        name = name.slice(0, name.lastIndexOf('_'));
      }
      const resolved = synsets.has(name) ? name : name.replace(/_+$/, '');
      out.push({ t: 'syn', v: resolved, adjacent });
      i += name.length;
      adjacent = false;
      continue;
    }
    let j = i;
    while (j < body.length && !/[\s_{}()*$+%^&]/.test(body[j] as string)) j++;
    if (j === i) {
      i++;
      continue;
    }
    out.push({ t: 'word', v: body.slice(i, j).toUpperCase(), adjacent });
    adjacent = false;
    i = j;
  }
  return out;
}

class PatternSyntaxError extends Error {}

function toElements(lexemes: Lexeme[], synsets: Map<string, string[][]>): PatternElement[] {
  let pos = 0;
  const readSeq = (closer: '}' | ')' | null): PatternElement[] => {
    const els: PatternElement[] = [];
    while (pos < lexemes.length) {
      const lx = lexemes[pos] as Lexeme;
      if (lx.t === 'close') {
        if (lx.v !== closer) throw new PatternSyntaxError(`unexpected ${lx.v}`);
        pos++;
        return els;
      }
      pos++;
      if (lx.t === 'word') {
        els.push({ kind: 'word', alternatives: [[lx.v]], adjacent: lx.adjacent, synset: null });
      } else if (lx.t === 'syn') {
        const members = synsets.get(lx.v);
        if (!members) throw new PatternSyntaxError(`undefined synset ${lx.v}`);
        els.push({ kind: 'word', alternatives: members, adjacent: lx.adjacent, synset: lx.v });
      } else if (lx.t === 'mark') {
        if (lx.v === '*') throw new PatternSyntaxError('verb marker inside a group');
        const kind = lx.v === '$' ? 'source' : lx.v === '+' ? 'target' : lx.v === '%' ? 'compound' : 'skip';
        els.push({ kind, adjacent: lx.adjacent });
      } else if (lx.v === '{') {
        els.push({ kind: 'np', words: readSeq('}'), adjacent: lx.adjacent });
      } else if (lx.v === '(') {
        const inner = readSeq(')');
        const first = inner[0];
        if (first?.kind !== 'word') throw new PatternSyntaxError('prepositional group without a preposition');
        els.push({
          kind: 'pp',
          prepositions: first.alternatives.map((a) => a.join(' ')),
          words: inner.slice(1),
          adjacent: lx.adjacent,
        });
      }
    }
    if (closer) throw new PatternSyntaxError(`missing ${closer}`);
    return els;
  };
  return readSeq(null);
}

function requiredWords(els: PatternElement[], out: string[][] = []): string[][] {
  for (const e of els) {
    if (e.kind === 'word') out.push([...new Set(e.alternatives.map((a) => a[0] as string))]);
    else if (e.kind === 'np') requiredWords(e.words, out);
    else if (e.kind === 'pp') {
      out.push(e.prepositions.map((p) => p.split(' ')[0] as string));
      requiredWords(e.words, out);
    }
  }
  return out;
}

function specificityOf(els: PatternElement[]): number {
  let s = 0;
  for (const e of els) {
    if (e.kind === 'word') s += 1;
    else if (e.kind === 'np') s += 1 + specificityOf(e.words);
    else if (e.kind === 'pp') s += 1 + specificityOf(e.words);
    else s += 0.5;
  }
  return s;
}

/** Splits a pattern line body into the elements before and after `*`. */
function parsePatternBody(
  body: string,
  synsets: Map<string, string[][]>,
): { before: PatternElement[]; after: PatternElement[]; adjacentBefore: boolean } {
  const lexemes = lex(body, synsets);
  const star = lexemes.findIndex((l) => l.t === 'mark' && l.v === '*');
  if (star < 0) throw new PatternSyntaxError('no verb marker *');
  const beforeLx = lexemes.slice(0, star);
  const afterLx = lexemes.slice(star + 1);
  // `IN_*` and `*_OUT`: adjacency to the verb is carried by the verb marker's own flags.
  const starLx = lexemes[star] as Lexeme;
  return {
    before: toElements(beforeLx, synsets),
    after: toElements(afterLx, synsets),
    adjacentBefore: starLx.adjacent,
  };
}

function synsetMember(raw: string): string[][] {
  const key = phraseKey(raw.replace(/[()]/g, ' '));
  if (!key) return [];
  const words = key.split(' ');
  const forms = [words];
  if (!endsWithUnderscore(raw) && !raw.trim().startsWith('{')) {
    const last = words[words.length - 1] as string;
    forms.push([...words.slice(0, -1), regularPlural(last)]);
  }
  return forms;
}

/** Parses a whole verb dictionary. Pattern lines that cannot be read are listed in `skipped`. */
export function readVerbDictionary(source: string): VerbDictionary {
  const synsets = new Map<string, string[][]>();
  const blocks: VerbBlock[] = [];
  const skipped: VerbDictionary['skipped'] = [];
  const lines = stripXmlComments(source).split('\n');
  let mode: 'none' | 'synset' | 'block' = 'none';
  let synsetName = '';
  let synsetNoPlural = false;
  let block: VerbBlock | null = null;
  // Synsets may be used before they are defined (the file says "definitions can occur anywhere"),
  // so patterns are read in a second pass once every synset is known.
  const pendingPatterns: {
    block: VerbBlock;
    body: string;
    code: string;
    line: number;
    onlyFor: string[] | null;
  }[] = [];
  const pendingSynsetRefs: { name: string; ref: string }[] = [];
  const eventNouns = new Map<string, string>();
  const carriers = new Set<string>();
  const aspects = new Set<string>();

  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n] as string;
    if (raw.startsWith('#')) continue;
    const line = stripLineComment(raw);
    const trimmed = line.trim();
    if (trimmed === '') {
      if (mode === 'synset') mode = block ? 'block' : 'none';
      continue;
    }
    if (trimmed.startsWith('=')) {
      const [kind = '', a = '', b = ''] = trimmed.slice(1).trim().toUpperCase().split(/\s+/);
      if (kind === 'NOUN' && a && b) eventNouns.set(a, b.replace(/_/g, ' '));
      else if (kind === 'CARRIER' && a) carriers.add(a.replace(/_/g, ' '));
      else if (kind === 'ASPECT' && a) aspects.add(a.replace(/_/g, ' '));
      else
        skipped.push({
          line: n + 1,
          text: trimmed,
          reason: 'expected =NOUN <noun> <verb>, =CARRIER <verb> or =ASPECT <verb>',
        });
      continue;
    }
    if (trimmed.startsWith('---')) {
      const m = /^---\s*(.*?)\s*\[([^\]]*)\]\s*---/.exec(trimmed) ?? /^---\s*(.*?)\s*---/.exec(trimmed);
      const name = phraseKey(m?.[1] ?? 'UNNAMED');
      const parsed = parseCode(m?.[2] ?? '---');
      block = { name, code: parsed.code, reverseCode: parsed.reverse, patterns: [], verbs: [] };
      blocks.push(block);
      mode = 'block';
      continue;
    }
    if (trimmed.startsWith('&')) {
      synsetName = trimmed.split(/\s+/)[0]?.toUpperCase() ?? '';
      synsetNoPlural = synsetName.endsWith('_');
      synsetName = synsetName.replace(/_+$/, '');
      if (!synsets.has(synsetName)) synsets.set(synsetName, []);
      mode = 'synset';
      continue;
    }
    if (mode === 'synset' && trimmed.startsWith('+')) {
      const member = trimmed.slice(1).trim();
      const list = synsets.get(synsetName) ?? [];
      if (member.startsWith('&')) {
        pendingSynsetRefs.push({ name: synsetName, ref: member.toUpperCase().replace(/_+$/, '') });
      } else {
        const forms = synsetMember(member);
        list.push(...(synsetNoPlural ? forms.slice(0, 1) : forms));
      }
      synsets.set(synsetName, list);
      continue;
    }
    if (!block) continue;
    if (trimmed.startsWith('-')) {
      const codeMatch = /\[([^\]]*)\]\s*$/.exec(trimmed);
      if (!codeMatch) {
        skipped.push({ line: n + 1, text: trimmed, reason: 'no code' });
        continue;
      }
      const note = /#\s*([A-Z_ ,]+?)\s*$/.exec(raw);
      const phrasal = PHRASAL.test(trimmed.slice(0, codeMatch.index).trim());
      pendingPatterns.push({
        block,
        body: trimmed.slice(1, codeMatch.index),
        code: codeMatch[1] ?? '',
        line: n + 1,
        onlyFor:
          phrasal && note
            ? (note[1] as string)
                .split(',')
                .map((v) => v.trim().replace(/_/g, ' '))
                .filter(Boolean)
            : null,
      });
      continue;
    }
    // A verb line: `WORD {FORMS} [code]` or a multi-word verb `+SHUT_DOWN {…}` / `KLM_NOP_+RST`.
    mode = 'block';
    const codeMatch = /\[([^\]]*)\]/.exec(trimmed);
    const parsed = codeMatch ? parseCode(codeMatch[1] ?? '') : null;
    const withoutCode = codeMatch
      ? trimmed.slice(0, codeMatch.index) + trimmed.slice(codeMatch.index + codeMatch[0].length)
      : trimmed;
    const formsMatch = /\{([^}]*)\}/.exec(withoutCode);
    const head = (formsMatch ? withoutCode.slice(0, formsMatch.index) : withoutCode).trim();
    if (!head) continue;
    const words = head.split(/[_\s]+/).filter(Boolean);
    let verbAt = words.findIndex((w) => w.startsWith('+'));
    if (verbAt < 0) verbAt = 0;
    const clean = words.map((w) => w.replace(/^\+/, '').toUpperCase());
    const verbWord = clean[verbAt] ?? '';
    if (!verbWord) continue;
    const irregular = (formsMatch?.[1] ?? '')
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((f) => f.replace(/^\+/, '').toUpperCase().split('_').filter(Boolean));
    const forms: string[][] = [];
    const seen = new Set<string>();
    const add = (f: string[]) => {
      const k = f.join(' ');
      if (f.length > 0 && !seen.has(k)) {
        seen.add(k);
        forms.push(f);
      }
    };
    add(clean);
    // `{}` after a multi-word verb means "no forms to generate".
    const noForms = formsMatch !== null && irregular.length === 0;
    if (!noForms) {
      for (const inflected of regularVerbForms(verbWord)) add(clean.map((w, k) => (k === verbAt ? inflected : w)));
    }
    for (const f of irregular)
      add(f.length === clean.length || f.length > 1 ? f : clean.map((w, k) => (k === verbAt ? (f[0] as string) : w)));
    const entry: VerbEntry = {
      lemma: clean.join(' '),
      forms,
      code: parsed?.valid ? parsed.code : block.code,
      reverseCode: parsed?.valid ? parsed.reverse : block.reverseCode,
      block,
    };
    block.verbs.push(entry);
  }

  for (const { name, ref } of pendingSynsetRefs) {
    const target = synsets.get(ref);
    if (target) synsets.get(name)?.push(...target);
  }
  for (const p of pendingPatterns) {
    const parsed = parseCode(p.code);
    if (!parsed.valid) {
      skipped.push({ line: p.line, text: p.body, reason: `unusable code [${p.code}]` });
      continue;
    }
    try {
      const { before, after, adjacentBefore } = parsePatternBody(p.body, synsets);
      p.block.patterns.push({
        before,
        after,
        adjacentBefore,
        required: requiredWords([...before, ...after]),
        code: parsed.code,
        reverseCode: parsed.reverse,
        blocks: parsed.blocks,
        specificity: specificityOf(before) + specificityOf(after),
        line: p.line,
        text: p.body.trim(),
        onlyFor: p.onlyFor,
      });
    } catch (e) {
      if (!(e instanceof PatternSyntaxError)) throw e;
      skipped.push({ line: p.line, text: p.body.trim(), reason: e.message });
    }
  }
  return { blocks, synsets, eventNouns, carriers, aspects, skipped };
}

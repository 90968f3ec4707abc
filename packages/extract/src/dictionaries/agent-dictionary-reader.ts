/**
 * Reader for TABARI/PETRARCH agent dictionaries (Phoenix.agents.txt): generic nouns that name a
 * sector (`MINISTER [~GOV]`), with plural rules and `!PERSON!` substitution sets.
 */
import { endsWithUnderscore, phraseKey, regularPlural, stripLineComment, stripXmlComments } from './dictionary-text.ts';

/** One agent phrase form and the sector code it adds. */
export interface AgentEntry {
  /** Phrase key, e.g. `FOREIGN MINISTER`. */
  phrase: string;
  /** Sector code without the `~`, e.g. `GOVFRM`. */
  code: string;
  /** `NGO~` puts the code before the country (`NGOARN`); `~GOV` after it (`ARNGOV`). */
  prefix: boolean;
}

function pluralOfPhrase(key: string): string {
  const words = key.split(' ');
  const last = words.pop() ?? '';
  return [...words, regularPlural(last)].join(' ');
}

/** Parses an agent dictionary into every phrase form it defines (singular, plural, substitutions). */
export function readAgentDictionary(source: string): AgentEntry[] {
  const substitutions = new Map<string, string[]>();
  const out: AgentEntry[] = [];
  for (const raw of stripXmlComments(source).split('\n')) {
    const line = stripLineComment(raw);
    if (line.trim() === '') continue;
    const sub = /^\s*(![A-Z]+!)\s*=\s*(.+)$/.exec(line);
    if (sub?.[1] && sub[2]) {
      substitutions.set(
        sub[1],
        sub[2]
          .split(',')
          .map((s) => s.trim().toUpperCase())
          .filter(Boolean),
      );
      continue;
    }
    const codeMatch = /\[\s*([^\]]*?)\s*\]/.exec(line);
    if (!codeMatch?.[1]) continue;
    const codeRaw = codeMatch[1].replace(/\s+/g, '');
    const prefix = codeRaw.endsWith('~') && !codeRaw.startsWith('~');
    const code = codeRaw.replace(/~/g, '');
    if (!/^[A-Z0-9]+$/i.test(code)) continue;
    const before = line.slice(0, codeMatch.index);
    const pluralMatch = /\{([^}]*)\}/.exec(before);
    const phraseRaw = (pluralMatch ? before.slice(0, pluralMatch.index) : before).trim();
    if (!phraseRaw) continue;
    const marker = /![A-Z]+!/.exec(phraseRaw);
    if (marker) {
      // Substituted forms are listed in full by the set (MAN, MEN, …): no plural is generated.
      for (const s of substitutions.get(marker[0]) ?? []) {
        const key = phraseKey(phraseRaw.replace(marker[0], s));
        if (key) out.push({ phrase: key, code: code.toUpperCase(), prefix });
      }
      continue;
    }
    const key = phraseKey(phraseRaw);
    if (!key) continue;
    out.push({ phrase: key, code: code.toUpperCase(), prefix });
    if (pluralMatch) {
      for (const p of (pluralMatch[1] ?? '').split(/\s+/).filter(Boolean)) {
        out.push({ phrase: phraseKey(p), code: code.toUpperCase(), prefix });
      }
    } else if (!endsWithUnderscore(phraseRaw)) {
      out.push({ phrase: pluralOfPhrase(key), code: code.toUpperCase(), prefix });
    }
  }
  return out;
}

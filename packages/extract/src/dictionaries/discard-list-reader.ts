/**
 * Reader for PETRARCH discard lists: phrases that mark a sentence (or, with `+`, a whole story) as
 * out of scope — sports results, entertainment, historical chronologies.
 */
import { endsWithUnderscore, phraseKey, stripLineComment, stripXmlComments } from './dictionary-text.ts';

export interface DiscardEntry {
  phrase: string;
  /** `story` discards the whole document; `sentence` only the sentence containing the phrase. */
  scope: 'sentence' | 'story';
  /** Whole-word match only (the phrase ended with `_`); otherwise the last word may be a stem. */
  wholeWord: boolean;
}

export function readDiscardList(source: string): DiscardEntry[] {
  const out: DiscardEntry[] = [];
  for (const raw of stripXmlComments(source).split('\n')) {
    const line = stripLineComment(raw).trim();
    if (!line) continue;
    const story = line.startsWith('+');
    const body = story ? line.slice(1) : line;
    const phrase = phraseKey(body);
    if (!phrase) continue;
    out.push({ phrase, scope: story ? 'story' : 'sentence', wholeWord: endsWithUnderscore(body) });
  }
  return out;
}

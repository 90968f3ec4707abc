/**
 * Reader for Parallax's own actor table (data/actors/parallax-actors.json): current office holders,
 * IGO officials and organisations with dated roles and Wikidata QIDs, which the 2014 dictionaries lack.
 */
import { ACTOR_KINDS, type ActorKind, InvalidInputError, type IsoDate, isIsoDate } from '@parallax/core';
import type { DatedCode } from './actor-dictionary-reader.ts';
import type { LexiconActor } from './actor-lexicon.ts';
import { phraseKey } from './dictionary-text.ts';

interface RawActor {
  name?: unknown;
  kind?: unknown;
  country?: unknown;
  qid?: unknown;
  aliases?: unknown;
  codes?: unknown;
  roles?: unknown;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/** Parses the table; `source` names the file in error messages. */
export function readParallaxActorTable(json: string, source: string): { actor: LexiconActor; names: string[] }[] {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch (e) {
    throw new InvalidInputError(`${source}: not valid JSON (${(e as Error).message})`);
  }
  const list = (doc as { actors?: unknown }).actors;
  if (!Array.isArray(list)) throw new InvalidInputError(`${source}: expected an object with an "actors" array`);
  return list.map((raw: RawActor, i: number) => {
    const at = `${source}: actors[${i}]`;
    const name = str(raw.name);
    if (!name) throw new InvalidInputError(`${at}: "name" must be a non-empty string`);
    const kind = str(raw.kind) ?? 'other';
    if (!(ACTOR_KINDS as readonly string[]).includes(kind))
      throw new InvalidInputError(`${at} (${name}): unknown kind "${kind}"`);
    const qid = str(raw.qid);
    if (qid && !/^Q\d+$/.test(qid)) throw new InvalidInputError(`${at} (${name}): "qid" must look like Q123`);
    const aliases = Array.isArray(raw.aliases) ? raw.aliases.map(str).filter((a): a is string => a !== null) : [];
    const codes = Array.isArray(raw.codes) ? raw.codes.map(str).filter((c): c is string => c !== null) : [];
    const roles: DatedCode[] = [];
    for (const [k, r] of (Array.isArray(raw.roles) ? raw.roles : []).entries()) {
      const code = str((r as { code?: unknown }).code);
      const start = (r as { start?: unknown }).start ?? null;
      const end = (r as { end?: unknown }).end ?? null;
      const dateOk = (d: unknown) => d === null || (typeof d === 'string' && isIsoDate(d));
      if (!code || !dateOk(start) || !dateOk(end)) {
        throw new InvalidInputError(`${at} (${name}): roles[${k}] needs a "code" and ISO dates (YYYY-MM-DD) or null`);
      }
      roles.push({
        code,
        start: start as IsoDate | null,
        end: end as IsoDate | null,
        title: str((r as { title?: unknown }).title),
      });
    }
    return {
      actor: { name, kind: kind as ActorKind, codes, roles, aliases, qid, origin: 'parallax' },
      names: [name, ...aliases].map(phraseKey),
    };
  });
}

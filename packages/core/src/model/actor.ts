import { contentId } from '../hash/content-id.ts';
import { type ActorId, ID_PREFIX } from './ids.ts';
import type { IsoDate } from './time.ts';

export const ACTOR_KINDS = ['state', 'organisation', 'igo', 'person', 'armed-group', 'sector', 'other'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/**
 * A dated role: a minister counts as government only while in office. `code` is CAMEO-style
 * (country + agent, e.g. `RUSGOV`).
 */
export interface ActorRole {
  code: string;
  title: string | null;
  start: IsoDate | null;
  end: IsoDate | null;
}

/** A canonical entity that acts or speaks. */
export interface Actor {
  id: ActorId;
  name: string;
  kind: ActorKind;
  /** ISO 3166-1 alpha-3 (or a CAMEO region code) the actor belongs to. */
  country: string | null;
  aliases: string[];
  /** CAMEO-style codes the actor is known by, most specific first (`PRKMIL`, `PRK`). */
  codes: string[];
  roles: ActorRole[];
  /** Wikidata QID, e.g. `Q423`. */
  qid: string | null;
}

/** An actor id from its primary code when it has one (stable across dictionaries), else its name. */
export function actorId(key: { code?: string | null; name: string }): ActorId {
  const basis = key.code ? `code:${key.code.toUpperCase()}` : `name:${key.name.trim().toLowerCase()}`;
  return contentId(ID_PREFIX.actor, basis) as ActorId;
}

export function buildActor(fields: Pick<Actor, 'name'> & Partial<Actor>): Actor {
  const codes = fields.codes ?? [];
  return {
    id: fields.id ?? actorId({ code: codes[0] ?? null, name: fields.name }),
    name: fields.name,
    kind: fields.kind ?? 'other',
    country: fields.country ?? null,
    aliases: fields.aliases ?? [],
    codes,
    roles: fields.roles ?? [],
    qid: fields.qid ?? null,
  };
}

/** The CAMEO-style code an actor carried on a date, from its dated roles, else its first code. */
export function actorCodeOn(actor: Actor, date: IsoDate | null): string | null {
  if (date) {
    const role = actor.roles.find((r) => (r.start === null || r.start <= date) && (r.end === null || date <= r.end));
    if (role) return role.code;
  }
  return actor.codes[0] ?? null;
}

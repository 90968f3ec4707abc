import { EVENT_STATUSES, type EventFilter, PLOVER_TYPES } from '@parallax/core';
import { z } from 'zod';
import { isoDate } from './domain-schemas.ts';

/** A comma-separated list in a query string or CLI option (`a,b`), also accepted as repeated values. */
const list = z.union([z.string(), z.array(z.string())]).transform((v) =>
  (Array.isArray(v) ? v : [v])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean),
);

const enumList = <T extends string>(name: string, values: readonly T[]) =>
  list.transform((items, ctx) => {
    const out: T[] = [];
    for (const item of items) {
      const match = values.find((v) => v.toLowerCase() === item.toLowerCase());
      if (match) out.push(match);
      else
        ctx.addIssue({ code: 'custom', message: `unknown ${name} '${item}' (expected one of ${values.join(', ')})` });
    }
    return out;
  });

const patternList = (name: string, pattern: RegExp, example: string, normalise: (s: string) => string = (s) => s) =>
  list.transform((items, ctx) => {
    const out = items.map(normalise);
    for (const item of out) {
      if (!pattern.test(item)) ctx.addIssue({ code: 'custom', message: `'${item}' is not ${name} (e.g. ${example})` });
    }
    return out;
  });

const intList = (name: string, min: number, max: number) =>
  list.transform((items, ctx) => {
    const out: number[] = [];
    for (const item of items) {
      const n = Number(item);
      if (Number.isInteger(n) && n >= min && n <= max) out.push(n);
      else
        ctx.addIssue({
          code: 'custom',
          message: `${name} must be a whole number from ${min} to ${max}, got '${item}'`,
        });
    }
    return out;
  });

/**
 * The event filter as it arrives in a query string or on the command line: strings, comma lists.
 * Parsing validates every value and says which one is wrong; the output is a core EventFilter in
 * which `actorIds` may still hold actor codes or names for the use case to resolve.
 */
export const eventFilterQuerySchema = z
  .object({
    from: isoDate.optional().describe('Events overlapping this day or later (YYYY-MM-DD).'),
    to: isoDate.optional().describe('Events overlapping this day or earlier (YYYY-MM-DD).'),
    actor: list.optional().describe('Actor ids, CAMEO codes or names, comma-separated; any role.'),
    type: enumList('PLOVER type', PLOVER_TYPES).optional().describe('PLOVER event types, comma-separated.'),
    cameo: patternList('a CAMEO root code', /^\d{2}$/, '19')
      .optional()
      .describe('CAMEO root codes (two digits).'),
    quad: intList('quad class', 1, 4).optional().describe('Quad classes 1–4.'),
    minCredibility: z.coerce
      .number({ error: 'expected a credibility grade from 1 to 6' })
      .int('expected a credibility grade from 1 to 6')
      .min(1, 'expected a credibility grade from 1 to 6')
      .max(6, 'expected a credibility grade from 1 to 6')
      .optional()
      .describe('Keep events graded this well or better (1 best; 6 keeps all).'),
    status: enumList('status', EVENT_STATUSES).optional().describe('Event statuses, comma-separated.'),
    country: patternList('an ISO 3166-1 alpha-3 code', /^[A-Z]{3}$/, 'RUS', (s) => s.toUpperCase())
      .optional()
      .describe('Countries of the event place (ISO 3166-1 alpha-3).'),
    admin1: patternList('an ISO 3166-2 code', /^[A-Z]{2}-[A-Z0-9]{1,3}~?$/, 'RU-KRS', (s) => s.toUpperCase())
      .optional()
      .describe('First-level divisions (ISO 3166-2).'),
    bbox: z
      .string()
      .transform((v, ctx) => {
        const n = v.split(',').map(Number);
        const [w, s, e, north] = n;
        if (
          n.length !== 4 ||
          n.some((x) => !Number.isFinite(x)) ||
          (s as number) > (north as number) ||
          Math.abs(s as number) > 90 ||
          Math.abs(north as number) > 90 ||
          Math.abs(w as number) > 180 ||
          Math.abs(e as number) > 180
        ) {
          ctx.addIssue({ code: 'custom', message: `bbox must be west,south,east,north in degrees, got '${v}'` });
          return z.NEVER;
        }
        return n as [number, number, number, number];
      })
      .optional()
      .describe('west,south,east,north in degrees.'),
    document: z
      .string()
      .regex(/^doc_[0-9a-f]{20}$/, 'expected a document id (doc_…)')
      .optional()
      .describe('Only events with a claim from this document.'),
  })
  .strict();

export type EventFilterQuery = z.input<typeof eventFilterQuerySchema>;

/** Turns the parsed query into the core filter (actor references still unresolved). */
export function toEventFilter(q: z.output<typeof eventFilterQuerySchema>): EventFilter & { actorRefs?: string[] } {
  const filter: EventFilter & { actorRefs?: string[] } = {};
  if (q.from) filter.from = q.from as EventFilter['from'];
  if (q.to) filter.to = q.to as EventFilter['to'];
  if (q.actor?.length) filter.actorRefs = q.actor;
  if (q.type?.length) filter.ploverTypes = q.type;
  if (q.cameo?.length) filter.cameoRoots = q.cameo;
  if (q.quad?.length) filter.quadClasses = q.quad as EventFilter['quadClasses'];
  if (q.minCredibility !== undefined) filter.minCredibility = q.minCredibility as EventFilter['minCredibility'];
  if (q.status?.length) filter.statuses = q.status;
  if (q.country?.length) filter.countries = q.country;
  if (q.admin1?.length) filter.admin1 = q.admin1;
  if (q.bbox) filter.bbox = q.bbox;
  if (q.document) filter.documentId = q.document as EventFilter['documentId'];
  return filter;
}

/** The message of the first problem in a zod error, prefixed with the field it concerns. */
export function describeZodError(error: z.ZodError, noun = 'field'): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.join('.');
      if (issue.code === 'unrecognized_keys')
        return `unknown ${noun}${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

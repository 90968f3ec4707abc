import { resolveEventFilter } from '@parallax/app';
import { eventFilterQuerySchema, toEventFilter } from '@parallax/contract';
import type { EventFilter } from '@parallax/core';
import type { Workbench } from '@parallax/runtime';
import { z } from 'zod';

/** What every route module receives from the server. */
export interface RouteContext {
  workbench: Workbench;
  /** Checks the caller may write; throws an error the handler turns into 401/403. */
  authorizeWrite(authorization: string | undefined): void;
}

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(1000).default(50).describe('Page size (1–1000).'),
  cursor: z.string().max(200).optional().describe('Continue after the page that returned this cursor.'),
};

/** The event filter fields plus extras, strict: an unknown parameter is a 400, not ignored. */
export function filterQuery<T extends z.ZodRawShape>(extra: T) {
  return eventFilterQuerySchema.extend(extra);
}

export async function eventFilterFrom(
  workbench: Workbench,
  query: z.output<typeof eventFilterQuerySchema>,
): Promise<EventFilter> {
  return resolveEventFilter(workbench.store, toEventFilter(query));
}

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), next: z.string().nullable(), total: z.number() });
}

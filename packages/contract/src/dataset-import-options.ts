import { z } from 'zod';
import { eventFilterQuerySchema } from './event-filter-query.ts';

const filterFields = eventFilterQuerySchema.shape;

const positive = (name: string) =>
  z.union([z.string(), z.number()]).transform((v, ctx) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) {
      ctx.addIssue({ code: 'custom', message: `${name} must be a whole number above 0, got '${v}'` });
      return z.NEVER;
    }
    return n;
  });

/**
 * Options of a GDELT import (`parallax import gdelt`, the API's dataset import): the row filter,
 * the time window to fetch, and limits. Unknown keys pass through (the CLI adds its own flags).
 */
export const gdeltImportOptionsSchema = z
  .object({
    actorCountry: filterFields.country.describe('Keep rows where either actor is from one of these ISO-3 countries.'),
    cameo: filterFields.cameo,
    from: filterFields.from,
    to: filterFields.to,
    bbox: filterFields.bbox,
    since: z.string().optional(),
    until: z.string().optional(),
    list: z.string().optional(),
    maxBytes: positive('--max-bytes').optional(),
    chunkRows: positive('--chunk-rows').optional(),
  })
  .transform((o) => ({
    ...o,
    filter: {
      ...(o.actorCountry?.length ? { actorCountries: o.actorCountry } : {}),
      ...(o.cameo?.length ? { cameoRoots: o.cameo } : {}),
      ...(o.from ? { from: o.from } : {}),
      ...(o.to ? { to: o.to } : {}),
      ...(o.bbox ? { bbox: o.bbox } : {}),
    },
  }));

import { z } from 'zod';

/**
 * YAML front matter accepted at the top of plain-text and Markdown documents. Unknown keys are
 * rejected so a typo (`publised:`) is reported rather than silently ignored.
 */
export const frontMatterSchema = z
  .object({
    title: z.string().trim().min(1).optional(),
    publisher: z.string().trim().min(1).optional(),
    url: z.url({ protocol: /^https?$/ }).optional(),
    published: z
      .union([z.string(), z.date()])
      .transform((v, ctx) => {
        const ms = v instanceof Date ? v.getTime() : Date.parse(v);
        if (Number.isNaN(ms)) {
          ctx.addIssue({ code: 'custom', message: `'${String(v)}' is not a date` });
          return z.NEVER;
        }
        return new Date(ms).toISOString();
      })
      .optional(),
    author: z.string().trim().min(1).optional(),
    language: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, 'expected a language tag such as en')
      .optional(),
    /** Demo and test fixtures may name the file a copy was made from; ingest verifies it independently. */
    syndicated_from: z.string().optional(),
  })
  .strict();

export type FrontMatter = z.output<typeof frontMatterSchema>;

import { z } from 'zod';

/**
 * A file of analyst grades (`parallax sources grade --file`): one entry per source, each with the
 * reason, so a team's grading can be kept under review and applied to any workspace at once.
 */
export const gradesFileSchema = z
  .array(
    z.object({
      source: z.string().min(1).describe('source id, domain (nato.int) or name'),
      grade: z.string().describe('Admiralty reliability A–F; F means "cannot be judged"'),
      why: z.string().describe('the rationale kept with the grade'),
    }),
  )
  .min(1);

export type GradesFile = z.infer<typeof gradesFileSchema>;

import { z } from 'zod';

export const INGEST_JOB_KINDS = ['upload', 'urls', 'feed'] as const;
export const INGEST_JOB_STATES = ['queued', 'running', 'done', 'failed'] as const;
export const UPLOAD_KINDS = ['document', 'gdelt-events', 'gdelt-mentions', 'ucdp'] as const;

const httpUrl = z
  .string()
  .max(4096)
  .regex(/^https?:\/\/\S+$/i, 'expected an http(s) URL');

export const submitUrlsSchema = z
  .object({
    urls: z.array(httpUrl).min(1).max(1000).describe('Pages or PDFs to fetch and ingest (http/https).'),
  })
  .strict()
  .meta({ id: 'SubmitUrls' });

export const submitFeedSchema = z
  .object({
    feed: httpUrl.describe('An RSS 2.0, RSS 1.0, Atom or JSON Feed URL; only items not ingested before are fetched.'),
    watch: z.boolean().default(false).describe("Also add the feed to the workspace's watched feeds."),
  })
  .strict()
  .meta({ id: 'SubmitFeed' });

export const uploadQuerySchema = z
  .object({
    name: z
      .string()
      .min(1)
      .max(255)
      .refine((n) => !/[/\\]/.test(n) && !n.includes(String.fromCharCode(0)), 'a file name without folders')
      .describe('File name of the upload; its extension tells documents apart (.txt, .md, .html, .pdf).'),
    kind: z
      .enum(UPLOAD_KINDS)
      .default('document')
      .describe(
        'What the file is: a document, a GDELT events export or mentions file (raw or .zip), or a UCDP GED CSV.',
      ),
  })
  .strict();

const failureSchema = z.object({ input: z.string(), reason: z.string() });

export const ingestJobSchema = z
  .object({
    id: z.string().describe('Job id (job_…).'),
    kind: z.enum(INGEST_JOB_KINDS),
    state: z.enum(INGEST_JOB_STATES),
    inputs: z.array(z.string()).describe('File names, URLs or the feed the job was given.'),
    created: z.string(),
    started: z.string().nullable(),
    finished: z.string().nullable(),
    progress: z
      .object({
        done: z.number().describe('Items (documents or dataset rows) processed so far.'),
        total: z.number().nullable().describe('Items expected, when known.'),
        unit: z.enum(['documents', 'rows', 'items']),
      })
      .describe('Poll GET /api/ingest/jobs/{id} to follow it.'),
    summary: z
      .object({
        read: z.number(),
        inserted: z.number().describe('New documents, or new dataset rows.'),
        duplicates: z.number().describe('Already in the workspace.'),
        syndicated: z.number().describe('New documents recorded as republished copies of an earlier one.'),
        failed: z.number(),
      })
      .nullable()
      .describe('Counts so far; final when the job is done.'),
    failures: z.array(failureSchema).describe('Inputs (or dataset rows, as file:line) that failed, with the reason.'),
    error: z.string().nullable().describe('Why the whole job failed, when it did.'),
  })
  .meta({ id: 'IngestJob' });

export type IngestJob = z.infer<typeof ingestJobSchema>;

import { z } from 'zod';

/** The citation finding kinds `brief check` reports; the list is part of the contract. */
export const citationFindingKind = z.enum([
  'duplicate-entry',
  'broken-url',
  'mismatch',
  'access-date',
  'unreferenced-note',
  'missing-entry',
  'title-url-mismatch',
  'order',
  'missing-field',
]);
export const languageFindingKind = z.enum([
  'likelihood',
  'unmapped',
  'certainty',
  'likelihood-and-confidence',
  'mixed-terms',
  'no-basis',
]);
const severity = z.enum(['error', 'warning', 'info']);

const evidenceQuoteSchema = z.object({
  claimId: z.string().optional(),
  quote: z.string(),
  stance: z.string().optional(),
  speaker: z.string().nullable().optional(),
  documentId: z.string().optional(),
  title: z.string().nullable(),
  publisher: z.string().nullable(),
  url: z.string().nullable(),
  published: z.string().nullable(),
});

export const briefClaimCheckSchema = z.object({
  line: z.number(),
  source: z.string().describe('the line as the draft shows it: a line number, or page:line for PDF'),
  text: z.string(),
  verdict: z.enum(['supported', 'contradicted', 'unverified']),
  evidence: z
    .object({
      eventId: z.string(),
      status: z.string(),
      credibility: z.number(),
      credibilityLabel: z.string(),
      origins: z.array(z.object({ label: z.string(), kind: z.string(), interested: z.boolean() })),
      supporting: z.array(evidenceQuoteSchema),
      conflicts: z.array(z.object({ kind: z.string(), summary: z.string(), quotes: z.array(evidenceQuoteSchema) })),
    })
    .nullable(),
});

export const citationFindingSchema = z.object({
  kind: citationFindingKind,
  severity,
  line: z.number(),
  source: z.string(),
  related: z.array(z.number()),
  message: z.string(),
  suggestion: z.string(),
});

export const languageFindingSchema = z.object({
  kind: languageFindingKind,
  severity,
  line: z.number(),
  source: z.string(),
  text: z.string(),
  band: z.string().nullable(),
  message: z.string(),
  suggestion: z.string(),
});

/** What `brief check` returns: `parallax brief check --json` and `POST /api/briefs/check`. */
export const briefCheckReportSchema = z
  .object({
    draft: z.object({
      name: z.string(),
      format: z.string(),
      lines: z.number(),
      notes: z.number(),
      bibliography: z.number(),
      title: z.string().nullable(),
    }),
    factCheck: z.object({ extractor: z.string().nullable(), note: z.string().nullable() }),
    claims: z.array(briefClaimCheckSchema),
    citations: z.array(citationFindingSchema),
    language: z.array(languageFindingSchema),
  })
  .meta({ id: 'BriefCheckReport' });

export const briefCheckRequestSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .max(200)
      .describe('file name; its extension says the format (.md, .txt, .html, .pdf, .docx)'),
    text: z.string().max(4_000_000).optional().describe('the draft as text (Markdown, plain text, HTML)'),
    base64: z.string().max(7_000_000).optional().describe('the draft file, base64-encoded (PDF, DOCX)'),
  })
  .strict()
  .refine((b) => (b.text === undefined) !== (b.base64 === undefined), 'give exactly one of text or base64');

export const briefComposeRequestSchema = z
  .object({
    markdown: z.string().max(4_000_000).describe('the brief: Markdown with [@doc:…] and [@event:…] keys'),
    style: z.string().max(2_000_000).optional().describe('a CSL style (XML); the Parallax Chicago style when absent'),
  })
  .strict();

export const composedBriefSchema = z
  .object({
    title: z.string().nullable(),
    markdown: z.string(),
    html: z.string().describe('a standalone HTML document (notes at the end)'),
    notes: z.array(z.object({ number: z.number(), line: z.number(), html: z.string(), text: z.string() })),
    bibliography: z.array(z.object({ html: z.string(), text: z.string() })),
    summary: z.object({
      statement: z.string(),
      singleSourceDependencies: z.array(z.number()),
      sources: z.array(
        z.object({
          key: z.string(),
          name: z.string(),
          kind: z.string(),
          reliability: z.string(),
          reliabilityLabel: z.string(),
          documents: z.number(),
          statements: z.array(z.number()),
          descriptor: z.string(),
        }),
      ),
      statements: z.array(
        z.object({
          number: z.number(),
          line: z.number(),
          text: z.string(),
          likelihood: z.string().nullable(),
          confidence: z.string().nullable(),
          sourceKeys: z.array(z.string()),
          events: z.array(
            z.object({
              id: z.string(),
              credibility: z.number(),
              credibilityLabel: z.string(),
              independentOrigins: z.number(),
            }),
          ),
          origins: z.number(),
          singleSource: z.boolean(),
        }),
      ),
    }),
    problems: z.array(z.object({ line: z.number(), message: z.string() })),
    styleTitle: z.string(),
  })
  .meta({ id: 'ComposedBrief' });

export type BriefCheckReportBody = z.infer<typeof briefCheckReportSchema>;
export type ComposedBriefBody = z.infer<typeof composedBriefSchema>;

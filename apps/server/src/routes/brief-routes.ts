import { briefHtml, exportDocx, exportPdf, readDraft } from '@parallax/briefs';
import {
  briefCheckReportSchema,
  briefCheckRequestSchema,
  briefComposeRequestSchema,
  composedBriefSchema,
} from '@parallax/contract';
import { InvalidInputError } from '@parallax/core';
import { checkBriefDraft, composeBriefInWorkspace } from '@parallax/runtime';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../api-error.ts';
import type { RouteContext } from './route-context.ts';

export function registerBriefRoutes(app: FastifyInstance, { workbench }: RouteContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/briefs/check',
    {
      schema: {
        tags: ['briefs'],
        summary:
          'Check a draft brief: claims against the workspace events, citations (notes ↔ bibliography, URLs, order, fields), ICD 203 estimative language',
        body: briefCheckRequestSchema,
        response: { 200: briefCheckReportSchema, 400: apiErrorSchema },
      },
    },
    async (req) => {
      const { name, text, base64 } = req.body;
      const bytes = text !== undefined ? new TextEncoder().encode(text) : Buffer.from(base64 ?? '', 'base64');
      if (!bytes.byteLength) throw new InvalidInputError(`${name}: the draft is empty`);
      return checkBriefDraft(workbench, await readDraft({ name, bytes }));
    },
  );

  api.post(
    '/api/briefs/compose',
    {
      schema: {
        tags: ['briefs'],
        summary:
          'Compose a brief: citation keys rendered through CSL (Chicago notes-bibliography by default), bibliography, ICD 206 source summary',
        body: briefComposeRequestSchema,
        response: { 200: composedBriefSchema, 400: apiErrorSchema },
      },
    },
    async (req) => {
      const composed = await composeBriefInWorkspace(workbench, req.body.markdown, { style: req.body.style ?? null });
      return { ...composed, html: briefHtml(composed, 'screen') };
    },
  );

  api.post(
    '/api/briefs/export',
    {
      schema: {
        tags: ['briefs'],
        summary:
          'Export a composed brief as Markdown, HTML, PDF (page-bottom footnotes, page numbers) or DOCX (Word footnotes)',
        body: briefComposeRequestSchema.extend({ format: z.enum(['md', 'html', 'pdf', 'docx']) }).strict(),
        response: { 400: apiErrorSchema, 503: apiErrorSchema },
      },
    },
    async (req, typed) => {
      // The file goes out as bytes with its own media type, not as a JSON body the schema describes.
      const reply = typed as unknown as FastifyReply;
      const composed = await composeBriefInWorkspace(workbench, req.body.markdown, { style: req.body.style ?? null });
      const name =
        (composed.title ?? 'brief')
          .replace(/[^\w-]+/g, '-')
          .replace(/^-|-$/g, '')
          .toLowerCase() || 'brief';
      if (req.body.format === 'md')
        return reply
          .type('text/markdown; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.md"`)
          .send(composed.markdown);
      if (req.body.format === 'html')
        return reply
          .type('text/html; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.html"`)
          .send(briefHtml(composed, 'screen'));
      if (req.body.format === 'docx')
        return reply
          .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
          .header('content-disposition', `attachment; filename="${name}.docx"`)
          .send(await exportDocx(composed));
      const pdf = await exportPdf(briefHtml(composed, 'print'));
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${name}.pdf"`)
        .send(pdf);
    },
  );
}

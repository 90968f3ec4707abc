import { describeZodError } from '@parallax/contract';
import { ParallaxError } from '@parallax/core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** Every error the API returns has this body, so clients need one parser. */
export const apiErrorSchema = z
  .object({
    error: z.string().describe('machine-readable kind'),
    message: z.string().describe('what was wrong, with which input'),
  })
  .meta({ id: 'ApiError' });

const STATUS: Record<ParallaxError['code'], number> = {
  'invalid-input': 400,
  'not-found': 404,
  integrity: 409,
  unsupported: 415,
  unavailable: 503,
};

export function handleApiError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'request';
    // The type provider flattens each zod issue into an AJV-style record; rebuild the issue so the
    // API words its messages exactly as the CLI does.
    const issues = error.validation.map((v) => {
      const path = v.instancePath.replace(/^\//, '').split('/').filter(Boolean);
      const issue = {
        ...(v.params as object),
        code: v.keyword,
        path,
        message: v.message ?? 'invalid',
      } as z.core.$ZodIssue;
      return describeZodError(new z.ZodError([issue]), 'parameter');
    });
    reply.code(400).send({ error: 'invalid-input', message: `${where}: ${issues.join('; ')}` });
    return;
  }
  if (error instanceof ParallaxError) {
    reply.code(STATUS[error.code]).send({ error: error.code, message: error.message });
    return;
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ err: error }, 'response did not match its schema');
    reply
      .code(500)
      .send({ error: 'internal', message: 'the server produced a response that does not match its schema' });
    return;
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    const kind = { 401: 'unauthorized', 403: 'forbidden', 404: 'not-found', 413: 'too-large', 415: 'unsupported' }[
      error.statusCode
    ];
    reply.code(error.statusCode).send({ error: kind ?? 'invalid-input', message: error.message });
    return;
  }
  request.log.error({ err: error }, 'unexpected error');
  reply.code(500).send({ error: 'internal', message: 'unexpected server error' });
}

/** An error with an HTTP status, for conditions that are about the request rather than the domain. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

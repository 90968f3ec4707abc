import { describeZodError, frontMatterSchema } from '@parallax/contract';
import { buildDocument, type Document, InvalidInputError, type IsoDateTime, type Source } from '@parallax/core';
import { parse as parseYaml } from 'yaml';
import { detectLanguage } from './language-detector.ts';
import { sourceForDocument } from './source-for-document.ts';

export interface RawInput {
  /** How the input is named in messages: a path, file name or URL. */
  name: string;
  bytes: Uint8Array;
  /** When the bytes were obtained. */
  retrieved: IsoDateTime;
  /** Where the bytes came from, if fetched. */
  url?: string | null;
}

export interface ReadResult {
  document: Document;
  source: Source | null;
  /** Front-matter `syndicated_from`, kept only as a hint for tests and demo data. */
  declaredOriginal: string | null;
}

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Decodes UTF-8 strictly; a binary or mis-encoded file is refused with its name in the message. */
export function decodeUtf8Text(name: string, bytes: Uint8Array): string {
  if (bytes.includes(0))
    throw new InvalidInputError(`${name}: looks like a binary file (contains NUL bytes), not text`);
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    throw new InvalidInputError(`${name}: not valid UTF-8 text`);
  }
}

/**
 * Reads a plain-text or Markdown document with optional YAML front matter (`title`, `publisher`,
 * `url`, `published`, `author`, `language`). The stored text is the body after the front matter,
 * kept verbatim so claim offsets always point into exactly what the author wrote.
 */
export function readTextDocument(input: RawInput, mediaType: 'text/plain' | 'text/markdown'): ReadResult {
  const raw = decodeUtf8Text(input.name, input.bytes).replace(/\r\n?/g, '\n');
  let body = raw;
  let meta: ReturnType<typeof frontMatterSchema.parse> = {};
  const fm = FRONT_MATTER.exec(raw);
  if (fm) {
    let parsed: unknown;
    try {
      parsed = parseYaml(fm[1] ?? '') ?? {};
    } catch (error) {
      throw new InvalidInputError(
        `${input.name}: front matter is not valid YAML (${(error as Error).message.split('\n')[0]})`,
      );
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new InvalidInputError(`${input.name}: front matter must be a YAML mapping of keys to values`);
    }
    const result = frontMatterSchema.safeParse(parsed);
    if (!result.success) throw new InvalidInputError(`${input.name}: front matter: ${describeZodError(result.error)}`);
    meta = result.data;
    body = raw.slice(fm[0].length);
  }
  body = body.replace(/^\n+/, '').replace(/\s+$/, '');
  if (!body.trim()) throw new InvalidInputError(`${input.name}: the document has no text`);

  const heading = mediaType === 'text/markdown' ? /^#\s+(.+)$/m.exec(body)?.[1]?.trim() : undefined;
  const firstLine = body.split('\n', 1)[0]?.trim().slice(0, 200);
  const title = meta.title ?? heading ?? firstLine ?? input.name;
  const url = meta.url ?? input.url ?? null;
  const publisher = meta.publisher ?? null;
  const source = sourceForDocument(publisher, url);
  const document = buildDocument({
    title,
    text: body,
    retrieved: input.retrieved,
    url,
    author: meta.author ?? null,
    publisher,
    published: (meta.published as IsoDateTime | undefined) ?? null,
    language: meta.language ?? detectLanguage(body),
    mediaType,
    sourceId: source?.id ?? null,
  });
  return { document, source, declaredOriginal: meta.syndicated_from ?? null };
}

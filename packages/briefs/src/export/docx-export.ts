import type { FootnoteReferenceRun, Paragraph, TextRun } from 'docx';
import { Parser } from 'htmlparser2';
import type { ComposedBrief } from '../compose/compose-brief.ts';

type Inline = TextRun | FootnoteReferenceRun;
interface Block {
  kind: 'h1' | 'h2' | 'h3' | 'p' | 'li';
  runs: Inline[];
}

type Docx = typeof import('docx');

/** HTML (markdown-it's body, citeproc's notes) → Word paragraphs of runs, notes as footnote references. */
function blocksOf(docx: Docx, html: string): Block[] {
  const { FootnoteReferenceRun, TextRun } = docx;
  const blocks: Block[] = [];
  let current: Block | null = null;
  let italic = 0;
  let bold = 0;
  let noteRef: string | null = null;
  const open = (kind: Block['kind']) => {
    current = { kind, runs: [] };
    blocks.push(current);
  };
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (/^h[1-6]$/.test(name)) open(name <= 'h3' ? (name as Block['kind']) : 'h3');
        else if (name === 'p' || name === 'li' || name === 'div') open(name === 'li' ? 'li' : 'p');
        else if (name === 'i' || name === 'em') italic++;
        else if (name === 'b' || name === 'strong') bold++;
        else if (name === 'sup' && attrs.class === 'fn-ref') noteRef = attrs['data-note'] ?? null;
      },
      ontext(text) {
        if (noteRef) return;
        if (!current) open('p');
        const t = text.replace(/\s+/g, ' ');
        if (t) (current as Block).runs.push(new TextRun({ text: t, italics: italic > 0, bold: bold > 0 }));
      },
      onclosetag(name) {
        if (name === 'i' || name === 'em') italic = Math.max(0, italic - 1);
        else if (name === 'b' || name === 'strong') bold = Math.max(0, bold - 1);
        else if (name === 'sup' && noteRef) {
          if (!current) open('p');
          (current as Block).runs.push(new FootnoteReferenceRun(Number(noteRef)));
          noteRef = null;
        } else if (/^(h[1-6]|p|li|div)$/.test(name)) current = null;
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return blocks.filter((b) => b.runs.length);
}

function paragraph(docx: Docx, b: Block): Paragraph {
  const { HeadingLevel, Paragraph } = docx;
  const headings = { h1: HeadingLevel.HEADING_1, h2: HeadingLevel.HEADING_2, h3: HeadingLevel.HEADING_3 } as const;
  if (b.kind === 'h1' || b.kind === 'h2' || b.kind === 'h3')
    return new Paragraph({ heading: headings[b.kind], children: b.runs });
  if (b.kind === 'li') return new Paragraph({ bullet: { level: 0 }, children: b.runs });
  return new Paragraph({ children: b.runs });
}

/** The composed brief as a Word document with real footnotes, bibliography and source summary. */
export async function exportDocx(composed: ComposedBrief): Promise<Buffer> {
  // Loaded on first use: the docx package is large and only this export needs it.
  const docx = await import('docx');
  const { Document, HeadingLevel, Packer, Paragraph, TextRun } = docx;
  const footnotes: Record<number, { children: Paragraph[] }> = {};
  for (const n of composed.notes)
    footnotes[n.number] = {
      children: blocksOf(docx, `<p>${n.html}</p>`).map((b) => new Paragraph({ children: b.runs })),
    };
  const body = blocksOf(docx, composed.bodyHtml).map((b) => paragraph(docx, b));
  const bibliography = composed.bibliography.flatMap((b) =>
    blocksOf(docx, `<p>${b.html.replace(/<\/?div[^>]*>/g, '')}</p>`).map(
      (x) => new Paragraph({ children: x.runs, indent: { left: 720, hanging: 720 } }),
    ),
  );
  const summary = [
    new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('Source summary')] }),
    new Paragraph({ children: [new TextRun(composed.summary.statement)] }),
    ...composed.summary.sources.map(
      (s) =>
        new Paragraph({
          bullet: { level: 0 },
          children: [new TextRun(`${s.descriptor} Carries ${s.statements.map((n) => `#${n}`).join(', ')}.`)],
        }),
    ),
  ];
  const doc = new Document({
    title: composed.title ?? 'Brief',
    footnotes,
    sections: [
      {
        children: [
          ...body,
          ...(bibliography.length
            ? [
                new Paragraph({
                  heading: HeadingLevel.HEADING_2,
                  pageBreakBefore: true,
                  children: [new TextRun('Bibliography')],
                }),
                ...bibliography,
              ]
            : []),
          ...summary,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

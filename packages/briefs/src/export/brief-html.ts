import { escapeHtml } from '../check/brief-check-report.ts';
import type { ComposedBrief } from '../compose/compose-brief.ts';

/**
 * `screen`: notes gathered at the end with links both ways. `print`: each note inline as a
 * `float: footnote` span, so Paged.js sets it at the bottom of the page its marker falls on.
 */
export type BriefHtmlMode = 'screen' | 'print';

const BASE_CSS = `
body{font-family:"DejaVu Serif","Liberation Serif",Georgia,serif;font-size:11.5pt;line-height:1.5;color:#111;max-width:42em;margin:2em auto;padding:0 1em}
h1{font-size:1.6em;line-height:1.2;margin:0 0 .6em}h2{font-size:1.15em;margin:1.6em 0 .5em}
sup.fn-ref,a.fn-ref{font-size:.7em;vertical-align:super;line-height:0;text-decoration:none}
.bibliography p{padding-left:2em;text-indent:-2em;margin:0 0 .4em}
.summary li{margin-bottom:.3em}
.notes{font-size:.9em;border-top:1px solid #999;margin-top:2em}
table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:2px 6px}
`;

const PRINT_CSS = `
@page{size:A4;margin:25mm 22mm 28mm 22mm;@bottom-center{content:counter(page) " / " counter(pages);font-family:"DejaVu Sans",sans-serif;font-size:8.5pt;color:#555}
  @footnote{border-top:.5pt solid #555;padding-top:2mm;margin-top:4mm}}
body{max-width:none;margin:0;padding:0}
.footnote{float:footnote;font-size:8.5pt;line-height:1.35;text-indent:0}

.footnote::footnote-call{content:counter(footnote);font-size:.7em;vertical-align:super;line-height:0}
h2.bibliography-heading{break-before:page}
`;

/** The composed brief as a standalone HTML document. */
export function briefHtml(composed: ComposedBrief, mode: BriefHtmlMode = 'screen'): string {
  const notes = new Map(composed.notes.map((n) => [String(n.number), n]));
  let body = composed.bodyHtml;
  if (mode === 'print') {
    body = body.replace(/<sup class="fn-ref" data-note="(\d+)">\d+<\/sup>/g, (_, n: string) => {
      const note = notes.get(n);
      return `<span class="footnote">${note?.html ?? ''}</span>`;
    });
  } else {
    body = body.replace(
      /<sup class="fn-ref" data-note="(\d+)">\d+<\/sup>/g,
      (_, n: string) => `<a class="fn-ref" id="fnref-${n}" href="#fn-${n}">${n}</a>`,
    );
  }
  const endnotes =
    mode === 'screen' && composed.notes.length
      ? `<section class="notes"><h2>Notes</h2><ol>${composed.notes
          .map((n) => `<li id="fn-${n.number}">${n.html} <a href="#fnref-${n.number}" aria-label="back">↩</a></li>`)
          .join('')}</ol></section>`
      : '';
  const bibliography = composed.bibliography.length
    ? `<h2 class="bibliography-heading">Bibliography</h2><div class="bibliography">${composed.bibliography
        .map((b) => `<p>${b.html.replace(/^<div class="csl-entry">|<\/div>$/g, '')}</p>`)
        .join('')}</div>`
    : '';
  const s = composed.summary;
  const summary = `<section class="summary"><h2>Source summary</h2><p>${escapeHtml(s.statement)}</p><ul>${s.sources
    .map(
      (src) =>
        `<li>${escapeHtml(src.descriptor)} Carries statement${src.statements.length === 1 ? '' : 's'} ${src.statements.map((n) => `#${n}`).join(', ')}.</li>`,
    )
    .join('')}</ul></section>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(composed.title ?? 'Brief')}</title>
<style>${BASE_CSS}${mode === 'print' ? PRINT_CSS : ''}</style></head>
<body>
${body}
${endnotes}
${bibliography}
${summary}
</body></html>
`;
}

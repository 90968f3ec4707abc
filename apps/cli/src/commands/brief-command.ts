import { readFileSync, writeFileSync } from 'node:fs';
import { briefHtml, exportDocx, exportPdf, formatCheckHtml, formatCheckText } from '@parallax/briefs';
import { InvalidInputError } from '@parallax/core';
import {
  checkBriefAlone,
  checkBriefDraft,
  composeBriefInWorkspace,
  hasWorkspace,
  openWorkbench,
  readCslStyleFile,
  readDraftFile,
  resolveWorkspaceDir,
} from '@parallax/runtime';
import type { Command } from 'commander';
import { globals, printJson, withWorkbench } from '../command-context.ts';

export function registerBrief(program: Command): void {
  const brief = program.command('brief').description('check, compose and export policy briefs');

  brief
    .command('check')
    .description(
      'check a draft (Markdown, text, HTML, PDF or DOCX): claims against the workspace, citations, estimative language (exit 1 when it finds errors)',
    )
    .argument('<file>', 'the draft brief')
    .option('--json', 'print {"claims":[…],"citations":[…],"language":[…]}')
    .option('--html <out>', 'also write an HTML report with the findings beside the draft')
    .option('--all', 'also show informational notes (likelihood bands, missing authors)')
    .action(async (file: string, opts: { json?: boolean; html?: string; all?: boolean }, cmd: Command) => {
      const draft = await readDraftFile(file);
      const dir = resolveWorkspaceDir(globals(cmd).workspace);
      let report: ReturnType<typeof checkBriefAlone>;
      if (hasWorkspace(dir)) {
        const wb = await openWorkbench({ dir, readonly: true });
        try {
          report = await checkBriefDraft(wb, draft);
        } finally {
          await wb.close();
        }
      } else report = checkBriefAlone(draft);
      if (opts.html) writeFileSync(opts.html, formatCheckHtml(report, draft));
      if (opts.json) printJson(report);
      else process.stdout.write(formatCheckText(report, { info: opts.all ?? false }));
      const errors =
        report.claims.some((c) => c.verdict === 'contradicted') ||
        report.citations.some((f) => f.severity === 'error') ||
        report.language.some((f) => f.severity === 'error');
      if (errors) process.exitCode = 1;
    });

  brief
    .command('export')
    .description(
      'compose a brief written in Markdown with [@doc:…]/[@event:…] keys: footnotes, bibliography and ICD 206 source summary, as Markdown, HTML, PDF or DOCX',
    )
    .argument('<file>', 'the brief (Markdown)')
    .requiredOption('-o, --out <path>', 'where to write it')
    .option('--to <format>', 'md, html, pdf or docx (default: from the --out extension)')
    .option('--style <csl>', 'a CSL style file (default: the Parallax Chicago notes-bibliography style)')
    .action(async (file: string, opts: { out: string; to?: string; style?: string }, cmd: Command) => {
      const format = (opts.to ?? /\.([a-z]+)$/i.exec(opts.out)?.[1] ?? '').toLowerCase().replace('markdown', 'md');
      if (!['md', 'html', 'pdf', 'docx'].includes(format))
        throw new InvalidInputError(`--to: expected md, html, pdf or docx, got '${opts.to ?? opts.out}'`);
      let markdown: string;
      try {
        markdown = readFileSync(file, 'utf8');
      } catch {
        throw new InvalidInputError(`${file}: no such file`);
      }
      const style = opts.style ? readCslStyleFile(opts.style) : null;
      const composed = await withWorkbench(cmd, 'read', (wb) => composeBriefInWorkspace(wb, markdown, { style }));
      for (const p of composed.problems) console.error(`parallax: ${file}:${p.line}: ${p.message}`);
      if (format === 'md') writeFileSync(opts.out, composed.markdown);
      else if (format === 'html') writeFileSync(opts.out, briefHtml(composed, 'screen'));
      else if (format === 'docx') writeFileSync(opts.out, await exportDocx(composed));
      else writeFileSync(opts.out, await exportPdf(briefHtml(composed, 'print')));
      console.log(
        `wrote ${opts.out}: ${composed.notes.length} notes, ${composed.bibliography.length} bibliography entries, ${composed.summary.singleSourceDependencies.length} single-source statements (${composed.styleTitle})`,
      );
      if (composed.problems.length) process.exitCode = 1;
    });
}

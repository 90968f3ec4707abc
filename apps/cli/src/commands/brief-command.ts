import { writeFileSync } from 'node:fs';
import { formatCheckHtml, formatCheckText } from '@parallax/briefs';
import {
  checkBriefAlone,
  checkBriefDraft,
  hasWorkspace,
  openWorkbench,
  readDraftFile,
  resolveWorkspaceDir,
} from '@parallax/runtime';
import type { Command } from 'commander';
import { globals, printJson } from '../command-context.ts';

export function registerBrief(program: Command): void {
  const brief = program.command('brief').description('check, compose and export policy briefs');

  brief
    .command('check')
    .description(
      'check a draft (Markdown, text, HTML or PDF): claims against the workspace, citations, estimative language (exit 1 when it finds errors)',
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
}

import type { Command } from 'commander';
import { type VerifyStep, verifyMigrations } from '../../migrate/verify/index.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../output.js';
import { projectConfig, revisionList } from './support/options.js';

const PHASES: Record<VerifyStep['phase'], string> = {
  upgrade: 'upgrade      ',
  downgrade: 'downgrade    ',
  upgradeAgain: 'upgrade again',
};

const OUTCOMES: Record<VerifyStep['outcome'], string> = {
  recorded: 'ok (reference)',
  matched: 'ok',
  mismatch: 'MISMATCH',
  failed: 'FAILED',
};

export function registerVerify(program: Command, ctx: CliContext): void {
  program
    .command('verify')
    .description(
      'run the migrations up one at a time, down to base and up again in a scratch database, checking after every step that the schema is what that revision gives',
    )
    .option(
      '--url <url>',
      'a PostgreSQL server to verify on: a scratch database is created there and dropped afterwards (default: an in-memory PGlite)',
    )
    .action(async (options: { url?: string }) => {
      const config = await projectConfig(ctx);
      const result = await verifyMigrations(
        { migrations: config.migrations },
        options.url === undefined ? {} : { url: options.url },
      );
      ctx.output.out(`Verifying ${result.revisions.length} revision(s) in ${result.database}`);
      for (const step of result.steps) {
        const at = step.outcome === 'failed' ? '' : ` -> at ${revisionList(step.at)}`;
        ctx.output.out(
          `${PHASES[step.phase]} ${step.revision} ${step.message}${at}: ${OUTCOMES[step.outcome]}`,
        );
        for (const difference of step.differences) ctx.output.out(`    ${difference.message}`);
        if (step.error)
          ctx.output.out(`    ${step.error.code ? `[${step.error.code}] ` : ''}${step.error.message}`);
      }
      if (result.ok) {
        ctx.output.out('Every downgrade restores the schema its upgrade started from.');
        return;
      }
      const bad = result.steps.filter((s) => s.outcome === 'mismatch' || s.outcome === 'failed');
      ctx.output.err(
        `verify failed: ${bad.map((s) => `${s.phase} ${s.revision} (${s.outcome})`).join(', ')}`,
      );
      ctx.exitCode = EXIT.differences;
    });
}

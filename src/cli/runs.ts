/** `atelier runs` lists runs; `atelier show RUN` prints a run's timeline (and why a step was taken). */
import { Command } from 'commander';
import { UserError } from '../errors.js';
import {
  describeEvent,
  describePlan,
  explainStep,
  getRun,
  listRunsPage,
  MAX_PAGE_SIZE,
  readEvents,
  runUsage,
  usageLines,
} from '../team/index.js';
import { openRunLog } from '../store/index.js';
import { intOption } from './run.js';

export function runsCommand(): Command {
  return new Command('runs')
    .description('List mission runs, newest first')
    .option(
      '--db <file|url>',
      'store of runs: a SQLite file or postgres://USER@HOST/DB (default $ATELIER_DB or .atelier/atelier.db)',
    )
    .option('--limit <n>', `runs per page (1 to ${MAX_PAGE_SIZE})`, intOption('--limit', 1), 20)
    .option('--cursor <cursor>', 'the page after this cursor (printed at the end of a page)')
    .option('--json', 'print JSON: { runs, nextCursor }')
    .action(async (opts: { db?: string; json?: boolean; limit: number; cursor?: string }) => {
      // Reading never creates a store: a missing one is STORE_NOT_FOUND, naming the path.
      const store = await openRunLog(opts.db, { create: false });
      try {
        const page = await listRunsPage(store, {
          limit: Math.min(opts.limit, MAX_PAGE_SIZE),
          ...(opts.cursor === undefined ? {} : { cursor: opts.cursor }),
        });
        if (opts.json === true) {
          process.stdout.write(`${JSON.stringify(page, null, 2)}\n`);
          return;
        }
        if (page.runs.length === 0 && opts.cursor === undefined) {
          process.stdout.write('no runs yet: try `atelier run examples/paris-office`\n');
          return;
        }
        for (const r of page.runs)
          process.stdout.write(
            `${r.id}  ${r.status.padEnd(16)} ${r.mission.padEnd(16)} steps ${String(r.steps).padStart(3)}  re-plans ${r.replans}  ${r.startedAt}\n`,
          );
        if (page.nextCursor !== null)
          process.stdout.write(
            `older runs: atelier runs --cursor ${page.nextCursor}${opts.db === undefined ? '' : ` --db ${opts.db}`}\n`,
          );
      } finally {
        await store.close();
      }
    });
}

export function showCommand(): Command {
  return new Command('show')
    .description("Print a run's plans and timeline; --why STEP explains why a step was taken")
    .argument('<run>', 'run id')
    .option(
      '--db <file|url>',
      'store of runs: a SQLite file or postgres://USER@HOST/DB (default $ATELIER_DB or .atelier/atelier.db)',
    )
    .option('--why <step>', 'explain a step: the goal or preconditions it supports')
    .option('--json', 'print the run and its events as JSON')
    .action(async (runId: string, opts: { db?: string; why?: string; json?: boolean }) => {
      // Reading never creates a store: a missing one is STORE_NOT_FOUND, naming the path.
      const store = await openRunLog(opts.db, { create: false });
      try {
        const run = await getRun(store, runId);
        if (run === undefined)
          throw new UserError(`no run '${runId}'`, {
            code: 'RUN_NOT_FOUND',
            hint: 'list runs with `atelier runs`',
          });
        if (opts.why !== undefined) {
          process.stdout.write(`${(await explainStep(store, runId, opts.why)).join('\n  ')}\n`);
          return;
        }
        const events = await readEvents(store, runId);
        if (opts.json === true) {
          process.stdout.write(`${JSON.stringify({ run, events }, null, 2)}\n`);
          return;
        }
        const t0 = Date.parse(events[0]?.at ?? run.startedAt);
        for (const e of events) {
          const line = describeEvent(e);
          if (line === undefined) continue;
          process.stdout.write(
            `+${((Date.parse(e.at) - t0) / 1000).toFixed(2).padStart(6)}s ${line}\n`,
          );
          if (e.type === 'plan.made')
            for (const l of describePlan(
              run.plans.find((p) => p.version === e.data.version)?.steps ?? [],
            ))
              process.stdout.write(`${l}\n`);
        }
        for (const l of usageLines(runUsage(events))) process.stdout.write(`${l}\n`);
        if (run.pendingApprovals.length > 0)
          process.stdout.write(
            `waiting for approval: ${run.pendingApprovals.map((p) => p.stepId).join(', ')}\n`,
          );
      } finally {
        await store.close();
      }
    });
}

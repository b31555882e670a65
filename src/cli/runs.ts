/** `atelier runs` lists runs; `atelier show RUN` prints a run's timeline (and why a step was taken). */
import { Command } from 'commander';
import { UserError } from '../errors.js';
import {
  describeEvent,
  describePlan,
  explainStep,
  getRun,
  listRuns,
  readEvents,
  runUsage,
  usageLines,
} from '../team/index.js';
import { DEFAULT_DB_PATH, openRunStore } from '../store/index.js';

export function runsCommand(): Command {
  return new Command('runs')
    .description('List mission runs, newest first')
    .option('--db <file>', 'SQLite store of runs')
    .option('--json', 'print JSON')
    .action(async (opts: { db?: string; json?: boolean }) => {
      const store = openRunStore(opts.db ?? process.env.ATELIER_DB ?? DEFAULT_DB_PATH);
      try {
        const runs = await listRuns(store);
        if (opts.json === true) {
          process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
          return;
        }
        if (runs.length === 0) {
          process.stdout.write('no runs yet: try `atelier run examples/paris-office`\n');
          return;
        }
        for (const r of runs)
          process.stdout.write(
            `${r.id}  ${r.status.padEnd(16)} ${r.mission.padEnd(16)} steps ${String(r.steps).padStart(3)}  re-plans ${r.replans}  ${r.startedAt}\n`,
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
    .option('--db <file>', 'SQLite store of runs')
    .option('--why <step>', 'explain a step: the goal or preconditions it supports')
    .option('--json', 'print the run and its events as JSON')
    .action(async (runId: string, opts: { db?: string; why?: string; json?: boolean }) => {
      const store = openRunStore(opts.db ?? process.env.ATELIER_DB ?? DEFAULT_DB_PATH);
      try {
        const run = await getRun(store, runId);
        if (run === undefined)
          throw new UserError(`no run '${runId}'`, { hint: 'list runs with `atelier runs`' });
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

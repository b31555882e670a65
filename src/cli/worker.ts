/**
 * `atelier worker`: drives runs waiting in a shared store (queued with `run --queue` or by
 * `serve --queue`, interrupted, or left by a worker that died) under renewed leases, until
 * SIGINT or SIGTERM, which interrupt its runs and release them for another worker.
 */
import { Command } from 'commander';
import { UserError } from '../errors.js';
import { openRunLog, storeTarget } from '../store/index.js';
import { runWorker } from '../team/index.js';
import { intOption, numberOption } from './run.js';

export function workerCommand(): Command {
  return new Command('worker')
    .description('Run queued and orphaned runs of a shared store (Postgres), a few at a time')
    .option(
      '--db <url>',
      'store of runs: postgres://USER@HOST/DB (or a SQLite file); default $ATELIER_DB',
    )
    .option(
      '--concurrency <n>',
      'runs driven (planned, observed) at once (0: it only runs steps)',
      intOption('--concurrency', 0),
      2,
    )
    .option(
      '--lease-ms <ms>',
      'how long a run stays this worker’s unless renewed (another worker takes it after)',
      intOption('--lease-ms', 100),
      15_000,
    )
    .option(
      '--steps <n>',
      'steps of any run this worker runs at once (0: it only plans and drives runs)',
      intOption('--steps', 0),
      4,
    )
    .option(
      '--grace-ms <ms>',
      'on SIGTERM, how long steps in flight may take to finish before they are released',
      intOption('--grace-ms', 0),
      10_000,
    )
    .option('--time-scale <x>', 'multiply simulated step durations of every run', numberOption)
    .action(
      async (opts: {
        db?: string;
        concurrency: number;
        leaseMs: number;
        steps: number;
        graceMs: number;
        timeScale?: number;
      }) => {
        if (opts.concurrency === 0 && opts.steps === 0)
          throw new UserError('a worker with --concurrency 0 and --steps 0 would do nothing', {
            code: 'CLI_BAD_OPTION',
            hint: 'give it runs to drive (--concurrency N), steps to run (--steps N), or both',
          });
        const store = await openRunLog(storeTarget(opts.db));
        // The step loop's own handle (its own connections): see WorkerOptions.stepLog.
        const stepStore =
          opts.steps === 0
            ? store
            : await openRunLog(storeTarget(opts.db)).catch(async (err) => {
                await store.close();
                throw err;
              });
        const stop = new AbortController();
        const onSignal = (): void => stop.abort();
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        const say = (s: string): void => void process.stdout.write(`${s}\n`);
        say(
          `atelier worker ${process.pid}: driving up to ${opts.concurrency} runs and running up to ${opts.steps} steps at once`,
        );
        try {
          await runWorker(store, {
            concurrency: opts.concurrency,
            leaseMs: opts.leaseMs,
            steps: opts.steps,
            stepLog: stepStore,
            graceMs: opts.graceMs,
            signal: stop.signal,
            ...(opts.timeScale === undefined ? {} : { loop: { timeScale: opts.timeScale } }),
            onRun: (runId, what, detail) =>
              say(`${runId}: ${what}${detail === undefined ? '' : ` (${detail})`}`),
            onStep: (key, what, detail) =>
              say(`step ${key}: ${what}${detail === undefined ? '' : ` (${detail})`}`),
          });
        } finally {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          if (stepStore !== store) await stepStore.close();
          await store.close();
        }
        say('atelier worker: stopped, its runs released, its steps finished or released');
      },
    );
}

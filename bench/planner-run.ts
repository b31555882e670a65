/**
 * Running one planner on one instance for `npm run bench:planner`: Atelier (`atelier plan`) or,
 * when FD names Fast Downward's driver, LAMA-first (`fast-downward.py --alias lama-first`),
 * each in its own process group under `/usr/bin/time` (peak RSS of the process tree), killed at
 * the time limit; every plan is checked with Atelier's validator.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadDomainFile, loadPlanFile, loadProblemFile } from '../src/pddl/index.js';
import { validate } from '../src/planner/validator/index.js';

export interface Instance {
  suite: 'shared' | 'extra';
  domain: string;
  name: string;
  domainFile: string;
  problemFile: string;
}

export interface Row {
  planner: 'atelier' | 'lama-first';
  suite: string;
  domain: string;
  instance: string;
  solved: boolean;
  /** Wall time, start-up included; CPU time (user + system) with `--cpu`. */
  seconds: number;
  /** User + system CPU seconds of the process tree. */
  cpuSeconds: number | undefined;
  planLength: number;
  cost: number;
  /** Peak resident set of the process tree (MB), when the run ended by itself. */
  rssMb: number | undefined;
  exitCode: number | null;
  /** A plan was written and the validator rejected it. */
  invalid: boolean;
  expansions: number | undefined;
}

/** The instances of a suite folder: `domain.pddl` or `<problem>.domain.pddl` next to each problem. */
export function listInstances(
  dir: string,
  suite: Instance['suite'],
  only: string[] | undefined,
  perDomain: number,
): Instance[] {
  const out: Instance[] = [];
  for (const d of readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()) {
    if (only && !only.includes(d)) continue;
    const problems = readdirSync(join(dir, d))
      .filter((f) => f.endsWith('.pddl') && f !== 'domain.pddl' && !f.endsWith('.domain.pddl'))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
      .slice(0, perDomain);
    for (const f of problems) {
      const name = f.slice(0, -5);
      const own = join(dir, d, `${name}.domain.pddl`);
      out.push({
        suite,
        domain: d,
        name,
        domainFile: existsSync(own) ? own : join(dir, d, 'domain.pddl'),
        problemFile: join(dir, d, f),
      });
    }
  }
  return out;
}

interface Launch {
  command: string;
  args: string[];
  cwd: string;
  planFile: string;
  env?: NodeJS.ProcessEnv;
}

function launchAtelier(root: string, inst: Instance, work: string, limitS: number): Launch {
  const planFile = join(work, 'plan');
  return {
    command: process.execPath,
    args: [
      join(root, 'bin/atelier'),
      'plan',
      inst.domainFile,
      inst.problemFile,
      '--json',
      '--quiet',
      '-o',
      planFile,
      '--time-limit',
      String(limitS),
    ],
    cwd: work,
    planFile,
    env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=4096' },
  };
}

function launchLama(fd: string, inst: Instance, work: string, cpuLimitS?: number): Launch {
  const planFile = join(work, 'sas_plan');
  // The driver's overall limit is on CPU time (translator and search together), as --cpu.
  const limit = cpuLimitS === undefined ? [] : ['--overall-time-limit', `${cpuLimitS}s`];
  return {
    command: 'python3',
    args: [
      fd,
      ...limit,
      '--alias',
      'lama-first',
      '--plan-file',
      planFile,
      inst.domainFile,
      inst.problemFile,
    ],
    cwd: work,
    planFile,
  };
}

/** With --cpu: the wall-clock slack over the CPU limit before a run is killed anyway. */
const CPU_WALL = 8;

/** Runs one planner on one instance: wall time, exit code, peak RSS, and the plan validated. */
export function runInstance(
  planner: Row['planner'],
  inst: Instance,
  opts: { root: string; fd: string | undefined; limitS: number; work: string; cpu?: boolean },
): Promise<Row> {
  const work = join(opts.work, `${planner}-${inst.domain}-${inst.name}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const l =
    planner === 'atelier'
      ? launchAtelier(opts.root, inst, work, opts.cpu ? opts.limitS * CPU_WALL : opts.limitS)
      : launchLama(opts.fd!, inst, work, opts.cpu ? Math.ceil(opts.limitS) : undefined);
  // With --cpu the limit is on CPU time, as in the IPC (a shared machine's load does not
  // change what is solved): RLIMIT_CPU kills each process of the run; wall time gets slack.
  const wrapped = opts.cpu
    ? ['prlimit', `--cpu=${Math.ceil(opts.limitS) + 1}`, '--', l.command, ...l.args]
    : [l.command, ...l.args];
  const rssFile = join(work, 'rss');
  const t0 = performance.now();
  return new Promise((done) => {
    const child = spawn('/usr/bin/time', ['-f', '%M %U %S', '-o', rssFile, ...wrapped], {
      cwd: l.cwd,
      stdio: ['ignore', 'pipe', 'ignore'],
      detached: true,
      ...(l.env ? { env: l.env } : {}),
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    // Atelier stops itself at the limit; the kill is for LAMA and for overruns.
    const grace = planner === 'atelier' ? 2000 : 0;
    const killer = setTimeout(
      () => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* already gone */
        }
      },
      opts.limitS * (opts.cpu ? CPU_WALL : 1) * 1000 + grace,
    );
    child.on('close', (code) => {
      clearTimeout(killer);
      const seconds = (performance.now() - t0) / 1000;
      const row = finishRow(planner, inst, l.planFile, rssFile, stdout, code, seconds);
      const t = opts.cpu ? row.cpuSeconds : row.seconds;
      if (opts.cpu) row.seconds = row.cpuSeconds ?? seconds;
      row.solved = row.solved && t !== undefined && t <= opts.limitS;
      done(row);
    });
  });
}

function finishRow(
  planner: Row['planner'],
  inst: Instance,
  planFile: string,
  rssFile: string,
  stdout: string,
  code: number | null,
  seconds: number,
): Row {
  const row: Row = {
    planner,
    suite: inst.suite,
    domain: inst.domain,
    instance: inst.name,
    solved: false,
    seconds,
    cpuSeconds: undefined,
    planLength: 0,
    cost: 0,
    rssMb: undefined,
    exitCode: code,
    invalid: false,
    expansions: undefined,
  };
  const rss = existsSync(rssFile)
    ? /^(\d+) ([\d.]+) ([\d.]+)\s*$/m.exec(readFileSync(rssFile, 'utf8'))
    : null;
  if (rss) {
    row.rssMb = Number(rss[1]) / 1024;
    row.cpuSeconds = Number(rss[2]) + Number(rss[3]);
  }
  if (planner === 'atelier') {
    try {
      row.expansions = (JSON.parse(stdout) as { stats: { expansions: number } }).stats.expansions;
    } catch {
      /* killed: no JSON */
    }
  }
  if (code === 0 && existsSync(planFile)) {
    const d = loadDomainFile(inst.domainFile);
    const steps = loadPlanFile(planFile);
    const v = validate(d, loadProblemFile(inst.problemFile, d), steps);
    row.invalid = !v.valid;
    row.solved = v.valid;
    row.planLength = steps.length;
    row.cost = v.valid ? v.cost : 0;
  }
  return row;
}

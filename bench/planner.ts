/**
 * `npm run bench:planner [-- --time-limit S] [--suite shared|extra|all] [--domains a,b]
 * [--per-domain N] [--jobs N] [--cpu]`: runs `atelier plan` on the shared IPC suite (../shared/bench/pddl)
 * and on the extra IPC domains (bench/pddl-extra), one process per instance, killed at the
 * limit; validates every plan; prints per domain coverage at 10 s and at the limit, time, plan
 * cost and peak RSS. With `FD=path/to/fast-downward.py`, LAMA-first runs on the same instances
 * in the same run, and the table shows both side by side with the ratios. A CSV of every run
 * goes to bench/results/. With `--cpu` the limit is on CPU time (user + system, RLIMIT_CPU), as in
 * the IPC, so that a loaded machine does not change what counts as solved.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listInstances, runInstance } from './planner-run.js';
import type { Instance, Row } from './planner-run.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// ATELIER_BENCH_PDDL points elsewhere (another copy of the suite). Otherwise ../shared next to
// a checkout in /work/main, or ../../shared next to a worktree in /work/wt/NAME.
const explicitSuite = process.env.ATELIER_BENCH_PDDL;
const sharedDir =
  explicitSuite !== undefined
    ? resolve(explicitSuite)
    : ([resolve(root, '../shared/bench/pddl'), resolve(root, '../../shared/bench/pddl')].find((d) =>
        existsSync(d),
      ) ?? resolve(root, '../shared/bench/pddl'));
const extraDir = join(root, 'bench/pddl-extra');

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const limitS = Number(flag('--time-limit') ?? 60);
const jobs = Number(flag('--jobs') ?? 2);
const only = flag('--domains')?.split(',');
const suite = flag('--suite') ?? 'all';
const perDomain = Number(flag('--per-domain') ?? Infinity);
const cpu = process.argv.includes('--cpu');
const fd = process.env.FD;
const CHECKPOINT_S = Math.min(10, limitS);

if (fd !== undefined && !existsSync(fd)) {
  console.error(`FD=${fd}: no such file (give the path of fast-downward.py; see docs/planner.md)`);
  process.exit(2);
}

const todo: Instance[] = [];
if (suite !== 'extra') {
  if (existsSync(sharedDir)) todo.push(...listInstances(sharedDir, 'shared', only, perDomain));
  else if (explicitSuite !== undefined || suite === 'shared') {
    // One line, not a stack: the suite lives beside the checkout, not in it.
    console.error(
      `bench:planner: no benchmark suite at ${sharedDir}: put the IPC instances (one folder per domain) in ../shared/bench/pddl beside the checkout`,
    );
    process.exit(2);
  } else
    console.error(
      `note: the shared suite (${sharedDir}) is not here; running the extra domains only`,
    );
}
if (suite !== 'shared') todo.push(...listInstances(extraDir, 'extra', only, perDomain));
if (todo.length === 0) {
  console.error('no instances selected (check --suite and --domains)');
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'atelier-bench-'));
const planners: Array<Row['planner']> = fd ? ['atelier', 'lama-first'] : ['atelier'];
const queue = todo.flatMap((inst) => planners.map((p) => ({ p, inst })));
const rows: Row[] = [];
let next = 0;
async function worker(): Promise<void> {
  while (next < queue.length) {
    const { p, inst } = queue[next++]!;
    const r = await runInstance(p, inst, { root, fd, limitS, work, cpu });
    rows.push(r);
    const what = r.solved
      ? `${r.seconds.toFixed(2)} s, cost ${r.cost}, ${r.rssMb?.toFixed(0) ?? '?'} MB`
      : r.invalid
        ? 'INVALID PLAN'
        : `not solved (exit ${r.exitCode ?? 'killed'})`;
    process.stderr.write(`${p} ${inst.domain}/${inst.name}: ${what}\n`);
  }
}
await Promise.all(Array.from({ length: jobs }, worker));
rmSync(work, { recursive: true, force: true });

const geomean = (xs: number[]): number =>
  xs.length === 0 ? NaN : Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
const median = (xs: number[]): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const f = (x: number, d = 2): string => (Number.isFinite(x) ? x.toFixed(d) : '-');

const key = (r: { domain: string; instance: string }): string => `${r.domain}/${r.instance}`;
const ikey = (i: Instance): string => `${i.domain}/${i.name}`;
const byPlanner = (p: Row['planner']): Map<string, Row> =>
  new Map(rows.filter((r) => r.planner === p).map((r) => [key(r), r]));
const A = byPlanner('atelier');
const L = byPlanner('lama-first');

/** LAMA-first's coverage on the shared suite from the suite's reference CSV (when FD is not run). */
function referenceLama(): Map<string, { solved: boolean; seconds: number }> {
  const out = new Map<string, { solved: boolean; seconds: number }>();
  const path = join(sharedDir, 'lama-first.csv');
  if (!existsSync(path)) return out;
  const [head, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const cols = head!.split(',');
  for (const line of lines) {
    const v = line.split(',');
    const get = (c: string): string => v[cols.indexOf(c)]!;
    out.set(`${get('domain')}/${get('instance')}`, {
      solved: get('solved') === '1' && get('valid') !== '0',
      seconds: Number(get('seconds')),
    });
  }
  return out;
}

interface Summary {
  n: number;
  a10: number;
  aAll: number;
  l10: number;
  lAll: number;
  /** Geomeans over the instances both solve. */
  both: number;
  timeA: number;
  timeL: number;
  costRatio: number;
  rssA: number;
  rssL: number;
}

function summarise(keys: string[]): Summary {
  const a = keys.map((k) => A.get(k)!);
  const l = keys.map((k) => L.get(k));
  const solvedBy = (r: Row | undefined, s: number): boolean => !!r?.solved && r.seconds <= s;
  const common = keys.filter((k) => A.get(k)?.solved && L.get(k)?.solved);
  return {
    n: keys.length,
    a10: a.filter((r) => solvedBy(r, CHECKPOINT_S)).length,
    aAll: a.filter((r) => r.solved).length,
    l10: l.filter((r) => solvedBy(r, CHECKPOINT_S)).length,
    lAll: l.filter((r) => r?.solved).length,
    both: common.length,
    timeA: geomean(common.map((k) => A.get(k)!.seconds)),
    timeL: geomean(common.map((k) => L.get(k)!.seconds)),
    costRatio: geomean(common.map((k) => (A.get(k)!.cost + 1) / (L.get(k)!.cost + 1))),
    rssA: median(a.filter((r) => r.solved && r.rssMb).map((r) => r.rssMb!)),
    rssL: median(l.filter((r) => r?.solved && r.rssMb).map((r) => r!.rssMb!)),
  };
}

function table(which: Instance['suite']): void {
  const insts = todo.filter((i) => i.suite === which);
  if (insts.length === 0) return;
  const domains = [...new Set(insts.map((i) => i.domain))];
  const ref = which === 'shared' && !fd ? referenceLama() : undefined;
  const t = `${CHECKPOINT_S} s`;
  const lim = `${limitS} s`;
  console.log(
    `\n${which === 'shared' ? 'Shared suite' : 'Extra IPC domains (bench/pddl-extra)'}\n`,
  );
  if (fd) {
    console.log(
      `| domain | n | atelier ${t} | LAMA ${t} | atelier ${lim} | LAMA ${lim} | both | time A / L (s) | cost A/L | RSS A / L (MB) |`,
    );
    console.log('|---|---|---|---|---|---|---|---|---|---|');
  } else {
    console.log(
      `| domain | n | atelier ${t} | atelier ${lim} | LAMA ${lim} (ref) | time (s) | RSS (MB) |`,
    );
    console.log('|---|---|---|---|---|---|---|');
  }
  const line = (name: string, keys: string[]): void => {
    const s = summarise(keys);
    if (fd) {
      console.log(
        `| ${name} | ${s.n} | ${s.a10} | ${s.l10} | ${s.aAll} | ${s.lAll} | ${s.both} | ${f(s.timeA)} / ${f(s.timeL)} | ${f(s.costRatio, 3)} | ${f(s.rssA, 0)} / ${f(s.rssL, 0)} |`,
      );
    } else {
      const refSolved = keys.filter((k) => ref?.get(k)?.solved).length;
      const solvedKeys = keys.filter((k) => A.get(k)!.solved);
      console.log(
        `| ${name} | ${s.n} | ${s.a10} | ${s.aAll} | ${ref ? refSolved : '-'} | ${f(geomean(solvedKeys.map((k) => A.get(k)!.seconds)))} | ${f(s.rssA, 0)} |`,
      );
    }
  };
  for (const d of domains) line(d, insts.filter((i) => i.domain === d).map(ikey));
  line('**total**', insts.map(ikey));
}

console.log(
  `\nPlanner benchmark: ${todo.length} instances, ${limitS} s ${cpu ? 'CPU' : 'wall'} each, ${jobs} at a time${fd ? ', Atelier and LAMA-first (Fast Downward) alternately' : ''}`,
);
console.log(
  `time: geomean ${cpu ? 'CPU' : 'wall'} seconds (start-up included)` +
    ' over the instances both solve; cost A/L: geomean of (cost+1) ratios over those; RSS: median peak over solved instances',
);
table('shared');
table('extra');
const invalid = rows.filter((r) => r.invalid);
console.log(
  `\ninvalid plans: ${invalid.length === 0 ? 0 : invalid.map((r) => `${r.planner} ${key(r)}`).join(', ')}`,
);
mkdirSync(join(root, 'bench/results'), { recursive: true });
const csv = join(
  root,
  'bench/results',
  `planner-${new Date().toISOString().replace(/[:.]/g, '-')}.csv`,
);
writeFileSync(
  csv,
  [
    'planner,suite,domain,instance,solved,seconds,cpu_seconds,plan_length,cost,rss_mb,expansions,exit_code,invalid',
    ...rows.map((r) =>
      [
        r.planner,
        r.suite,
        r.domain,
        r.instance,
        r.solved ? 1 : 0,
        r.seconds.toFixed(3),
        r.cpuSeconds?.toFixed(2) ?? '',
        r.planLength,
        r.cost,
        r.rssMb?.toFixed(1) ?? '',
        r.expansions ?? '',
        r.exitCode ?? 'killed',
        r.invalid ? 1 : 0,
      ].join(','),
    ),
  ].join('\n') + '\n',
);
console.log(`CSV: ${csv}`);
if (invalid.length > 0) process.exitCode = 1;

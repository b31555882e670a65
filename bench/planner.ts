/**
 * `npm run bench:planner [-- --time-limit S] [--domains a,b] [--jobs N]`: runs `atelier plan`
 * on the IPC suite in ../shared/bench/pddl (one child process per instance, 2 at a time,
 * hard kill at the limit), validates every plan with the validator, prints coverage per
 * domain next to LAMA-first and pyperplan, median time and expansions/s, the speed ratio
 * against pyperplan on the instances both solve, and writes a CSV to bench/results/.
 */
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDomainFile, loadPlanFile, loadProblemFile } from '../src/pddl/index.js';
import { validate } from '../src/planner/validator/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// ATELIER_BENCH_PDDL points elsewhere (another copy of the suite).
const suite = resolve(process.env.ATELIER_BENCH_PDDL ?? join(root, '../shared/bench/pddl'));
if (!existsSync(suite)) {
  // One line, not a stack: the suite lives beside the checkout, not in it.
  console.error(
    `bench:planner: no benchmark suite at ${suite}: put the IPC instances (one folder per domain) in ../shared/bench/pddl beside the checkout`,
  );
  process.exit(2);
}

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const limitS = Number(flag('--time-limit') ?? 60);
const jobs = Number(flag('--jobs') ?? 2);
const only = flag('--domains')?.split(',');

interface Row {
  domain: string;
  instance: string;
  solved: boolean;
  seconds: number;
  planLength: number;
  cost: number;
  expansions: number;
  searchMs: number;
  groundingMs: number;
  exitCode: number | null;
  valid: boolean;
}

interface Ref {
  solved: boolean;
  seconds: number;
}

function readRef(file: string): Map<string, Ref> {
  const out = new Map<string, Ref>();
  const path = join(suite, file);
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

function instances(): Array<{ domain: string; instance: string }> {
  const out: Array<{ domain: string; instance: string }> = [];
  for (const d of readdirSync(suite, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()) {
    if (only && !only.includes(d)) continue;
    for (const f of readdirSync(join(suite, d)).sort()) {
      if (f.endsWith('.pddl') && f !== 'domain.pddl')
        out.push({ domain: d, instance: f.slice(0, -5) });
    }
  }
  return out;
}

const work = mkdtempSync(join(tmpdir(), 'atelier-bench-'));

function runOne(domain: string, instance: string): Promise<Row> {
  const dom = join(suite, domain, 'domain.pddl');
  const prob = join(suite, domain, `${instance}.pddl`);
  const out = join(work, `${domain}-${instance}.plan`);
  const t0 = performance.now();
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      [
        join(root, 'bin/atelier'),
        'plan',
        dom,
        prob,
        '--json',
        '--quiet',
        '-o',
        out,
        '--time-limit',
        String(limitS),
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=4096' },
      },
    );
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', () => {});
    // The planner stops itself at the limit (exit 11); the hard kill is for grounding that overruns it.
    const killer = setTimeout(() => child.kill('SIGKILL'), limitS * 1000 + 2000);
    child.on('close', (code) => {
      clearTimeout(killer);
      const seconds = (performance.now() - t0) / 1000;
      const row: Row = {
        domain,
        instance,
        solved: false,
        seconds,
        planLength: 0,
        cost: 0,
        expansions: 0,
        searchMs: 0,
        groundingMs: 0,
        exitCode: code,
        valid: false,
      };
      try {
        const j = JSON.parse(stdout) as {
          stats: { expansions: number; searchMs: number; groundingMs: number };
        };
        row.expansions = j.stats.expansions;
        row.searchMs = j.stats.searchMs;
        row.groundingMs = j.stats.groundingMs;
      } catch {
        /* killed or crashed: no JSON */
      }
      if (code === 0 && existsSync(out)) {
        const d = loadDomainFile(dom);
        const steps = loadPlanFile(out);
        const v = validate(d, loadProblemFile(prob, d), steps);
        row.valid = v.valid;
        row.solved = v.valid && seconds <= limitS;
        row.planLength = steps.length;
        row.cost = v.valid ? v.cost : 0;
      }
      done(row);
    });
  });
}

const PYPERPLAN_STARTUP_S = 0.4;

const median = (xs: number[]): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const todo = instances();
const rows: Row[] = [];
let next = 0;
async function worker(): Promise<void> {
  while (next < todo.length) {
    const { domain, instance } = todo[next++]!;
    const r = await runOne(domain, instance);
    rows.push(r);
    process.stderr.write(
      `${domain}/${instance}: ${r.solved ? `solved in ${r.seconds.toFixed(2)} s, ${r.planLength} steps` : `not solved (exit ${r.exitCode})`}\n`,
    );
  }
}
await Promise.all(Array.from({ length: jobs }, worker));
rmSync(work, { recursive: true, force: true });
rows.sort((a, b) => (a.domain + a.instance).localeCompare(b.domain + b.instance));

const lama = readRef('lama-first.csv');
const pyper = readRef('pyperplan-gbfs-hff.csv');
const domains = [...new Set(rows.map((r) => r.domain))];
const count = (m: Map<string, Ref>, d?: string): number =>
  rows.filter(
    (r) => (d === undefined || r.domain === d) && m.get(`${r.domain}/${r.instance}`)?.solved,
  ).length;
console.log(`\nPlanner benchmark: ${rows.length} instances, ${limitS} s each, ${jobs} at a time\n`);
console.log('| domain | atelier | LAMA-first | pyperplan |');
console.log('|---|---|---|---|');
for (const d of domains) {
  const mine = rows.filter((r) => r.domain === d);
  console.log(
    `| ${d} | ${mine.filter((r) => r.solved).length} | ${count(lama, d)} | ${count(pyper, d)} |`,
  );
}
const solved = rows.filter((r) => r.solved);
console.log(
  `| **total** | **${solved.length} / ${rows.length}** | **${count(lama)}** | **${count(pyper)}** |\n`,
);
const invalid = rows.filter((r) => r.exitCode === 0 && !r.valid);
if (invalid.length > 0)
  console.log(`INVALID plans: ${invalid.map((r) => `${r.domain}/${r.instance}`).join(', ')}`);
const eps = solved.filter((r) => r.searchMs > 50).map((r) => r.expansions / (r.searchMs / 1000));
console.log(
  `median wall time (solved): ${median(solved.map((r) => r.seconds)).toFixed(2)} s; median expansions/s: ${Math.round(median(eps))}`,
);
const both = solved.filter((r) => pyper.get(`${r.domain}/${r.instance}`)?.solved);
if (both.length > 0) {
  const mineT = both.reduce((s, r) => s + r.seconds, 0);
  const theirT = both.reduce((s, r) => s + pyper.get(`${r.domain}/${r.instance}`)!.seconds, 0);
  const ratios = both.map((r) => pyper.get(`${r.domain}/${r.instance}`)!.seconds / r.seconds);
  console.log(
    `on the ${both.length} instances pyperplan also solves: total ${mineT.toFixed(1)} s vs ${theirT.toFixed(1)} s (${(theirT / mineT).toFixed(1)}x), median per-instance speed-up ${median(ratios).toFixed(1)}x`,
  );
  console.log(
    `  median wall time: ${median(both.map((r) => r.seconds)).toFixed(2)} s vs ${median(both.map((r) => pyper.get(`${r.domain}/${r.instance}`)!.seconds)).toFixed(2)} s (start-up included on both sides)`,
  );
  // Start-up excluded: our grounding + search (from the JSON stats) against pyperplan's wall
  // time minus its ~0.4 s start-up (README of the suite); parsing is not counted on our side.
  const inner = both.reduce((s, r) => s + (r.groundingMs + r.searchMs) / 1000, 0);
  const theirInner = both.reduce(
    (s, r) =>
      s + Math.max(0.01, pyper.get(`${r.domain}/${r.instance}`)!.seconds - PYPERPLAN_STARTUP_S),
    0,
  );
  console.log(
    `  start-up excluded: grounding + search ${inner.toFixed(1)} s vs ${theirInner.toFixed(1)} s (${(theirInner / inner).toFixed(1)}x)`,
  );
}
mkdirSync(join(root, 'bench/results'), { recursive: true });
const csv = join(
  root,
  'bench/results',
  `planner-${new Date().toISOString().replace(/[:.]/g, '-')}.csv`,
);
writeFileSync(
  csv,
  [
    'domain,instance,solved,seconds,plan_length,cost,expansions,grounding_ms,search_ms,exit_code,valid',
    ...rows.map((r) =>
      [
        r.domain,
        r.instance,
        r.solved ? 1 : 0,
        r.seconds.toFixed(3),
        r.planLength,
        r.cost,
        r.expansions,
        r.groundingMs,
        r.searchMs,
        r.exitCode ?? 'killed',
        r.valid ? 1 : 0,
      ].join(','),
    ),
  ].join('\n') + '\n',
);
console.log(`CSV: ${csv}`);

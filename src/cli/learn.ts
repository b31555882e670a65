/**
 * `atelier learn VOCABULARY.pddl TRAJ... [-o FILE] [--json] [--quiet]`: learns a safe
 * action model (SAM) from trajectories and prints it as a PDDL domain, with a summary
 * per action on stderr. `atelier learn --runs MISSION [--db FILE]` learns from the
 * mission's stored runs and reports where the tools' declared models contradict them.
 * Exit 0 when learned, 2 for bad input (file:line:col; nothing is learned then).
 */
import { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { UserError } from '../errors.js';
import {
  compareWithDeclared,
  constantsInActions,
  formatLearnedDomain,
  learnFromTrajectories,
  parseTrajectory,
  vocabularyOf,
} from '../learn/index.js';
import type { Contradiction, LearnedAction, LearnResult, Trajectory } from '../learn/index.js';
import { formatCondition, loadDomainFile, parseProblem } from '../pddl/index.js';
import type { Domain, TypedName } from '../pddl/index.js';
import { DEFAULT_DB_PATH, openRunStore } from '../store/index.js';
import { fullVocabulary, loadMission, missionModel, missionObservations } from '../team/index.js';
import type { MissionModel } from '../team/index.js';
import { writeFileAtomically } from './process-io.js';

interface LearnCliOptions {
  runs?: string;
  db?: string;
  output?: string;
  json?: boolean;
  quiet?: boolean;
}

function readFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(
      `cannot read ${what} '${path}': ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`,
      {
        code: 'LEARN_NO_FILE',
        hint: `check the path of the ${what}`,
      },
    );
  }
}

/** AMLGym's layout: N_domain_traj next to N_domain_prob.pddl, the problem it came from (its objects). */
function siblingObjects(path: string, vocabulary: Domain): TypedName[] | undefined {
  if (!path.endsWith('_traj')) return undefined;
  const problem = `${path.slice(0, -'_traj'.length)}_prob.pddl`;
  if (!existsSync(problem)) return undefined;
  return parseProblem(readFile(problem, 'problem'), vocabulary, problem).objects;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function actionLine(a: LearnedAction, width: number): string {
  const name = a.name.padEnd(width);
  if (a.status === 'unobserved')
    return `  ${name} never observed: left out, the planner cannot use it`;
  if (a.status === 'ambiguous')
    return `  ${name} ${plural(a.observations, 'observation')}, ambiguous: left out (${a.notes.at(-1) ?? ''})`;
  const guards = a.guards.length > 0 ? ', and a case split on equal arguments' : '';
  return `  ${name} ${plural(a.observations, 'observation')}, ${plural(a.precondition.length, 'precondition')}, ${plural(a.add.length + a.del.length, 'effect')}${guards}`;
}

function summary(
  r: LearnResult,
  contradictions: Contradiction[] | undefined,
  extras?: MissionExtras,
): string {
  const learned = r.actions.filter((a) => a.status === 'learned').length;
  const width = Math.max(...r.actions.map((a) => a.name.length));
  const lines = [
    `learned ${learned} of ${plural(r.actions.length, 'action')} from ${plural(r.transitions, 'transition')} in ${plural(r.trajectories, 'trajectory').replace(/ys$/, 'ies')} (${r.learningMs.toFixed(0)} ms)`,
    ...r.actions.map(
      (a) =>
        actionLine(a, width) + (extras?.learnedTools.has(a.name) ? ' (no declared model)' : ''),
    ),
    ...(extras?.proposals ?? []).map(
      (p) =>
        `  ${p.tool.padEnd(width)} UNVERIFIED ${p.by === 'model' ? "model's" : 'bootstrap'} proposal until observed: ${p.precondition} -> ${p.effect}`,
    ),
  ];
  if (contradictions !== undefined) {
    lines.push(
      contradictions.length === 0
        ? 'declared models: no contradiction with the observations'
        : `declared versus observed: ${plural(contradictions.length, 'contradiction')}`,
    );
    for (const c of contradictions) lines.push(`  ${c.message}`);
  }
  return `${lines.join('\n')}\n`;
}

function toJson(
  r: LearnResult,
  text: string,
  contradictions: Contradiction[] | undefined,
  learnedTools?: ReadonlySet<string>,
) {
  const lit = (l: LearnedAction['precondition'][number]) => {
    const a = formatCondition({ kind: 'atom', atom: l.atom });
    return l.positive ? a : `(not ${a})`;
  };
  const atom = (a: LearnedAction['add'][number]) => formatCondition({ kind: 'atom', atom: a });
  return {
    domain: text,
    trajectories: r.trajectories,
    transitions: r.transitions,
    learningMs: Math.round(r.learningMs),
    actions: r.actions.map((a) => ({
      name: a.name,
      status: a.status,
      observations: a.observations,
      precondition: a.precondition.map(lit),
      cases: a.guards.flatMap((g) => g.map((alt) => alt.map(lit))),
      add: a.add.map(atom),
      del: a.del.map(atom),
      notes: a.notes,
      ...(learnedTools === undefined ? {} : { declared: !learnedTools.has(a.name) }),
    })),
    ...(contradictions === undefined ? {} : { contradictions }),
  };
}

/** What `--runs` adds: the tools without a declared model, and the proposals of those never observed. */
interface MissionExtras {
  learnedTools: ReadonlySet<string>;
  proposals: { tool: string; by: string; precondition: string; effect: string; verified: false }[];
  skipped: MissionModel['skipped'];
}

function report(
  r: LearnResult,
  opts: LearnCliOptions,
  contradictions?: Contradiction[],
  extras?: MissionExtras,
): void {
  const text = formatLearnedDomain(r);
  if (opts.output !== undefined)
    writeFileAtomically(opts.output, text, 'learned domain', 'LEARN_CANNOT_WRITE');
  if (opts.json)
    process.stdout.write(
      `${JSON.stringify({ ...toJson(r, text, contradictions, extras?.learnedTools), ...(extras === undefined ? {} : { proposals: extras.proposals, skipped: extras.skipped }) })}\n`,
    );
  else if (opts.output === undefined) process.stdout.write(text);
  if (!opts.quiet && !opts.json) process.stderr.write(summary(r, contradictions, extras));
}

/** The recorded steps that no longer fit the mission, a few named. */
function skippedText(skipped: MissionModel['skipped']): string {
  const shown = skipped.slice(0, 5).map((s) => `  ${s.label} (${s.action}): ${s.reason}\n`);
  const more = skipped.length > 5 ? `  ... and ${skipped.length - 5} more\n` : '';
  return `left out ${skipped.length} step${skipped.length === 1 ? '' : 's'} recorded by an earlier version of the mission:\n${shown.join('')}${more}`;
}

async function learnFromRuns(missionPath: string, opts: LearnCliOptions): Promise<void> {
  const mission = await loadMission(missionPath);
  const db = opts.db ?? process.env.ATELIER_DB ?? DEFAULT_DB_PATH;
  if (!existsSync(db))
    throw new UserError(`no run store at '${db}'`, {
      code: 'LEARN_NO_RUNS',
      hint: `run the mission first: atelier run ${missionPath}`,
    });
  const store = openRunStore(db);
  let trajectories: Trajectory[];
  let view: MissionModel;
  try {
    trajectories = (await missionObservations(store, mission)).trajectories;
    view = await missionModel(store, mission);
  } finally {
    await store.close();
  }
  if (view.skipped.length > 0 && !opts.quiet) process.stderr.write(skippedText(view.skipped));
  if (trajectories.every((t) => t.transitions.length === 0))
    throw new UserError(
      `no step of mission '${mission.name}' succeeded in the runs stored in '${db}'`,
      {
        code: 'LEARN_NO_RUNS',
        hint: `run it first: atelier run ${missionPath}${opts.db === undefined ? '' : ` --db ${opts.db}`}`,
      },
    );
  // A mission declares its objects as constants: lifted atoms mention only those its tools name.
  const boot = (mission.learnedActions ?? []).flatMap((l) => (l.bootstrap ? [l.bootstrap] : []));
  const result = learnFromTrajectories(fullVocabulary(mission), trajectories, {
    constants: constantsInActions({
      ...mission.domain,
      actions: [...mission.domain.actions, ...boot],
    }),
  });
  const learnedTools = new Set((mission.learnedActions ?? []).map((l) => l.action.name));
  report(result, opts, compareWithDeclared(mission.domain, trajectories), {
    learnedTools,
    skipped: view.skipped,
    proposals: view.tools.flatMap((t) =>
      t.proposal === undefined ? [] : [{ tool: t.tool, ...t.proposal, verified: false as const }],
    ),
  });
}

async function runLearn(files: string[], opts: LearnCliOptions): Promise<void> {
  if (opts.runs !== undefined) {
    if (files.length > 0)
      throw new UserError('--runs learns from stored runs: give no files with it', {
        code: 'LEARN_USAGE',
        hint: 'atelier learn --runs MISSION [--db FILE]',
      });
    return learnFromRuns(opts.runs, opts);
  }
  if (opts.db !== undefined) throw new UserError('--db goes with --runs', { code: 'LEARN_USAGE' });
  if (files.length < 2)
    throw new UserError('expected a vocabulary domain and at least one trajectory', {
      code: 'LEARN_USAGE',
      hint: 'atelier learn VOCABULARY.pddl TRAJ... (or atelier learn --runs MISSION)',
    });
  const vocabulary = vocabularyOf(loadDomainFile(files[0]!));
  // Every file is read and checked before anything is learned.
  const trajectories = files
    .slice(1)
    .map((f) =>
      parseTrajectory(readFile(f, 'trajectory'), vocabulary, f, siblingObjects(f, vocabulary)),
    );
  report(learnFromTrajectories(vocabulary, trajectories), opts);
}

export function learnCommand(): Command {
  return new Command('learn')
    .description(
      "Learn safe action models (SAM) from trajectories, or from a mission's stored runs",
    )
    .argument(
      '[files...]',
      'VOCABULARY.pddl (a domain; action preconditions and effects are ignored), then trajectory files',
    )
    .option(
      '--runs <mission>',
      'learn from the stored runs of a mission and compare with its declared tools',
    )
    .option('--db <file>', 'SQLite store of runs (with --runs)')
    .option(
      '-o, --output <file>',
      'write the learned domain to a file (atomically) instead of stdout',
    )
    .option(
      '--json',
      'print the learned domain, the summary per action (and contradictions) as JSON',
    )
    .option('--quiet', 'no summary on stderr')
    .exitOverride()
    .showHelpAfterError()
    .action(runLearn);
}

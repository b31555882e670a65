/**
 * A mission's action model as declared beside the one learned from its stored runs, tool
 * by tool, with the differences (preconditions and effects the observations add or miss),
 * the declared-versus-observed contradictions and the unverified proposals of tools never
 * observed. The web UI's model panel and `GET /api/missions/:name/model` show it.
 */
import type { ActionDef, Condition, Effect } from '../../pddl/ast.js';
import { formatCondition } from '../../pddl/index.js';
import {
  compareWithDeclared,
  constantsInActions,
  LearnError,
  learnFromTrajectories,
} from '../../learn/index.js';
import type { LearnedAction, Trajectory } from '../../learn/index.js';
import { readEvents } from '../log/codec.js';
import type { RunLog } from '../log/port.js';
import { missionObservations } from '../observations.js';
import type { Mission } from '../types.js';
import { bootstrapProposals, fullVocabulary } from './choose.js';
import type { MissionModel, ToolModelView } from './view-schema.js';

const atomText = (a: { predicate: string; args: string[] }) =>
  formatCondition({ kind: 'atom', atom: a });

function conditionLiterals(c: Condition | undefined): string[] {
  if (c === undefined) return [];
  if (c.kind === 'and') return c.args.flatMap(conditionLiterals);
  return [formatCondition(c)];
}

function effectLiterals(e: Effect): string[] {
  if (e.kind === 'and') return e.args.flatMap(effectLiterals);
  if (e.kind === 'add') return [atomText(e.atom)];
  if (e.kind === 'delete') return [`(not ${atomText(e.atom)})`];
  return ['(a conditional or universal effect)'];
}

const minus = (a: readonly string[], b: readonly string[]) => a.filter((x) => !b.includes(x));

function learnedPart(la: LearnedAction | undefined, error: string | undefined, n: number) {
  if (la === undefined)
    return {
      status: 'inconsistent' as const,
      observations: n,
      precondition: [],
      cases: [],
      effect: [],
      ...(error === undefined ? {} : { note: error }),
    };
  const lit = (l: LearnedAction['precondition'][number]) =>
    l.positive ? atomText(l.atom) : `(not ${atomText(l.atom)})`;
  return {
    status: la.status,
    observations: la.observations,
    precondition: la.precondition.map(lit),
    cases: la.guards.map(
      (g) => `(or ${g.map((alt) => `(and ${alt.map(lit).join(' ')})`).join(' ')})`,
    ),
    effect: [...la.del.map((a) => `(not ${atomText(a)})`), ...la.add.map(atomText)],
    ...(la.status === 'learned' || la.notes.length === 0 ? {} : { note: la.notes.at(-1)! }),
  };
}

/** SAM on one action's steps (an error that breaks its assumptions stays with that action). */
function learnAction(
  mission: Mission,
  own: Trajectory[],
  name: string,
): { la?: LearnedAction; error?: string } {
  const vocabulary = fullVocabulary(mission);
  const boot = (mission.learnedActions ?? []).flatMap((l) => (l.bootstrap ? [l.bootstrap] : []));
  const constants = constantsInActions({
    ...mission.domain,
    actions: [...mission.domain.actions, ...boot],
  });
  try {
    const r = learnFromTrajectories(vocabulary, own, { constants });
    return { la: r.actions.find((a) => a.name === name)! };
  } catch (err) {
    if (err instanceof LearnError) return { error: err.message };
    throw err;
  }
}

/** The latest proposal the model made for each tool, in the mission's stored runs. */
async function modelProposals(store: RunLog, runIds: readonly string[]) {
  const out = new Map<string, { by: 'model'; precondition: string; effect: string }>();
  for (const id of runIds)
    for (const e of await readEvents(store, id))
      if (e.type === 'tools.modelled')
        for (const t of e.data.tools)
          if (t.by === 'model' && t.precondition !== undefined && t.effect !== undefined)
            out.set(t.tool, { by: 'model', precondition: t.precondition, effect: t.effect });
  return out;
}

/** Declared and learned models of every tool of `mission`, from the runs in `store`. */
export async function missionModel(store: RunLog, mission: Mission): Promise<MissionModel> {
  const runs = (await store.listRuns()).filter((r) => r.mission === mission.name).reverse();
  const { trajectories, skipped } = await missionObservations(store, mission);
  const boot = bootstrapProposals(mission);
  const proposed = await modelProposals(
    store,
    runs.map((r) => r.id),
  );
  const actions: { action: ActionDef; declared: boolean }[] = [
    ...mission.domain.actions.map((action) => ({ action, declared: true })),
    ...(mission.learnedActions ?? []).map((l) => ({ action: l.action, declared: false })),
  ];
  const tools = actions.map(({ action, declared }): ToolModelView => {
    const own = trajectories.map((t) => ({
      ...t,
      transitions: t.transitions.filter((x) => x.action === action.name),
    }));
    const n = own.reduce((k, t) => k + t.transitions.length, 0);
    const { la, error } = n === 0 ? {} : learnAction(mission, own, action.name);
    const learned = n === 0 ? undefined : learnedPart(la, error, n);
    const dec = declared
      ? {
          precondition: conditionLiterals(action.precondition),
          effect: effectLiterals(action.effect),
        }
      : undefined;
    const b = boot.get(action.name);
    const proposal =
      declared || n > 0
        ? undefined
        : b !== undefined
          ? { by: b.by, precondition: b.precondition, effect: b.effect }
          : proposed.get(action.name);
    const usable = dec !== undefined && learned?.status === 'learned';
    return {
      tool: action.name,
      params: action.params.map((p) => `${p.name} - ${p.types.join('|')}`),
      kind: declared ? 'declared' : 'learned',
      ...(dec === undefined ? {} : { declared: dec }),
      ...(learned === undefined ? {} : { learned }),
      ...(proposal === undefined ? {} : { proposal }),
      diff: {
        preconditionAdded: usable ? minus(learned.precondition, dec.precondition) : [],
        preconditionMissing: usable ? minus(dec.precondition, learned.precondition) : [],
        effectAdded: usable ? minus(learned.effect, dec.effect) : [],
        effectMissing: usable ? minus(dec.effect, learned.effect) : [],
      },
      contradictions: declared
        ? compareWithDeclared({ ...mission.domain, actions: [action] }, own).map((c) => ({
            kind: c.kind,
            literal: c.literal,
            message: c.message,
          }))
        : [],
    };
  });
  const transitions = trajectories.reduce((k, t) => k + t.transitions.length, 0);
  return { mission: mission.name, runs: runs.length, transitions, skipped, tools };
}

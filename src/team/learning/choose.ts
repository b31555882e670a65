/**
 * Which model each tool is planned with: a declared tool keeps its declaration; a learned
 * tool (PlanningTool.learned) gets the model SAM learns from its observed steps, safe by
 * construction, as soon as there is one; until then a proposal (its `bootstrap`, or the
 * model's), used UNVERIFIED; else none, and the planner cannot use it.
 */
import type { ActionDef, Condition, Domain, Effect } from '../../pddl/ast.js';
import { formatCondition } from '../../pddl/index.js';
import {
  compareWithDeclared,
  constantsInActions,
  LearnError,
  learnFromTrajectories,
  vocabularyOf,
} from '../../learn/index.js';
import type { Trajectory } from '../../learn/index.js';
import type { ToolModel } from '../log/events.js';
import type { Mission } from '../types.js';

/** An unverified starting model of a learned tool. */
export interface Proposal {
  by: 'bootstrap' | 'model';
  action: ActionDef;
  /** The PDDL texts as proposed. */
  precondition: string;
  effect: string;
}

export interface ChosenModels {
  /** The mission's domain with the learned tools that have a model. */
  domain: Domain;
  /** One per tool: the declared ones first, then the learned ones. */
  tools: ToolModel[];
}

/** The mission's vocabulary, its learned tools' actions included (parameters only). */
export function fullVocabulary(mission: Pick<Mission, 'domain' | 'learnedActions'>): Domain {
  const learned = (mission.learnedActions ?? []).map((l) => l.action);
  return vocabularyOf({ ...mission.domain, actions: [...mission.domain.actions, ...learned] });
}

/** PDDL text of an effect (conjunctions of adds and deletes; others as `...`). */
export function effectText(e: Effect): string {
  const part = (x: Effect): string =>
    x.kind === 'add'
      ? formatCondition({ kind: 'atom', atom: x.atom })
      : x.kind === 'delete'
        ? `(not ${formatCondition({ kind: 'atom', atom: x.atom })})`
        : x.kind === 'and'
          ? x.args.map(part).join(' ')
          : '(...)';
  return e.kind === 'and' ? `(and ${part(e)})`.replace('(and )', '(and)') : part(e);
}

const conditionText = (c: Condition | undefined): string =>
  c === undefined ? '(and)' : formatCondition(c);

/** The bootstrap proposals of the mission's learned tools. */
export function bootstrapProposals(mission: Mission): Map<string, Proposal> {
  const out = new Map<string, Proposal>();
  for (const l of mission.learnedActions ?? []) {
    const tool = mission.tools.get(l.action.name);
    if (l.bootstrap === undefined || tool === undefined) continue;
    out.set(l.action.name, {
      by: 'bootstrap',
      action: l.bootstrap,
      precondition: tool.precondition === '' ? '(and)' : tool.precondition,
      effect: tool.effect,
    });
  }
  return out;
}

/**
 * The model of every tool given the mission's observed trajectories and the proposals for
 * learned tools never observed. Each learned tool is learned from its own steps only, so a
 * tool whose observations break SAM's assumptions is unusable alone (its note says why).
 */
export function chooseToolModels(
  mission: Mission,
  trajectories: readonly Trajectory[],
  proposals: ReadonlyMap<string, Proposal>,
): ChosenModels {
  const vocabulary = fullVocabulary(mission);
  const bootstraps = (mission.learnedActions ?? []).flatMap((l) =>
    l.bootstrap === undefined ? [] : [l.bootstrap],
  );
  const constants = constantsInActions({
    ...mission.domain,
    actions: [...mission.domain.actions, ...bootstraps],
  });
  const count = (name: string) =>
    trajectories.reduce((n, t) => n + t.transitions.filter((x) => x.action === name).length, 0);
  const tools: ToolModel[] = mission.domain.actions.map((a) => ({
    tool: a.name,
    source: 'declared',
    observations: count(a.name),
  }));
  const added: ActionDef[] = [];
  for (const { action } of mission.learnedActions ?? []) {
    const name = action.name;
    const own = trajectories.map((t) => ({
      ...t,
      transitions: t.transitions.filter((x) => x.action === name),
    }));
    const n = count(name);
    const proposal = proposals.get(name);
    if (n === 0) {
      if (proposal === undefined) tools.push({ tool: name, source: 'unobserved', observations: 0 });
      else {
        added.push(proposal.action);
        tools.push({
          tool: name,
          source: 'proposed',
          observations: 0,
          by: proposal.by,
          precondition: proposal.precondition,
          effect: proposal.effect,
        });
      }
      continue;
    }
    const chosen = learnOne(vocabulary, own, constants, name);
    if (chosen.action !== undefined) added.push(chosen.action);
    const replaced = proposal === undefined ? undefined : replacedNote(mission, proposal, own);
    const notes = [replaced, chosen.model.note].filter((x) => x !== undefined);
    tools.push({
      ...chosen.model,
      observations: n,
      ...(notes.length === 0 ? {} : { note: notes.join('; ') }),
    });
  }
  return { domain: { ...mission.domain, actions: [...mission.domain.actions, ...added] }, tools };
}

/** SAM on one tool's steps: its learned action, or why there is none. */
function learnOne(
  vocabulary: Domain,
  own: Trajectory[],
  constants: string[],
  name: string,
): { action?: ActionDef; model: ToolModel } {
  try {
    const r = learnFromTrajectories(vocabulary, own, { constants });
    const la = r.actions.find((a) => a.name === name)!;
    const action = r.domain.actions.find((a) => a.name === name);
    if (la.status !== 'learned' || action === undefined)
      return {
        model: {
          tool: name,
          source: 'unusable',
          observations: la.observations,
          note: `${la.status}: ${la.notes.at(-1) ?? 'no safe model'}`,
        },
      };
    return {
      action,
      model: {
        tool: name,
        source: 'learned',
        observations: la.observations,
        precondition: conditionText(action.precondition),
        effect: effectText(action.effect),
      },
    };
  } catch (err) {
    if (!(err instanceof LearnError)) throw err;
    return { model: { tool: name, source: 'unusable', observations: 0, note: err.message } };
  }
}

/** Why a proposal was replaced: the first contradiction with the observations, if any. */
function replacedNote(mission: Mission, proposal: Proposal, own: Trajectory[]): string {
  const contradictions = compareWithDeclared(
    { ...mission.domain, actions: [proposal.action] },
    own,
  );
  const first = contradictions[0];
  return first === undefined
    ? `the unverified ${proposal.by} proposal was replaced by the observations (they agree with it)`
    : `the unverified ${proposal.by} proposal was replaced: ${first.message.replace(/\bdeclared\b/g, 'proposed')}`;
}

/** `learnFromTrajectories`: SAM over every action of a vocabulary. */
import type { Domain } from '../pddl/ast.js';
import { didYouMean, LearnError } from './errors.js';
import { learnedDomain } from './model.js';
import { actionContext, learnAction } from './sam.js';
import type { LearnResult, Trajectory, Transition } from './types.js';

export interface LearnOptions {
  /**
   * The constants lifted atoms may mention besides the action's parameters (default: all
   * of the vocabulary's). A mission declares its objects as constants; only those its
   * tools name matter.
   */
  constants?: readonly string[];
}

/**
 * Learns a safe action model for every action of `vocabulary` (a domain whose actions'
 * preconditions and effects are ignored) from observed trajectories. Throws LearnError
 * when a transition names an unknown action or breaks SAM's assumptions.
 */
export function learnFromTrajectories(
  vocabulary: Domain,
  trajectories: readonly Trajectory[],
  options: LearnOptions = {},
): LearnResult {
  const t0 = performance.now();
  const byAction = new Map<string, Transition[]>(vocabulary.actions.map((a) => [a.name, []]));
  let transitions = 0;
  for (const traj of trajectories)
    for (const t of traj.transitions) {
      const list = byAction.get(t.action);
      const def = vocabulary.actions.find((a) => a.name === t.action);
      if (list === undefined || def === undefined)
        throw new LearnError('LEARN_UNKNOWN_ACTION', `${t.label}: unknown action '${t.action}'`, {
          location: t.loc,
          hint:
            didYouMean(t.action, byAction.keys()) ??
            `the vocabulary's actions: ${[...byAction.keys()].join(', ')}`,
        });
      if (def.params.length !== t.args.length)
        throw new LearnError(
          'LEARN_WRONG_ARITY',
          `${t.label}: action '${t.action}' takes ${def.params.length} argument${def.params.length === 1 ? '' : 's'}, found ${t.args.length}`,
          {
            location: t.loc,
            hint: `declared as (${[def.name, ...def.params.map((p) => p.name)].join(' ')})`,
          },
        );
      list.push(t);
      transitions++;
    }
  const only = options.constants === undefined ? undefined : new Set(options.constants);
  const constants = vocabulary.constants.filter((c) => only === undefined || only.has(c.name));
  const ctx = actionContext(vocabulary, constants);
  const actions = vocabulary.actions.map((a) => learnAction(ctx, a, byAction.get(a.name)!));
  return {
    domain: learnedDomain(vocabulary, actions),
    actions,
    trajectories: trajectories.length,
    transitions,
    learningMs: performance.now() - t0,
  };
}

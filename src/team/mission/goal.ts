/** Parsing a goal against a mission's domain and objects, with errors about the goal text itself. */
import { UserError } from '../../errors.js';
import { parseProblem } from '../../pddl/index.js';
import type { Condition, Domain } from '../../pddl/ast.js';
import { unbalanced } from './checks.js';
import { GoalError } from '../errors.js';
import { closest } from '../../spelling.js';

/**
 * Parses `goal` (PDDL condition text) against the domain and objects: predicates, arities
 * and objects are checked. Throws GoalError, located in the goal text, never in the
 * problem text assembled to parse it.
 */
export function parseGoal(
  domain: Domain,
  objects: readonly { name: string; type: string }[],
  goal: string,
): Condition {
  const u = unbalanced(goal);
  if (u !== undefined)
    throw new GoalError(u.message, {
      code: 'GOAL_UNBALANCED_PARENS',
      hint: u.hint,
      offset: u.offset,
    });
  const constants = new Set(domain.constants.map((c) => c.name));
  const own = objects.filter((o) => !constants.has(o.name));
  const head = `(define (problem check) (:domain ${domain.name}) (:objects ${own.map((o) => `${o.name} - ${o.type}`).join(' ')}) (:init) (:goal `;
  try {
    return parseProblem(`${head}${goal}))`, domain).goal;
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    const loc = err.location;
    const offset =
      loc !== undefined &&
      loc.line === 1 &&
      loc.col - 1 >= head.length &&
      loc.col - 1 < head.length + goal.length
        ? loc.col - 1 - head.length
        : undefined;
    const object = /undeclared object '([^']+)'/.exec(err.message)?.[1];
    let hint = err.hint;
    if (object !== undefined) {
      const near = closest(object, [
        ...domain.constants.map((c) => c.name),
        ...objects.map((o) => o.name),
      ]);
      hint =
        near === undefined
          ? 'objects are declared under objects in mission.yaml (or in the problem file of a PDDL mission)'
          : `did you mean '${near}'?`;
    }
    const predicate =
      object === undefined
        ? /(?:unknown|undeclared) predicate '([^']+)'/.exec(err.message)?.[1]
        : undefined;
    if (predicate !== undefined) {
      const near = closest(
        predicate,
        domain.predicates.map((x) => x.name),
      );
      hint =
        near === undefined
          ? `the mission's predicates: ${domain.predicates.map((x) => x.name).join(', ')}`
          : `did you mean '${near}'?`;
    }
    const objectAt = object === undefined ? -1 : goal.indexOf(object);
    const at = offset ?? (objectAt >= 0 ? objectAt : undefined);
    throw new GoalError(err.message, {
      code: err.code,
      ...(hint === undefined ? {} : { hint }),
      ...(at === undefined ? {} : { offset: at }),
    });
  }
}

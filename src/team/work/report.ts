/**
 * The report that ends a model-driven step: a zod schema (sent to the model as the
 * structured output it must produce) and the check against the mission's vocabulary —
 * predicates with their arity, objects — that zod cannot express.
 */
import { z } from 'zod';
import type { Mission, ToolOutcome } from '../types.js';
import { parseAtomText } from '../facts.js';

/** What the model must answer when its step is over. */
export const StepReportSchema = z.strictObject({
  /** Was the step carried out? `false` is a failure: the team re-plans. */
  done: z.boolean(),
  /** Why, in a sentence (what was done, or what stopped it). */
  reason: z.string(),
  /** What the step hands to the steps that depend on it. */
  workProduct: z.strictObject({ title: z.string(), markdown: z.string() }).nullable().optional(),
  /** Facts observed along the way: `(declined amelie)`, or `(not (site_available le_marais))`. */
  observedFacts: z.array(z.string()).nullable().optional(),
});
export type StepReport = z.infer<typeof StepReportSchema>;

/** The facts of a report, split into what holds and what does not; or the first mistake. */
export function checkReport(
  mission: Mission,
  report: StepReport,
): { ok: true; assert: string[]; retract: string[] } | { ok: false; error: string } {
  if (report.reason.trim() === '') return { ok: false, error: 'reason: empty; say why' };
  const product = report.workProduct;
  if (product != null && (product.title.trim() === '' || product.markdown.trim() === ''))
    return {
      ok: false,
      error: `workProduct: ${product.title.trim() === '' ? 'title' : 'markdown'} is empty; give the whole work product, or null for none`,
    };
  const arity = new Map(mission.domain.predicates.map((p) => [p.name, p.params.length]));
  const objects = new Set([
    ...mission.objects.map((o) => o.name),
    ...mission.domain.constants.map((c) => c.name),
  ]);
  const derived = new Set(mission.domain.derived.map((d) => d.head.name));
  const assert: string[] = [];
  const retract: string[] = [];
  for (const [i, text] of (report.observedFacts ?? []).entries()) {
    const neg = /^\s*\(\s*not\s+(\(.*\))\s*\)\s*$/i.exec(text);
    const atom = parseAtomText(neg?.[1] ?? text);
    const at = `observedFacts[${i}] ${JSON.stringify(text)}`;
    if (atom === undefined)
      return {
        ok: false,
        error: `${at}: expected a ground atom such as (pred a b) or (not (pred a b))`,
      };
    const n = arity.get(atom.predicate);
    if (n === undefined)
      return {
        ok: false,
        error: `${at}: unknown predicate '${atom.predicate}'; the mission's predicates: ${[...arity.keys()].join(', ')}`,
      };
    if (derived.has(atom.predicate))
      return {
        ok: false,
        error: `${at}: ${atom.predicate} is derived by the mission's rules; report the facts it follows from`,
      };
    if (n !== atom.args.length)
      return {
        ok: false,
        error: `${at}: ${atom.predicate} takes ${n} argument${n === 1 ? '' : 's'}, not ${atom.args.length}`,
      };
    const unknown = atom.args.find((a) => !objects.has(a));
    if (unknown !== undefined)
      return {
        ok: false,
        error: `${at}: unknown object '${unknown}'; the mission's objects: ${[...objects].join(', ')}`,
      };
    (neg === null ? assert : retract).push(`(${[atom.predicate, ...atom.args].join(' ')})`);
  }
  return { ok: true, assert, retract };
}

/** A checked report as the outcome of its step. */
export function reportOutcome(
  report: StepReport,
  facts: { assert: string[]; retract: string[] },
): ToolOutcome {
  const observed = {
    ...(facts.assert.length > 0 ? { assert: facts.assert } : {}),
    ...(facts.retract.length > 0 ? { retract: facts.retract } : {}),
  };
  if (!report.done) return { ok: false, reason: `not done: ${report.reason}`, ...observed };
  const product = report.workProduct;
  return {
    ok: true,
    note: report.reason,
    ...observed,
    ...(product == null ? {} : { product: { title: product.title, markdown: product.markdown } }),
  };
}

/** The vocabulary a report may use, told to the model with the step. */
export function vocabularyText(mission: Mission): string {
  const preds = mission.domain.predicates.map(
    (p) => `(${[p.name, ...p.params.map((x) => x.name)].join(' ')})`,
  );
  return `predicates: ${preds.join(' ')}\nobjects: ${mission.objects.map((o) => o.name).join(', ')}`;
}

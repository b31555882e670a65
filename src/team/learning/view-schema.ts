/**
 * The shape of a mission's declared-versus-learned model (GET /api/missions/:name/model).
 * This file imports only zod: the web UI imports its types.
 */
import { z } from 'zod';

const texts = z.array(z.string());

export const ToolModelViewSchema = z.object({
  tool: z.string(),
  /** `?p - part` ... */
  params: texts,
  /** Declared in the mission, or learned from the runs (no declaration). */
  kind: z.enum(['declared', 'learned']),
  declared: z.object({ precondition: texts, effect: texts }).optional(),
  learned: z
    .object({
      status: z.enum(['learned', 'unobserved', 'ambiguous', 'inconsistent']),
      observations: z.number().int().nonnegative(),
      precondition: texts,
      /** Case splits on equal arguments, one text each. */
      cases: texts,
      effect: texts,
      note: z.string().optional(),
    })
    .optional(),
  /** The unverified starting model of a learned tool never observed. */
  proposal: z
    .object({ by: z.enum(['bootstrap', 'model']), precondition: z.string(), effect: z.string() })
    .optional(),
  /** Learned against declared: literals the observations add, declared ones they do not show. */
  diff: z.object({
    preconditionAdded: texts,
    preconditionMissing: texts,
    effectAdded: texts,
    effectMissing: texts,
  }),
  contradictions: z.array(z.object({ kind: z.string(), literal: z.string(), message: z.string() })),
});
export type ToolModelView = z.infer<typeof ToolModelViewSchema>;

export const MissionModelSchema = z.object({
  mission: z.string(),
  runs: z.number().int().nonnegative(),
  transitions: z.number().int().nonnegative(),
  /** Steps recorded by an earlier version of the mission that do not fit it now (not learned from). */
  skipped: z.array(z.object({ label: z.string(), action: z.string(), reason: z.string() })),
  tools: z.array(ToolModelViewSchema),
});
export type MissionModel = z.infer<typeof MissionModelSchema>;

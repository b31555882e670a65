/**
 * What the team tells about missions and runs (the CLI, the HTTP API and the web UI show
 * these): a mission on offer, a run's row, its detail rebuilt from the log, a step
 * waiting for a person, a summary.
 * Schemas, so the server documents them and the web UI imports the same types.
 *
 * This file imports only zod and events.ts: the web UI imports its types.
 */
import { z } from 'zod';
import { PlannedStepSchema, RunFinishedSchema, WorkProductSchema } from './events.js';

/** A mission a person can start a run of. */
export const MissionInfoSchema = z.object({
  name: z.string(),
  description: z.string(),
  /** 'example': from the examples folder; 'loaded': given to the server by its caller. */
  source: z.enum(['example', 'loaded']),
});
export type MissionInfo = z.infer<typeof MissionInfoSchema>;

export const RunStatusSchema = z.enum([
  'queued',
  'running',
  'waiting-approval',
  'succeeded',
  'failed',
  'interrupted',
]);
export type RunStatus = z.infer<typeof RunStatusSchema>;

/** One run in a list: its row plus the steps and re-plans its log holds. */
export const RunInfoSchema = z.object({
  id: z.string(),
  mission: z.string(),
  status: RunStatusSchema,
  seed: z.number(),
  goal: z.string(),
  startedAt: z.string(),
  updatedAt: z.string(),
  steps: z.number(),
  replans: z.number(),
});
export type RunInfo = z.infer<typeof RunInfoSchema>;

/** A page of runs, newest first, and the cursor of the next page (null after the last). */
export const RunsPageSchema = z.object({
  runs: z.array(RunInfoSchema),
  nextCursor: z.string().nullable(),
});
export type RunsPage = z.infer<typeof RunsPageSchema>;

/** A step that waits for a person's decision. */
export const ApprovalRequestSchema = z.object({
  runId: z.string(),
  stepId: z.string(),
  agent: z.string(),
  action: z.string(),
  args: z.array(z.string()),
  /** Set for a step that was in flight when the run stopped: why asking (again). */
  inDoubt: z.string().optional(),
});
export type ApprovalRequest = z.infer<typeof ApprovalRequestSchema>;

export interface ApprovalDecision {
  approved: boolean;
  by?: string;
  reason?: string;
}

/** A run's state: plan versions, observed and derived facts, steps waiting for approval. */
export const RunDetailSchema = RunInfoSchema.extend({
  plans: z.array(
    z.object({ version: z.number(), reason: z.string(), steps: z.array(PlannedStepSchema) }),
  ),
  facts: z.array(z.string()),
  derived: z.array(z.string()),
  pendingApprovals: z.array(ApprovalRequestSchema),
  /** What the steps handed on, in order: each with its step and author (`agent`). */
  products: z.array(WorkProductSchema.extend({ seq: z.number(), at: z.string() })),
});
export type RunDetail = z.infer<typeof RunDetailSchema>;

/** How a run ended: what `run.finished` records, with the run's id. */
export type RunSummary = z.infer<typeof RunFinishedSchema> & { runId: string };

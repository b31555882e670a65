/**
 * The events of a mission run, as the run log keeps them: one zod schema per kind of
 * event, each with its own schema version (`v`, stored with every event). The team
 * writes events through a typed `emit` (run/recorder.ts) and parses them when it reads
 * them back (log/codec.ts), so a log written by another version of Atelier is refused
 * with the run and the event named, never misread.
 *
 * To change the data of a kind: bump its `version` and keep reading the old one (an
 * `upgrade` in codec.ts), or old runs become unreadable. New optional fields that old
 * readers may ignore still need a bump: the schemas are strict.
 *
 * This file imports only zod (and usage-events.ts, which does too): the web UI imports its types (web/src/runs.ts).
 */
import { z } from 'zod';
import { USAGE_EVENT_KINDS } from './usage-events.js';

const text = z.string();
const texts = z.array(z.string());
const count = z.number().int().nonnegative();

/** A step of a plan version, as stored in `plan.made`. */
export const PlannedStepSchema = z.strictObject({
  id: text,
  action: text,
  args: texts,
  agent: text,
  /** Ids of steps this one waits for. */
  dependsOn: texts,
  /** Causal links: what this step achieves for later steps or the goal. */
  supports: texts,
});
export type PlannedStep = z.infer<typeof PlannedStepSchema>;

/** Which step, who does it, which ground action. */
const stepCall = { stepId: text, agent: text, action: text, args: texts };

/** The outcome of a run, as `run.finished` records it (steps and re-plans of the whole run). */
export const RunFinishedSchema = z.strictObject({
  /** The run's id again (absent when the run ended on an internal error). */
  runId: text.optional(),
  status: z.enum(['succeeded', 'failed']),
  steps: count,
  replans: count,
  elapsedMs: z.number().nonnegative(),
  /** For a resumed run: the steps executed since this resume. */
  sessionSteps: count.optional(),
  reason: text.optional(),
  whyNot: texts.optional(),
});

/** A work product: what a step wrote for the steps that depend on it. */
export const WorkProductSchema = z.strictObject({
  ...stepCall,
  title: text,
  markdown: text,
});
export type WorkProduct = z.infer<typeof WorkProductSchema>;

/** One question to a teammate during a step (`depth` 1: asked by the step's agent). */
export const TeammateAskedSchema = z.strictObject({
  stepId: text,
  from: text,
  to: text,
  question: text,
  depth: count,
  answer: text.optional(),
  error: text.optional(),
});

/**
 * The model a tool is planned with in a run: declared in the mission, learned (SAM) from
 * `observations` steps of the mission's runs, proposed (UNVERIFIED: by the mission's
 * `bootstrap` or by the model) while it was never observed, unobserved (no model: the
 * planner cannot use it), or unusable (observed, but no safe model; `note` says why).
 */
export const ToolModelSchema = z.strictObject({
  tool: text,
  source: z.enum(['declared', 'learned', 'proposed', 'unobserved', 'unusable']),
  observations: count,
  by: z.enum(['bootstrap', 'model']).optional(),
  precondition: text.optional(),
  effect: text.optional(),
  note: text.optional(),
});
export type ToolModel = z.infer<typeof ToolModelSchema>;

/** Every kind of event: its current schema version and the schema of its `data`. */
export const EVENT_KINDS = {
  /** The run began; `facts` are the initial observed facts. */
  'run.started': {
    version: 1,
    data: z.strictObject({ mission: text, goal: text, seed: z.number().int(), facts: texts }),
  },
  /** Facts the rules derive, written before each planning. */
  'facts.derived': { version: 1, data: z.strictObject({ facts: texts }) },
  /** A plan version; written with its `step.assigned` events in one transaction. */
  'plan.made': {
    version: 1,
    data: z.strictObject({
      version: count,
      reason: text,
      cost: z.number(),
      planMs: z.number().nonnegative(),
      steps: z.array(PlannedStepSchema),
    }),
  },
  'plan.failed': { version: 1, data: z.strictObject({ reason: text, whyNot: texts }) },
  /** Before a planning, when the mission has learned tools and their models changed. */
  'tools.modelled': {
    version: 1,
    data: z.strictObject({ tools: z.array(ToolModelSchema) }),
  },
  'step.assigned': { version: 1, data: z.strictObject(stepCall) },
  /** `attempt`: 1 for the first try of this ground action in the run, 2 for the next... */
  'step.started': { version: 1, data: z.strictObject({ ...stepCall, attempt: count }) },
  /**
   * On resume: a step that was in flight when the run stopped, carried out by a tool whose
   * side effect may have happened (MCP, or code not declared idempotent); it runs again
   * only once approved.
   */
  'step.in-doubt': { version: 1, data: z.strictObject({ ...stepCall, reason: text }) },
  'approval.requested': { version: 1, data: z.strictObject(stepCall) },
  'approval.given': {
    version: 1,
    data: z.strictObject({
      stepId: text,
      approved: z.boolean(),
      by: text,
      reason: text.optional(),
    }),
  },
  'step.finished': {
    version: 1,
    data: z.strictObject({ ...stepCall, ms: z.number().nonnegative(), note: text.optional() }),
  },
  'step.failed': {
    version: 1,
    data: z.strictObject({ ...stepCall, ms: z.number().nonnegative(), reason: text }),
  },
  /** What a step changed; written with the step's end in one transaction. */
  'facts.changed': {
    version: 1,
    data: z.strictObject({
      stepId: text,
      added: texts,
      deleted: texts,
      /** True when the world did something other than the plan expected. */
      diverged: z.boolean(),
      /** Derived facts that changed with them. */
      derivedAdded: texts.optional(),
      derivedRemoved: texts.optional(),
    }),
  },
  /** The team plans again; `version` is the plan version that will follow. */
  replan: { version: 1, data: z.strictObject({ version: count, reason: text }) },
  /** What a step handed on (a document, a brief); written with the step's end. */
  'work.product': { version: 1, data: WorkProductSchema },
  /** An agent asked a teammate during a step: the answer, or why there was none. */
  'teammate.asked': { version: 1, data: TeammateAskedSchema },
  'run.finished': { version: 1, data: RunFinishedSchema },
  /** The run stopped before its end (Ctrl-C, the server stopping, a store failure): resumable. */
  'run.interrupted': { version: 1, data: z.strictObject({ reason: text }) },
  /**
   * The run was resumed from its log: the plan that goes on (null: the next plan is made),
   * and the steps cut short by the interruption that run again.
   */
  'run.resumed': {
    version: 1,
    data: z.strictObject({ planVersion: count.nullable(), again: texts }),
  },
  ...USAGE_EVENT_KINDS,
} as const;

export type RunEventType = keyof typeof EVENT_KINDS;
/** The kinds, in the order of the table above. */
export const RUN_EVENT_TYPES = Object.keys(EVENT_KINDS) as RunEventType[];
/** The `data` of an event of kind `K`. */
export type EventData<K extends RunEventType> = z.infer<(typeof EVENT_KINDS)[K]['data']>;

/** An event to append: its kind and data (the log adds run, seq, time and version). */
export type RunEventBody = { [K in RunEventType]: { type: K; data: EventData<K> } }[RunEventType];

/** What the log adds to every event. */
export interface EventEnvelope {
  runId: string;
  /** 1, 2, 3... per run, without gaps. */
  seq: number;
  /** ISO time of the write. */
  at: string;
  /** Schema version of `data` (EVENT_KINDS[type].version when written by this build). */
  v: number;
}

/** An event of a run, read back from the log; `e.type` narrows `e.data`. */
export type RunEvent = {
  [K in RunEventType]: EventEnvelope & { type: K; data: EventData<K> };
}[RunEventType];
export type RunEventOf<K extends RunEventType> = Extract<RunEvent, { type: K }>;

const envelope = {
  runId: text,
  seq: z.number().int().positive(),
  at: text,
};
const eventSchema = <K extends RunEventType, D extends z.ZodType>(
  type: K,
  kind: { version: number; data: D },
) =>
  z.strictObject({
    ...envelope,
    v: z.literal(kind.version),
    type: z.literal(type),
    data: kind.data,
  });
const K = EVENT_KINDS;

/** A whole event at the current versions, as one discriminated union (API docs, tests). */
export const RunEventSchema = z.discriminatedUnion('type', [
  eventSchema('run.started', K['run.started']),
  eventSchema('facts.derived', K['facts.derived']),
  eventSchema('plan.made', K['plan.made']),
  eventSchema('plan.failed', K['plan.failed']),
  eventSchema('tools.modelled', K['tools.modelled']),
  eventSchema('step.assigned', K['step.assigned']),
  eventSchema('step.started', K['step.started']),
  eventSchema('step.in-doubt', K['step.in-doubt']),
  eventSchema('approval.requested', K['approval.requested']),
  eventSchema('approval.given', K['approval.given']),
  eventSchema('step.finished', K['step.finished']),
  eventSchema('step.failed', K['step.failed']),
  eventSchema('facts.changed', K['facts.changed']),
  eventSchema('replan', K.replan),
  eventSchema('work.product', K['work.product']),
  eventSchema('teammate.asked', K['teammate.asked']),
  eventSchema('run.finished', K['run.finished']),
  eventSchema('run.interrupted', K['run.interrupted']),
  eventSchema('run.resumed', K['run.resumed']),
  eventSchema('usage.recorded', K['usage.recorded']),
  eventSchema('budget.set', K['budget.set']),
  eventSchema('budget.exceeded', K['budget.exceeded']),
]);

// The union lists every kind, and what it accepts is a RunEvent (checked by the compiler).
type Assert<T extends true> = T;
type _UnionCoversKinds = Assert<
  RunEventType extends z.infer<typeof RunEventSchema>['type'] ? true : false
>;
type _UnionIsRunEvent = Assert<z.infer<typeof RunEventSchema> extends RunEvent ? true : false>;

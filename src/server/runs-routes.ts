/**
 * Missions and runs: list missions, start a run, list and inspect runs, follow a run's
 * events live (server-sent events, resumable with Last-Event-ID = the last seq seen),
 * approve or reject a step that waits for a person.
 */
import type { Context, Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import {
  approveStep,
  getRun,
  listRunsPage,
  MAX_PAGE_SIZE,
  runInfo,
  resumeRun,
  startRun,
  queueRun,
  MissionInfoSchema,
  RunDetailSchema,
  RunInfoSchema,
  RunsPageSchema,
} from '../team/index.js';
import type { Mission, RunDetail } from '../team/index.js';
import { UserError } from '../errors.js';
import { HttpError } from './errors.js';
import { DEFAULT_KEEP_ALIVE_MS } from './openai/common.js';
import { modelRoutes } from './model-routes.js';
import { followRun } from './run-events.js';
import { WhyResponse, explainFact } from './run-why.js';
import type { Operation } from './openapi.js';
import type { AppOptions } from './types.js';
import { readBody } from './validate.js';
import { missionFinder } from './mission-finder.js';
import { StartRunRequest } from './run-schemas.js';

export const WhyRequest = z.object({
  fact: z
    .string()
    .regex(
      /^\s*\(\s*[\w-]+(\s+[\w-]+)*\s*\)\s*$/,
      'expected one ground fact in PDDL form, e.g. "(qualified amelie research_lead)"',
    ),
});

export const DecisionRequest = z.object({
  by: z.string().max(200).optional().describe('who decided'),
  reason: z.string().max(2000).optional(),
});

function parseLastEventId(value: string | undefined): number {
  if (value === undefined || value === '') return 0;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    throw new HttpError(
      400,
      'invalid_request',
      `Last-Event-ID: expected a non-negative integer (an event seq), got "${value}"`,
      {
        param: 'Last-Event-ID',
      },
    );
  }
  return n;
}

/** `?limit=&cursor=` of GET /api/runs: a page of 1 to MAX_PAGE_SIZE runs (default 50). */
function pageQuery(
  limit: string | undefined,
  cursor: string | undefined,
): { limit: number; cursor: string | undefined } {
  const n = limit === undefined || limit === '' ? 50 : Number(limit);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE)
    throw new HttpError(
      400,
      'invalid_request',
      `limit: expected an integer from 1 to ${MAX_PAGE_SIZE}, got "${limit}"`,
      { field: 'limit' },
    );
  return { limit: n, cursor: cursor === '' ? undefined : cursor };
}

export function runsRoutes(app: Hono, options: AppOptions): Operation[] {
  const runs = options.runs;
  if (!runs) return [];
  const { store } = runs;
  const missions = missionFinder(
    runs.missions,
    runs.examplesRoot,
    (name, known) =>
      new HttpError(404, 'mission_not_found', `mission: no mission named "${name}"`, {
        param: 'mission',
        hint: known.length ? `available: ${known.join(', ')}` : 'no missions are available',
      }),
  );
  const mission = (name: string): Promise<Mission> => missions.find(name);

  // A run's detail is rebuilt from its event log; keep the last one per run and reuse
  // it while the run's row (last seq, status, update time) has not moved.
  const details = new Map<string, { key: string; detail: RunDetail; json: string }>();
  const cachedDetail = async (id: string) => {
    const row = await store.getRun(id);
    if (!row) throw new HttpError(404, 'run_not_found', `no run with id "${id}"`);
    const key = `${row.lastSeq}|${row.status}|${row.updatedAt}`;
    const hit = details.get(id);
    if (hit && hit.key === key) return hit;
    const found = await getRun(store, id);
    if (!found) throw new HttpError(404, 'run_not_found', `no run with id "${id}"`);
    const detail = found;
    const entry = { key, detail, json: JSON.stringify(detail) };
    details.delete(id);
    details.set(id, entry);
    if (details.size > 256) details.delete(details.keys().next().value!);
    return entry;
  };
  const runOr404 = async (id: string): Promise<RunDetail> => (await cachedDetail(id)).detail;

  /** Runs this app drives right now. The outcome is in the store; a crash is logged here. */
  const active = new Set<string>();
  const track = (handle: { id: string; done: Promise<unknown> }): void => {
    active.add(handle.id);
    const settled = handle.done
      .catch((err: unknown) => {
        if (!options.signal?.aborted)
          console.error(`[atelier serve] run ${handle.id} crashed:`, err);
      })
      .finally(() => {
        active.delete(handle.id);
        options.runsInFlight?.delete(settled);
      });
    options.runsInFlight?.add(settled);
  };

  app.get('/api/missions', (c) => c.json(missions.list()));

  app.post('/api/runs', async (c) => {
    const body = await readBody(c, StartRunRequest);
    const m = await mission(body.mission);
    let handle;
    const start = {
      store,
      approve: 'store' as const,
      ...(body.seed !== undefined ? { seed: body.seed } : {}),
      ...(body.goal !== undefined ? { goal: body.goal } : {}),
      ...(runs.timeScale !== undefined ? { timeScale: runs.timeScale } : {}),
      ...(runs.model !== undefined ? { model: runs.model } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    };
    try {
      // Queued: a worker (`atelier worker`) drives it; this process only records it.
      handle =
        runs.queue === true
          ? { id: await queueRun(m, start), done: undefined }
          : await startRun(m, start);
    } catch (err) {
      // The goal is checked before the run starts: a bad goal is a 400 on the `goal` field.
      if (err instanceof UserError && body.goal !== undefined) {
        throw new HttpError(
          400,
          'invalid_goal',
          err.message.startsWith('goal') ? err.message : `goal: ${err.message}`,
          {
            param: 'goal',
            ...(err.location
              ? { location: { line: err.location.line, col: err.location.col } }
              : {}),
            ...(err.hint ? { hint: err.hint } : {}),
          },
        );
      }
      throw err;
    }
    if (handle.done !== undefined) track({ id: handle.id, done: handle.done });
    return c.json((await runInfo(store, handle.id)) ?? { id: handle.id }, 201);
  });

  app.get('/api/runs', async (c) => {
    const { limit, cursor } = pageQuery(c.req.query('limit'), c.req.query('cursor'));
    try {
      return c.json(
        await listRunsPage(store, { limit, ...(cursor === undefined ? {} : { cursor }) }),
      );
    } catch (err) {
      if (err instanceof UserError && err.code === 'RUN_BAD_CURSOR')
        throw new HttpError(400, 'invalid_request', `cursor: ${err.message}`, {
          field: 'cursor',
          hint: err.hint,
        });
      throw err;
    }
  });
  app.get('/api/runs/:id', async (c) =>
    c.body((await cachedDetail(c.req.param('id'))).json, 200, {
      'content-type': 'application/json',
    }),
  );

  app.get('/api/runs/:id/events', async (c) => {
    const id = c.req.param('id');
    if (!(await store.getRun(id)))
      throw new HttpError(404, 'run_not_found', `no run with id "${id}"`);
    const after = parseLastEventId(c.req.header('last-event-id') ?? c.req.query('after'));
    const keepAliveMs = options.sseKeepAliveMs ?? DEFAULT_KEEP_ALIVE_MS;
    return streamSSE(c, (stream) => followRun(stream, store, id, after, keepAliveMs));
  });

  const decide = (approved: boolean) => async (c: Context) => {
    const id = c.req.param('id') ?? '';
    const step = c.req.param('step') ?? '';
    const body = await readBody(c, DecisionRequest);
    const run = await runOr404(id);
    if (!run.pendingApprovals.some((p) => p.stepId === step)) {
      const waiting = run.pendingApprovals.map((p) => p.stepId);
      throw new HttpError(
        409,
        'not_waiting',
        `step "${step}" of run ${id} is not waiting for approval`,
        {
          hint: waiting.length
            ? `waiting: ${waiting.join(', ')}`
            : 'no step of this run is waiting',
        },
      );
    }
    const earlier = await store.decision(id, step);
    if (earlier) {
      throw new HttpError(
        409,
        'already_decided',
        `step "${step}" of run ${id} was already ${earlier.approved ? 'approved' : 'rejected'}`,
        {},
      );
    }
    await approveStep(store, id, step, {
      approved,
      ...(body.by ? { by: body.by } : {}),
      ...(body.reason ? { reason: body.reason } : {}),
    });
    return c.json({ runId: id, stepId: step, approved });
  };
  app.post('/api/runs/:id/resume', async (c) => {
    const id = c.req.param('id');
    const run = await runOr404(id);
    // Only a run whose process stopped (server shut down, crash) is continued; a running
    // one is still being driven, a finished one is over.
    if (run.status !== 'interrupted' || active.has(id)) {
      throw new HttpError(
        409,
        'not_interrupted',
        `run ${id} is ${run.status}: only an interrupted run can be resumed`,
      );
    }
    const handle = await resumeRun(store, id, {
      mission: await mission(run.mission),
      approve: 'store',
      ...(runs.timeScale !== undefined ? { timeScale: runs.timeScale } : {}),
      ...(runs.model !== undefined ? { model: runs.model } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    track(handle);
    return c.json((await runInfo(store, id)) ?? { id });
  });

  app.post('/api/runs/:id/why', async (c) => {
    const id = c.req.param('id');
    const body = await readBody(c, WhyRequest);
    const run = await runOr404(id);
    return c.json(explainFact((await mission(run.mission)).rules, run.facts, body.fact.trim()));
  });

  app.post('/api/runs/:id/steps/:step/approve', decide(true));
  app.post('/api/runs/:id/steps/:step/reject', decide(false));
  const modelOps = modelRoutes(app, store, mission);

  return [
    ...modelOps,
    {
      method: 'get',
      path: '/api/missions',
      summary: 'Example and loaded missions',
      tag: 'runs',
      response: z.array(MissionInfoSchema),
    },
    {
      method: 'post',
      path: '/api/runs',
      summary: 'Start a run of a mission (optional seed and PDDL goal)',
      tag: 'runs',
      body: StartRunRequest,
      response: RunInfoSchema,
      errors: [400, 404, 413],
    },
    {
      method: 'get',
      path: '/api/runs',
      summary: `Runs, newest first, a page at a time: ?limit=N (1 to ${MAX_PAGE_SIZE}, default 50) and ?cursor= the nextCursor of the previous page (null after the last page)`,
      tag: 'runs',
      response: RunsPageSchema,
      errors: [400],
    },
    {
      method: 'get',
      path: '/api/runs/:id',
      summary: 'A run: status, plans (one per re-plan), facts, derived facts, pending approvals',
      tag: 'runs',
      response: RunDetailSchema,
      errors: [404],
    },
    {
      method: 'get',
      path: '/api/runs/:id/events',
      summary:
        "A run's events as server-sent events (id = seq; send Last-Event-ID to resume); ends with an `end` event once the run finished",
      tag: 'runs',
      response: 'sse',
      errors: [400, 404],
    },
    {
      method: 'post',
      path: '/api/runs/:id/resume',
      summary: 'Continue an interrupted run from its event log',
      tag: 'runs',
      response: RunInfoSchema,
      errors: [404, 409],
    },
    {
      method: 'post',
      path: '/api/runs/:id/why',
      summary:
        "Why a fact holds in the run's current state: its proof from the mission's rules and the observed facts (or why not)",
      tag: 'runs',
      body: WhyRequest,
      response: WhyResponse,
      errors: [400, 404],
    },
    {
      method: 'post',
      path: '/api/runs/:id/steps/:step/approve',
      summary: 'Approve a step waiting for approval',
      tag: 'runs',
      body: DecisionRequest,
      errors: [400, 404, 409],
    },
    {
      method: 'post',
      path: '/api/runs/:id/steps/:step/reject',
      summary: 'Reject a step waiting for approval (the team re-plans)',
      tag: 'runs',
      body: DecisionRequest,
      errors: [400, 404, 409],
    },
  ];
}

/**
 * A step whose tool needs approval waits for a decision: approved automatically, by the
 * caller's callback, or by a person through the log (`approveStep`, the HTTP API) — the
 * run's status says `waiting-approval` meanwhile. The decision is kept on the log and
 * written as `approval.given`.
 */
import type { PlannedStep } from '../log/events.js';
import type { ApprovalDecision } from '../log/views.js';
import { sleep } from './context.js';
import type { RunContext } from './context.js';

/** How often a step waiting for a person looks for the decision on the log. */
const POLL_MS = 50;

/** `inDoubt`: why a resumed step asks (resumed-step.ts); the callback gets it too. */
export async function askApproval(
  ctx: RunContext,
  s: PlannedStep,
  inDoubt?: string,
): Promise<ApprovalDecision> {
  const call = { stepId: s.id, agent: s.agent, action: s.action, args: s.args };
  await ctx.recorder.emit({ type: 'approval.requested', data: call });
  const mode = ctx.options.approve ?? 'store';
  let decision: ApprovalDecision;
  if (mode === 'auto') decision = { approved: true, by: 'auto-approve' };
  else if (typeof mode === 'function')
    decision = await unlessAborted(
      mode({ runId: ctx.runId, ...call, ...(inDoubt === undefined ? {} : { inDoubt }) }),
      ctx.signal,
    );
  else decision = await decisionOnTheLog(ctx, s.id);
  await ctx.log.decide(ctx.runId, s.id, decision);
  await ctx.recorder.emit({
    type: 'approval.given',
    data: {
      stepId: s.id,
      approved: decision.approved,
      by: decision.by ?? 'unknown',
      ...(decision.reason === undefined ? {} : { reason: decision.reason }),
    },
  });
  return decision;
}

/**
 * A person may take long: an interruption (Ctrl-C, shutdown) does not wait for the answer,
 * it rejects with the signal's reason.
 */
function unlessAborted<T>(answer: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  return new Promise<T>((res, rej) => {
    if (signal?.aborted) return rej(signal.reason as Error);
    const onAbort = (): void => rej(signal!.reason as Error);
    signal?.addEventListener('abort', onAbort, { once: true });
    answer.then(
      (d) => (signal?.removeEventListener('abort', onAbort), res(d)),
      (e: unknown) => (signal?.removeEventListener('abort', onAbort), rej(e as Error)),
    );
  });
}

async function decisionOnTheLog(ctx: RunContext, stepId: string): Promise<ApprovalDecision> {
  await ctx.log.setStatus(ctx.runId, 'waiting-approval');
  for (;;) {
    const d = await ctx.log.decision(ctx.runId, stepId);
    if (d !== undefined) {
      await ctx.log.setStatus(ctx.runId, 'running');
      return {
        approved: d.approved,
        ...(d.by === null ? {} : { by: d.by }),
        ...(d.reason === null ? {} : { reason: d.reason }),
      };
    }
    await sleep(POLL_MS, ctx.signal);
  }
}

/** Steps that wait for a person: asking, waiting for the decision, recording it. */
import type { RunStore } from '../store/runs.js';
import type { ApprovalDecision, ApprovalRequest, PlannedStep, RunEventType } from './events.js';
import type { LoopOptions } from './loop.js';

/** Sleeps `ms` (nothing for 0 or less); rejects with the signal's reason when it aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((res, rej) => {
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      res();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      rej(signal!.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Asks for the decision on step `s` (automatically, by callback, or through the store). */
export async function askApproval(
  store: RunStore,
  runId: string,
  s: PlannedStep,
  options: LoopOptions,
  emit: (type: RunEventType, data: Record<string, unknown>) => void,
  signal: AbortSignal | undefined,
): Promise<ApprovalDecision> {
  const req: ApprovalRequest = {
    runId,
    stepId: s.id,
    agent: s.agent,
    action: s.action,
    args: s.args,
  };
  emit('approval.requested', { stepId: s.id, agent: s.agent, action: s.action, args: s.args });
  let decision: ApprovalDecision;
  const mode = options.approve ?? 'store';
  if (mode === 'auto') decision = { approved: true, by: 'auto-approve' };
  else if (typeof mode === 'function') {
    // A person may take long: an interruption (Ctrl-C, shutdown) does not wait for the answer.
    decision = await new Promise<ApprovalDecision>((res, rej) => {
      if (signal?.aborted) return rej(signal.reason as Error);
      const onAbort = (): void => rej(signal!.reason as Error);
      signal?.addEventListener('abort', onAbort, { once: true });
      mode(req).then(
        (d) => (signal?.removeEventListener('abort', onAbort), res(d)),
        (e: unknown) => (signal?.removeEventListener('abort', onAbort), rej(e as Error)),
      );
    });
  } else {
    store.setStatus(runId, 'waiting-approval');
    for (;;) {
      const d = store.decision(runId, s.id);
      if (d !== undefined) {
        decision = {
          approved: d.approved,
          ...(d.by === null ? {} : { by: d.by }),
          ...(d.reason === null ? {} : { reason: d.reason }),
        };
        break;
      }
      await sleep(50, signal);
    }
    store.setStatus(runId, 'running');
  }
  store.decide(runId, s.id, decision);
  emit('approval.given', {
    stepId: s.id,
    approved: decision.approved,
    by: decision.by ?? 'unknown',
    ...(decision.reason === undefined ? {} : { reason: decision.reason }),
  });
  return decision;
}

/**
 * A team as an OpenAI "model": each chat message starts a run of the mission and the
 * reply narrates it — the plan, each step as it happens, approvals to give (in the web
 * UI or the API), the outcome. A message that is a PDDL goal, `(and (hired alice))`,
 * replaces the mission's goal; "run" (or nothing) runs the mission's own goal; other words
 * need a model (team-assistant-target.ts), and are answered with a sentence saying so.
 */
import type { Message } from '../models/index.js';
import {
  isRunRequest,
  notUnderstoodWithoutModel,
  readEvents,
  startRun,
  subscribe,
} from '../team/index.js';
import type { Mission, RunEvent, RunStore } from '../team/index.js';
import type { ChatChunk, ChatTarget } from './chat-targets.js';

/** One line per event worth telling a person about, or undefined to stay quiet. */
export function narrate(e: RunEvent): string | undefined {
  const call = (d: { action: string; args: readonly string[] }): string =>
    `(${[d.action, ...d.args].join(' ')})`;
  const reason = (r: string | undefined, wrap: (r: string) => string): string => (r ? wrap(r) : '');
  switch (e.type) {
    case 'plan.made':
      return `Plan v${e.data.version}: ${e.data.steps.length} steps${reason(e.data.reason, (r) => ` (${r})`)}.`;
    case 'plan.failed':
      return `No plan: ${e.data.reason}`;
    case 'step.started':
      return `- ${e.data.agent} starts ${call(e.data)}`;
    case 'approval.requested':
      return `- ${call(e.data)} by ${e.data.agent} waits for approval (step ${e.data.stepId})`;
    case 'approval.given':
      return `- step ${e.data.stepId} ${e.data.approved ? 'approved' : 'rejected'}${reason(e.data.by, (b) => ` by ${b}`)}`;
    case 'step.finished':
      return `- ${e.data.agent} finished ${call(e.data)}`;
    case 'step.failed':
      return `- ${e.data.agent} failed ${call(e.data)}: ${e.data.reason}`;
    case 'replan':
      return `Re-planning: ${e.data.reason}`;
    case 'run.finished':
      return `Run ${e.data.status}: ${e.data.steps} steps, ${e.data.replans} re-plans${reason(e.data.reason, (r) => ` — ${r}`)}.`;
    case 'run.interrupted':
      return `Run interrupted: ${e.data.reason}.`;
    default:
      return undefined;
  }
}

export function lastUserText(messages: readonly Message[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role === 'user') return m.content.trim();
  }
  return '';
}

export function teamTarget(
  mission: Mission,
  options: { store: RunStore; timeScale?: number; runUrl?: (id: string) => string },
): ChatTarget {
  return {
    id: `team:${mission.name}`,
    kind: 'team',
    description: mission.description || `The team of mission ${mission.name}`,
    async *chat(messages, signal, chatOptions = {}): AsyncIterable<ChatChunk> {
      const text = lastUserText(messages);
      const goal = text.startsWith('(') ? text : undefined;
      if (goal === undefined && !isRunRequest(text)) {
        const sentence = notUnderstoodWithoutModel(mission);
        yield { type: 'text', text: sentence };
        yield { type: 'done', text: sentence };
        return;
      }
      const handle = await startRun(mission, {
        store: options.store,
        approve: 'store',
        signal,
        ...(goal ? { goal } : {}),
        ...(options.timeScale !== undefined ? { timeScale: options.timeScale } : {}),
      });
      chatOptions.onRun?.(handle.id);
      let all = '';
      const queue: string[] = [];
      let wake: (() => void) | undefined;
      let finished = false;
      let lastSeq = 0;
      const take = (e: RunEvent): void => {
        if (e.seq <= lastSeq) return;
        lastSeq = e.seq;
        const line = narrate(e);
        if (line) queue.push(`${line}\n`);
        if (e.type === 'run.finished') finished = true;
        wake?.();
      };
      // Events written before the subscription (startRun writes the first ones at once) are
      // read from the log; live ones heard meanwhile wait for them, to keep seq order.
      let early: RunEvent[] | undefined = [];
      const unsubscribe = subscribe(options.store, handle.id, (e) =>
        early === undefined ? take(e) : early.push(e),
      );
      (await readEvents(options.store, handle.id, 0)).forEach(take);
      early.forEach(take);
      early = undefined;
      const ended = handle.done.then(
        () => undefined,
        () => undefined,
      );
      try {
        const where = options.runUrl ? ` — watch it at ${options.runUrl(handle.id)}` : '';
        const intro = `Started run ${handle.id} of ${mission.name}${goal ? ` with goal ${goal}` : ''}${where}\n`;
        all += intro;
        yield { type: 'text', text: intro };
        for (;;) {
          while (queue.length > 0) {
            const line = queue.shift()!;
            all += line;
            yield { type: 'text', text: line };
          }
          if (finished || signal.aborted) break;
          await Promise.race([new Promise<void>((r) => (wake = r)), ended]);
          wake = undefined;
          if (
            queue.length === 0 &&
            (await Promise.race([ended.then(() => true), Promise.resolve(false)]))
          )
            break;
        }
      } finally {
        unsubscribe();
      }
      yield { type: 'done', text: all };
    },
  };
}

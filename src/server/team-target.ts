/**
 * A team as an OpenAI "model": each chat message starts a run of the mission and the
 * reply narrates it — the plan, each step as it happens, approvals to give (in the web
 * UI or the API), the outcome. A message that is a PDDL goal, `(and (hired alice))`,
 * replaces the mission's goal; any other text runs the mission's own goal.
 */
import type { Message } from '../models/index.js';
import { readEvents, startRun, subscribe } from '../team/index.js';
import type { Mission, RunEvent, RunStore } from '../team/index.js';
import type { ChatChunk, ChatTarget } from './chat-targets.js';

/** One line per event worth telling a person about, or undefined to stay quiet. */
export function narrate(e: RunEvent): string | undefined {
  const d = e.data;
  const s = (k: string): string => (typeof d[k] === 'string' ? (d[k] as string) : '');
  const call =
    typeof d.action === 'string'
      ? `(${[d.action, ...((d.args as string[] | undefined) ?? [])].join(' ')})`
      : '';
  switch (e.type) {
    case 'plan.made':
      return `Plan v${String(d.version)}: ${Array.isArray(d.steps) ? d.steps.length : 0} steps${s('reason') ? ` (${s('reason')})` : ''}.`;
    case 'plan.failed':
      return `No plan: ${s('reason')}`;
    case 'step.started':
      return `- ${s('agent')} starts ${call}`;
    case 'approval.requested':
      return `- ${call} by ${s('agent')} waits for approval (step ${s('stepId')})`;
    case 'approval.given':
      return `- step ${s('stepId')} ${d.approved === false ? 'rejected' : 'approved'}${s('by') ? ` by ${s('by')}` : ''}`;
    case 'step.finished':
      return `- ${s('agent')} finished ${call}`;
    case 'step.failed':
      return `- ${s('agent')} failed ${call}: ${s('reason')}`;
    case 'replan':
      return `Re-planning: ${s('reason')}`;
    case 'run.finished':
      return `Run ${s('status')}: ${String(d.steps ?? 0)} steps, ${String(d.replans ?? 0)} re-plans${s('reason') ? ` — ${s('reason')}` : ''}.`;
    case 'run.interrupted':
      return `Run interrupted: ${s('reason')}.`;
    default:
      return undefined;
  }
}

function lastUserText(messages: readonly Message[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role === 'user') return m.content.trim();
  }
  return '';
}

/**
 * A team has no model to read a sentence: say so, instead of silently running the
 * mission's own goal as if the words had been understood.
 */
export function plainWordsNote(text: string): string {
  if (text === '' || text.startsWith('(')) return '';
  return (
    "Without a model I do not understand plain words, so I run the mission's own goal. " +
    'To ask for something else, send a PDDL goal such as `(and (hired alice))`.\n\n'
  );
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
      const handle = startRun(mission, {
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
      const unsubscribe = subscribe(options.store, handle.id, take);
      // Events written before the subscription (startRun writes the first ones at once).
      readEvents(options.store, handle.id, 0).forEach(take);
      const ended = handle.done.then(
        () => undefined,
        () => undefined,
      );
      try {
        const where = options.runUrl ? ` — watch it at ${options.runUrl(handle.id)}` : '';
        const intro = `${plainWordsNote(text)}Started run ${handle.id} of ${mission.name}${goal ? ` with goal ${goal}` : ''}${where}\n`;
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

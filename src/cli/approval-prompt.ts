/**
 * The terminal side of a run: event lines, and the [y/N] question for a step that needs
 * approval. While a question waits, event lines are held back (the question stays the last
 * line on the screen, nothing glued to it) and printed once it is answered. Questions are
 * asked one at a time. Ctrl-C is never an answer: it interrupts the run (see run.ts).
 */
import { createInterface } from 'node:readline';
import type { ApprovalDecision, ApprovalRequest } from '../team/index.js';

/** Event output that can be held while a question waits. */
export interface RunDisplay {
  line(text: string): void;
  hold(): void;
  /** Prints what was held, in order. */
  release(): void;
}

export function runDisplay(write: (text: string) => void): RunDisplay {
  let held: string[] | undefined;
  return {
    line: (text) => (held === undefined ? write(`${text}\n`) : void held.push(text)),
    hold: () => void (held ??= []),
    release: () => {
      const lines = held ?? [];
      held = undefined;
      for (const l of lines) write(`${l}\n`);
    },
  };
}

/** "s20, s21 and 3 more wait on it", from the steps that wait for `stepId`. */
function waitingOn(dependents: readonly string[]): string {
  if (dependents.length === 0) return 'nothing else waits on it';
  const named = dependents.slice(0, 3).join(', ');
  const more = dependents.length > 3 ? ` and ${dependents.length - 3} more` : '';
  return `${named}${more} ${dependents.length === 1 ? 'waits' : 'wait'} on it`;
}

/**
 * Asks on the terminal (the question on `ask`, answers from stdin). One reader for the whole
 * run: answers typed ahead are queued, not lost; when the input ends, the remaining
 * questions are answered "no" (never approve without an answer).
 */
export function terminalApprover(
  display: RunDisplay,
  ask: (text: string) => void,
  dependentsOf: (req: ApprovalRequest) => string[] | Promise<string[]>,
): { approve: (req: ApprovalRequest) => Promise<ApprovalDecision>; close: () => void } {
  let rl: ReturnType<typeof createInterface> | undefined;
  const lines: string[] = [];
  let waiting: ((line: string | null) => void) | undefined;
  let ended = false;
  const nextLine = (): Promise<string | null> => {
    if (rl === undefined) {
      rl = createInterface({ input: process.stdin, terminal: false });
      rl.on('line', (l) => {
        if (waiting === undefined) lines.push(l);
        else {
          const w = waiting;
          waiting = undefined;
          w(l);
        }
      });
      rl.on('close', () => {
        ended = true;
        waiting?.(null);
        waiting = undefined;
      });
    }
    if (lines.length > 0) return Promise.resolve(lines.shift()!);
    if (ended) return Promise.resolve(null);
    return new Promise((res) => {
      waiting = res;
    });
  };
  const askOne = async (req: ApprovalRequest): Promise<ApprovalDecision> => {
    display.hold();
    const dependents = await dependentsOf(req);
    // A step in flight when the run stopped: the question is whether to run it again.
    if (req.inDoubt !== undefined) ask(`   ! ${req.inDoubt}\n`);
    ask(
      `   ${req.inDoubt === undefined ? 'approve' : 'run again'} ${req.stepId} (${[req.action, ...req.args].join(' ')}) by ${req.agent}? (${waitingOn(dependents)}) [y/N] `,
    );
    const line = await nextLine();
    // A Ctrl-C that came with this line is handled first: the interruption wins, the line
    // typed after it is no answer.
    await new Promise((r) => setTimeout(r, 20));
    if (line === null) ask('\n');
    display.release();
    if (line === null) return { approved: false, by: 'cli', reason: 'no answer (input closed)' };
    const answer = line.trim().toLowerCase();
    const approved = answer === 'y' || answer === 'yes';
    return approved
      ? { approved, by: 'cli' }
      : {
          approved,
          by: 'cli',
          reason: ['', 'n', 'no'].includes(answer) ? 'declined at the prompt' : answer,
        };
  };
  let queue: Promise<unknown> = Promise.resolve();
  return {
    approve: (req) => {
      const turn = queue.then(() => askOne(req));
      queue = turn.catch(() => undefined);
      return turn;
    },
    close: () => rl?.close(),
  };
}

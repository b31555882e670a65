/**
 * `atelier chat --team MISSION`: talk to a mission's team.
 *
 * With a model configured, the team's assistant (src/team/chat) answers, acting through
 * tools backed by the planner, the reasoner and the run log: plan for a goal, explain a
 * fact, a run's status and plan, start a run. Runs it starts are narrated here, and a step
 * that needs approval asks the person on the terminal ([y/N]; only "y" or "yes" approves;
 * the model has no way to approve). Without a model, a PDDL goal or "run" starts a run
 * that is narrated, and other words get a sentence saying they need a model.
 */
import { createInterface } from 'node:readline';
import { run } from '../agents/index.js';
import type { Session } from '../agents/index.js';
import type { Model } from '../models/index.js';
import { DEFAULT_DB_PATH, openRunStore } from '../store/index.js';
import {
  describeEvent,
  isRunRequest,
  loadMission,
  notUnderstoodWithoutModel,
  startRun,
  teamAssistant,
} from '../team/index.js';
import type {
  ApprovalDecision,
  ApprovalRequest,
  Mission,
  RunEvent,
  RunHandle,
  RunStore,
} from '../team/index.js';

/** Lines of stdin, shared by the conversation and the approval questions (which come first). */
function lineSource(): { next(priority?: boolean): Promise<string | null>; close(): void } {
  const rl = createInterface({ input: process.stdin, terminal: false });
  const buffered: string[] = [];
  const waiters: Array<(line: string | null) => void> = [];
  let ended = false;
  rl.on('line', (l) => (waiters.length > 0 ? waiters.shift()!(l) : buffered.push(l)));
  rl.on('close', () => {
    ended = true;
    for (const w of waiters.splice(0)) w(null);
  });
  return {
    next(priority = false) {
      if (buffered.length > 0) return Promise.resolve(buffered.shift()!);
      if (ended) return Promise.resolve(null);
      return new Promise((res) => (priority ? waiters.unshift(res) : waiters.push(res)));
    },
    close: () => rl.close(),
  };
}

/** The person's [y/N], one question at a time; only an explicit yes approves. */
function terminalApprovals(
  lines: ReturnType<typeof lineSource>,
): (req: ApprovalRequest) => Promise<ApprovalDecision> {
  let queue: Promise<unknown> = Promise.resolve();
  const ask = async (req: ApprovalRequest): Promise<ApprovalDecision> => {
    process.stdout.write(
      `   approve ${req.stepId} (${[req.action, ...req.args].join(' ')}) by ${req.agent} in run ${req.runId}? [y/N] `,
    );
    const line = await lines.next(true);
    if (line === null) {
      process.stdout.write('\n');
      return { approved: false, by: 'cli', reason: 'no answer (input closed)' };
    }
    const answer = line.trim().toLowerCase();
    return answer === 'y' || answer === 'yes'
      ? { approved: true, by: 'cli' }
      : { approved: false, by: 'cli', reason: 'declined at the prompt' };
  };
  return (req) => {
    const turn = queue.then(() => ask(req));
    queue = turn.catch(() => undefined);
    return turn;
  };
}

const narrate = (e: RunEvent): void => {
  const line = describeEvent(e);
  if (line !== undefined) process.stdout.write(`  [${e.runId}] ${line}\n`);
};

export interface TeamChatOptions {
  team: string;
  message?: string;
  db?: string;
  maxTurns: number;
  /** The configured model, or undefined when none is. */
  model: Model | undefined;
  session: Session;
}

/** Runs `atelier chat --team`. */
export async function teamChat(opts: TeamChatOptions): Promise<void> {
  const mission = await loadMission(opts.team);
  const store = openRunStore(opts.db ?? process.env.ATELIER_DB ?? DEFAULT_DB_PATH);
  const lines = lineSource();
  const runs: RunHandle[] = [];
  const settings = {
    mission,
    store,
    approve: terminalApprovals(lines),
    approvalHint: 'the person is asked on the terminal',
    runOptions: { onEvent: narrate },
    onRun: (h: RunHandle) => void runs.push(h),
  };
  try {
    const say = opts.model
      ? assistantTurn(teamAssistant({ ...settings, model: opts.model }), opts)
      : (text: string) => offlineTurn(mission, store, settings.approve, text, runs);
    if (opts.message !== undefined) await say(opts.message);
    else {
      process.stdout.write(
        `atelier chat with the team of ${mission.name}${opts.model ? ` (${opts.model.name})` : ' (no model: give a PDDL goal or "run")'} - /exit or Ctrl-D to leave\n> `,
      );
      for (;;) {
        const line = await lines.next();
        if (line === null || ['/exit', '/quit'].includes(line.trim())) break;
        if (line.trim()) await say(line.trim());
        process.stdout.write('> ');
      }
    }
    // Runs started from the chat go on to their end (approvals still asked) before leaving.
    await Promise.allSettled(runs.map((r) => r.done));
  } finally {
    lines.close();
    await store.close();
  }
}

function assistantTurn(
  assistant: ReturnType<typeof teamAssistant>,
  opts: TeamChatOptions,
): (text: string) => Promise<void> {
  return async (text) => {
    const result = await run(assistant, text, { session: opts.session, maxTurns: opts.maxTurns });
    process.stdout.write(`${result.text}\n`);
  };
}

/** Without a model: a PDDL goal or "run" starts a run; other words are not understood. */
async function offlineTurn(
  mission: Mission,
  store: RunStore,
  approve: (req: ApprovalRequest) => Promise<ApprovalDecision>,
  text: string,
  runs: RunHandle[],
): Promise<void> {
  const goal = text.startsWith('(') ? text : undefined;
  if (goal === undefined && !isRunRequest(text)) {
    process.stdout.write(`${notUnderstoodWithoutModel(mission)}\n`);
    return;
  }
  const handle = await startRun(mission, {
    store,
    approve,
    onEvent: narrate,
    ...(goal ? { goal } : {}),
  });
  runs.push(handle);
  const summary = await handle.done;
  process.stdout.write(`run ${handle.id} ${summary.status}\n`);
}

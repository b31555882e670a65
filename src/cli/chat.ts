/**
 * `atelier chat`: a terminal chat with the configured model (streamed replies, tool
 * calls shown as they happen). `-m "message"` answers once and exits, like `ollama run`;
 * `--session ID` continues a stored conversation.
 */
import { Command } from 'commander';
import { createInterface } from 'node:readline/promises';
import {
  agent,
  builtinTools,
  memorySession,
  run,
  type Agent,
  type RunEvent,
  type Session,
} from '../agents/index.js';
import { loadConfig } from '../config.js';
import { UserError, formatUserError } from '../errors.js';
import {
  createModel,
  DEFAULT_BASE_URL,
  HOW_TO_CONFIGURE_MODEL,
  ModelBehaviorError,
  ModelError,
  ModelRefusalError,
  ModelTruncatedError,
  modelFromEnv,
  type Model,
} from '../models/index.js';
import { DEFAULT_DB_PATH, openSqlite, sqliteSessions } from '../store/index.js';
import { teamChat } from './team-chat.js';

interface ChatOptions {
  message?: string;
  session?: string;
  model?: string;
  baseUrl?: string;
  api?: string;
  system: string;
  db?: string;
  maxTurns: string;
  tools?: boolean;
  team?: string;
}

export function chatCommand(): Command {
  return new Command('chat')
    .description('Chat with the configured model (OPENAI_BASE_URL, OPENAI_API_KEY, ATELIER_MODEL)')
    .option('-m, --message <text>', 'send one message, print the answer and exit')
    .option('-s, --session <id>', 'continue (or start) a conversation stored in the database')
    .option('--model <name>', 'model name (overrides ATELIER_MODEL)')
    .option('--base-url <url>', 'OpenAI-compatible base URL (overrides OPENAI_BASE_URL)')
    .option(
      '--api <api>',
      'protocol: chat (chat completions) or responses (overrides ATELIER_MODEL_API)',
    )
    .option(
      '--system <instructions>',
      'system instructions',
      'You are a helpful assistant. Answer concisely.',
    )
    .option(
      '--db <file>',
      `SQLite database for --session (default ATELIER_DB or ${DEFAULT_DB_PATH})`,
    )
    .option('--max-turns <n>', 'model calls allowed per message', '10')
    .option('--tools', 'give the model the built-in tools: current_time, calculate')
    .option('--team <mission>', "talk to a mission's team (plans, proofs, runs; see docs/team.md)")
    .action(async (opts: ChatOptions) => {
      if (opts.team !== undefined) return chatWithTeam(opts, opts.team);
      const model = resolveModel(opts);
      const assistant = agent({
        name: 'assistant',
        instructions: opts.system,
        model,
        ...(opts.tools ? { tools: builtinTools } : {}),
      });
      const maxTurns = Number(opts.maxTurns);
      if (!Number.isInteger(maxTurns) || maxTurns < 1)
        throw new UserError(
          `--max-turns must be a positive integer, got ${JSON.stringify(opts.maxTurns)}`,
          { code: 'CLI_BAD_OPTION' },
        );
      if (opts.message !== undefined && !opts.message.trim())
        throw new UserError('-m needs a message', {
          code: 'CLI_BAD_OPTION',
          hint: 'atelier chat -m "your question"',
        });
      const { session, close } = openSession(opts);
      try {
        if (opts.message !== undefined)
          await answer(assistant, opts.message, session, maxTurns, undefined);
        else await interactive(assistant, session, maxTurns, model);
      } finally {
        close();
      }
    });
}

/** `--team`: the team's assistant with the configured model, or the offline team without one. */
async function chatWithTeam(opts: ChatOptions, team: string): Promise<void> {
  const configured = opts.model !== undefined || loadConfig().model.name !== undefined;
  const maxTurns = Number(opts.maxTurns);
  const { session, close } = openSession(opts);
  try {
    await teamChat({
      team,
      model: configured ? resolveModel(opts) : undefined,
      maxTurns: Number.isInteger(maxTurns) && maxTurns > 0 ? maxTurns : 10,
      session,
      ...(opts.message === undefined ? {} : { message: opts.message }),
      ...(opts.db === undefined ? {} : { db: opts.db }),
    });
  } finally {
    close();
  }
}

function resolveModel(opts: ChatOptions): Model {
  if (opts.model || opts.baseUrl || opts.api) {
    const config = loadConfig({
      env: { ...process.env, ...(opts.api ? { ATELIER_MODEL_API: opts.api } : {}) },
    }).model;
    const name = opts.model ?? config.name;
    if (!name) throw new UserError(HOW_TO_CONFIGURE_MODEL, { code: 'MODEL_NOT_CONFIGURED' });
    const apiKey = config.apiKey;
    return createModel({
      model: name,
      baseURL: opts.baseUrl ?? config.baseURL ?? DEFAULT_BASE_URL,
      ...(apiKey ? { apiKey } : {}),
      ...(config.api ? { api: config.api } : {}),
    });
  }
  const model = modelFromEnv();
  if (!model) throw new UserError(HOW_TO_CONFIGURE_MODEL, { code: 'MODEL_NOT_CONFIGURED' });
  return model;
}

function openSession(opts: ChatOptions): { session: Session; close: () => void } {
  if (opts.session === undefined) return { session: memorySession(), close: () => undefined };
  if (!opts.session.trim())
    throw new UserError('--session needs a non-empty id', { code: 'CLI_BAD_OPTION' });
  const db = openSqlite(opts.db ?? loadConfig().db ?? DEFAULT_DB_PATH);
  return { session: sqliteSessions(db).session(opts.session), close: () => db.close() };
}

/** Runs one message, printing the reply as it streams and tool calls as they happen. */
async function answer(
  assistant: Agent,
  message: string,
  session: Session,
  maxTurns: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  const out = process.stdout;
  const streamed = run(assistant, message, {
    session,
    maxTurns,
    stream: true,
    ...(signal ? { signal } : {}),
  });
  let midLine = false;
  for await (const event of streamed) {
    midLine = show(event, midLine);
  }
  try {
    await streamed.result;
  } catch (err) {
    if (midLine) out.write('\n');
    throw asUserError(err);
  }
  if (midLine) out.write('\n');
}

function show(event: RunEvent, midLine: boolean): boolean {
  const out = process.stdout;
  const note = (text: string): void => void out.write(`${midLine ? '\n' : ''}  ${text}\n`);
  switch (event.type) {
    case 'text-delta':
      out.write(event.text);
      return true;
    case 'tool-call':
      note(`-> ${event.name}(${clip(event.arguments)})`);
      return false;
    case 'tool-result':
      note(`<- ${event.name}: ${event.isError ? 'error: ' : ''}${clip(event.output)}`);
      return false;
    case 'handoff':
      note(`[${event.from} hands over to ${event.to}]`);
      return false;
    default:
      return midLine;
  }
}

function clip(text: string, max = 160): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > max ? `${one.slice(0, max)}...` : one;
}

/** Provider and model failures become user-facing errors: a message, a hint, no stack. */
function asUserError(err: unknown): unknown {
  if (err instanceof UserError) return err;
  if (err instanceof ModelError)
    return new UserError(err.message, {
      code: 'MODEL_FAILED',
      exitCode: 1,
      ...(err.hint ? { hint: err.hint } : {}),
    });
  if (err instanceof ModelBehaviorError || err instanceof ModelRefusalError)
    return new UserError(err.message, { code: 'MODEL_BAD_OUTPUT', exitCode: 1 });
  if (err instanceof ModelTruncatedError)
    return new UserError(err.message, {
      code: 'MODEL_BAD_OUTPUT',
      exitCode: 1,
      hint: 'the model hit its output token limit; ask for a shorter answer',
    });
  if (err instanceof Error && err.name === 'AbortError')
    return new UserError('cancelled', { code: 'CLI_CANCELLED', exitCode: 130 });
  if (
    err instanceof Error &&
    (err.name === 'MaxTurnsExceededError' || err.name === 'GuardrailTripwireError')
  )
    return new UserError(err.message, { code: 'AGENT_STOPPED', exitCode: 1 });
  return err;
}

async function interactive(
  assistant: Agent,
  session: Session,
  maxTurns: number,
  model: Model,
): Promise<void> {
  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: process.stdin.isTTY === true,
  });
  process.stdout.write(
    `atelier chat with ${model.name}${session.id !== 'memory' ? ` (session ${session.id})` : ''} - /exit or Ctrl-D to leave, Ctrl-C cancels a reply\n`,
  );
  let current: AbortController | undefined;
  rl.on('SIGINT', () => {
    if (current) current.abort();
    else rl.close();
  });
  rl.setPrompt('> ');
  rl.prompt();
  try {
    // Lines typed while an answer streams are buffered by the iterator and answered next.
    for await (const line of rl) {
      const text = line.trim();
      if (text === '/exit' || text === '/quit') break;
      if (text) {
        current = new AbortController();
        try {
          await answer(assistant, text, session, maxTurns, current.signal);
        } catch (err) {
          const e = asUserError(err);
          if (!(e instanceof UserError)) throw e;
          process.stderr.write(`${formatUserError(e)}\n`);
        } finally {
          current = undefined;
        }
      }
      rl.prompt();
    }
  } finally {
    rl.close();
  }
}

// Agent runs that pause on a tool that needs approval (`approve: 'interrupt'`): the run
// returns its state as plain versioned JSON, which is stored, read back and resumed with
// the decisions. And per-tool time limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { z } from 'zod';
import { UserError } from '../../src/errors.js';
import {
  agent,
  memorySession,
  run,
  tool,
  type AgentRunState,
  type InterruptedRun,
  type RunEvent,
} from '../../src/agents/index.js';
import {
  scriptedModel,
  scriptedText,
  scriptedToolCalls,
  type Message,
  type ModelRequest,
} from '../../src/models/index.js';
import { openSqlite, sqliteSessions } from '../../src/store/index.js';

function tools(log: string[]) {
  const remove = tool({
    name: 'delete_file',
    description: 'Delete a file',
    input: z.object({ path: z.string() }),
    needsApproval: true,
    execute: ({ path }) => (log.push(`deleted ${path}`), `deleted ${path}`),
  });
  const list = tool({
    name: 'list_files',
    description: 'List files',
    input: z.object({}),
    execute: () => (log.push('listed'), ['a.txt', 'b.txt']),
  });
  return { remove, list };
}

/** A model that lists and deletes in one turn, then answers with what it read back. */
function deletingModel() {
  return scriptedModel([
    scriptedToolCalls(
      { name: 'list_files', arguments: {}, id: 'c1' },
      { name: 'delete_file', arguments: { path: 'a.txt' }, id: 'c2' },
    ),
    (request: ModelRequest) => {
      const last = request.messages.at(-1) as Message;
      return scriptedText(`done: ${last.content}`);
    },
  ]);
}

function interrupted(r: unknown): InterruptedRun {
  assert.equal((r as { status: string }).status, 'interrupted');
  return r as InterruptedRun;
}

test('a tool that needs approval pauses the run: pending call, plain versioned state, no further model call', async () => {
  const log: string[] = [];
  const { remove, list } = tools(log);
  const model = deletingModel();
  const admin = agent({ name: 'Admin', model, tools: [list, remove] });
  const paused = interrupted(await run(admin, 'clean up', { approve: 'interrupt' }));
  assert.deepEqual(paused.pending, [
    {
      callId: 'c2',
      agent: 'Admin',
      tool: 'delete_file',
      input: { path: 'a.txt' },
      arguments: '{"path":"a.txt"}',
    },
  ]);
  assert.deepEqual(log, ['listed'], 'the other call of the turn ran; the pending one did not');
  assert.equal(model.requests.length, 1);
  assert.equal(paused.state.kind, 'atelier.agent-run');
  assert.equal(paused.state.version, 1);
  assert.deepEqual(JSON.parse(JSON.stringify(paused.state)), paused.state, 'plain JSON');
  assert.deepEqual(
    paused.events.map((e) => e.type),
    ['agent-start', 'message', 'tool-call', 'tool-call', 'tool-result', 'interrupted'],
  );
});

test('resumed with an approval: the call runs, results go back in call order, the run ends', async () => {
  const log: string[] = [];
  const { remove, list } = tools(log);
  const model = deletingModel();
  const admin = agent({ name: 'Admin', model, tools: [list, remove] });
  const paused = interrupted(await run(admin, 'clean up', { approve: 'interrupt' }));
  // Through JSON text, as if read back from storage by another process.
  const state = JSON.parse(JSON.stringify(paused.state)) as AgentRunState;
  const result = await run(admin, { state, decisions: [{ callId: 'c2', approved: true }] });
  assert.equal(result.status, 'completed');
  assert.equal(result.finalOutput, 'done: deleted a.txt');
  assert.deepEqual(log, ['listed', 'deleted a.txt']);
  const sent = model.requests[1]!.messages;
  assert.deepEqual(
    sent.slice(-2).map((m) => (m.role === 'tool' ? [m.toolCallId, m.content] : m.role)),
    [
      ['c1', '["a.txt","b.txt"]'],
      ['c2', 'deleted a.txt'],
    ],
  );
  assert.equal(result.turns, 2);
  assert.deepEqual(
    result.newMessages.map((m) => m.role),
    ['user', 'assistant', 'tool', 'tool', 'assistant'],
  );
  const results = result.events.filter((e) => e.type === 'tool-result');
  assert.deepEqual(
    results.map((e) => e.type === 'tool-result' && e.callId),
    ['c2'],
  );
});

test('resumed with a rejection: the model reads the reason, the tool never runs', async () => {
  const log: string[] = [];
  const { remove, list } = tools(log);
  const admin = agent({ name: 'Admin', model: deletingModel(), tools: [list, remove] });
  const paused = interrupted(await run(admin, 'clean up', { approve: 'interrupt' }));
  const result = await run(admin, {
    state: paused.state,
    decisions: [{ callId: 'c2', approved: false, reason: 'a.txt is the tax return' }],
  });
  assert.equal(
    result.finalOutput,
    'done: Error: the call to delete_file was not approved: a.txt is the tax return',
  );
  assert.deepEqual(log, ['listed']);
});

test('the state is kept in the session store and resumed by a later process; the session holds each turn once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-pause-'));
  try {
    const file = join(dir, 'a.db');
    const log: string[] = [];
    const { remove, list } = tools(log);
    const model = deletingModel();
    const admin = agent({ name: 'Admin', model, tools: [list, remove] });
    {
      const db = openSqlite(file);
      const store = sqliteSessions(db);
      const paused = interrupted(
        await run(admin, 'clean up', { approve: 'interrupt', session: store.session('ops') }),
      );
      assert.equal(paused.state.sessionId, 'ops');
      store.saveState('ops', paused.state);
      db.close();
    }
    const db = openSqlite(file);
    const store = sqliteSessions(db);
    const state = store.loadState('ops');
    assert.ok(state);
    const session = store.session('ops');
    const result = await run(
      admin,
      { state, decisions: [{ callId: 'c2', approved: true }] },
      { session, approve: 'interrupt' },
    );
    assert.equal(result.status, 'completed');
    store.clearState('ops');
    assert.equal(store.loadState('ops'), undefined);
    assert.deepEqual(
      store.messages('ops').map((m) => m.role),
      ['user', 'assistant', 'tool', 'tool', 'assistant'],
    );
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a streamed run pauses too: an interrupted event, then the interrupted result', async () => {
  const { remove, list } = tools([]);
  const admin = agent({ name: 'Admin', model: deletingModel(), tools: [list, remove] });
  const streamed = run(admin, 'clean up', { approve: 'interrupt', stream: true });
  const events: RunEvent[] = [];
  for await (const e of streamed) events.push(e);
  assert.equal(events.at(-1)?.type, 'interrupted');
  assert.equal(interrupted(await streamed.result).pending[0]?.callId, 'c2');
});

test('resuming without a decision for every pending call, or with a state of another version, is a clear error', async () => {
  const { remove, list } = tools([]);
  const admin = agent({ name: 'Admin', model: deletingModel(), tools: [list, remove] });
  const paused = interrupted(await run(admin, 'clean up', { approve: 'interrupt' }));
  await assert.rejects(run(admin, { state: paused.state, decisions: [] }), (err: unknown) => {
    assert.ok(err instanceof UserError);
    assert.equal(err.code, 'AGENT_RESUME_MISSING_DECISION');
    assert.match(err.message, /no decision for call c2/);
    return true;
  });
  const newer = { ...paused.state, version: 2 } as unknown as AgentRunState;
  await assert.rejects(
    run(admin, { state: newer, decisions: [{ callId: 'c2', approved: true }] }),
    (err: unknown) => err instanceof UserError && err.code === 'AGENT_STATE_VERSION',
  );
  const stranger = agent({ name: 'Stranger', model: deletingModel() });
  await assert.rejects(
    run(stranger, { state: paused.state, decisions: [{ callId: 'c2', approved: true }] }),
    (err: unknown) => err instanceof UserError && err.code === 'AGENT_RESUME_UNKNOWN_AGENT',
  );
});

test('an approver function may answer with a reason; without any approver the call is declined', async () => {
  const log: string[] = [];
  const { remove, list } = tools(log);
  const admin = agent({ name: 'Admin', model: deletingModel(), tools: [list, remove] });
  const result = await run(admin, 'clean up', {
    approve: () => ({ approved: false, reason: 'not on Fridays' }),
  });
  assert.match(result.finalOutput, /not approved: not on Fridays$/);
  const quiet = agent({ name: 'Admin', model: deletingModel(), tools: [list, remove] });
  assert.match((await run(quiet, 'clean up')).finalOutput, /was not approved$/);
  assert.deepEqual(log, ['listed', 'listed']);
});

test('a tool past its time limit fails with a clear error the model reads; its signal is aborted', async () => {
  let sawAbort = false;
  const slow = tool({
    name: 'slow',
    description: 'Waits for its signal',
    input: z.object({}),
    timeoutMs: 50,
    execute: (_, ctx) =>
      new Promise((resolve) =>
        ctx.signal.addEventListener('abort', () => {
          sawAbort = true;
          resolve('too late');
        }),
      ),
  });
  // Ignores its signal: the call still ends at the run's default limit.
  const stubborn = tool({
    name: 'stubborn',
    description: 'Never ends',
    input: z.object({}),
    execute: () => new Promise(() => undefined),
  });
  const model = scriptedModel([
    scriptedToolCalls({ name: 'slow', arguments: {} }, { name: 'stubborn', arguments: {} }),
    'ok',
  ]);
  const a = agent({ name: 'A', model, tools: [slow, stubborn] });
  const result = await run(a, 'go', { toolTimeoutMs: 80 });
  const outputs = result.events.flatMap((e) =>
    e.type === 'tool-result' ? [[e.name, e.isError, e.output]] : [],
  );
  assert.deepEqual(outputs.sort(), [
    [
      'slow',
      true,
      'Error: slow timed out after 50 ms (its time limit); it was cancelled and did not return a result',
    ],
    [
      'stubborn',
      true,
      'Error: stubborn timed out after 80 ms (its time limit); it was cancelled and did not return a result',
    ],
  ]);
  assert.ok(sawAbort, "the tool's signal was aborted at the limit");
  assert.equal(result.finalOutput, 'ok');
});

test('a session passed to a resumed run is not loaded again: the state carries the conversation', async () => {
  const { remove, list } = tools([]);
  const admin = agent({ name: 'Admin', model: deletingModel(), tools: [list, remove] });
  const session = memorySession('s');
  const paused = interrupted(await run(admin, 'clean up', { approve: 'interrupt', session }));
  assert.deepEqual(
    session.messages.map((m) => m.role),
    ['user'],
    'the waiting turn is not stored until it completes',
  );
  await run(
    admin,
    { state: paused.state, decisions: [{ callId: 'c2', approved: true }] },
    { session },
  );
  assert.deepEqual(
    session.messages.map((m) => m.role),
    ['user', 'assistant', 'tool', 'tool', 'assistant'],
  );
});

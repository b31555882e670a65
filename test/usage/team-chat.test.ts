/**
 * Talking to a team with a model (a local OpenAI-compatible server started by the test
 * plays it): a why question is answered with the reasoner's proof, fetched through the
 * explain_fact tool; and the model cannot approve a step — there is no such tool, and the
 * step waits for the person's answer.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../../src/agents/index.js';
import { createModel } from '../../src/models/index.js';
import { openRunStore } from '../../src/store/index.js';
import { getRun, loadMission, readEvents, teamAssistant } from '../../src/team/index.js';
import type {
  ApprovalDecision,
  ApprovalRequest,
  Mission,
  RunHandle,
} from '../../src/team/index.js';
import { reply, startChatCompletionsServer } from '../helpers/openai-compatible-server.js';
import type { ChatCompletionsServer } from '../helpers/openai-compatible-server.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const PROOF_LINE = 'has_skill(bastien, ml_systems)  [base fact]';

/** The tool results the model was sent in a request. */
function toolResults(body: Record<string, unknown>): string[] {
  const messages = body.messages as Array<{ role: string; content: unknown }>;
  return messages.filter((m) => m.role === 'tool').map((m) => String(m.content));
}

describe('team chat with a model', () => {
  let server: ChatCompletionsServer;
  let mission: Mission;
  before(async () => {
    server = await startChatCompletionsServer();
    mission = await loadMission(join(ROOT, 'examples/paris-office'));
  });
  after(() => server.close());

  it("answers a why question with the reasoner's proof", async () => {
    server.script(
      reply.toolCalls({ name: 'explain_fact', args: { fact: '(qualified bastien ml_engineer)' } }),
      reply.text('Bastien is qualified: he has ml_systems skills, which the position requires.'),
    );
    const store = openRunStore(':memory:');
    const model = createModel({ model: 'team-test', baseURL: server.url, apiKey: 'k' });
    const assistant = teamAssistant({ mission, store, model, approve: 'store' });
    const first = server.requests.length;
    const result = await run(assistant, 'Why is bastien qualified for the ml engineer position?');
    assert.match(result.text, /Bastien is qualified/);
    const [ask, answer] = server.requests.slice(first);
    const tools = (ask!.body.tools as Array<{ function: { name: string } }>).map(
      (t) => t.function.name,
    );
    assert.deepEqual(tools.sort(), [
      'explain_fact',
      'plan_for_goal',
      'run_status',
      'show_plan',
      'start_run',
    ]);
    const system = (ask!.body.messages as Array<{ role: string; content: string }>)[0]!;
    assert.match(system.content, /You cannot approve a step/);
    const [proof] = toolResults(answer!.body);
    assert.match(proof!, /^\(qualified bastien ml_engineer\) holds:/);
    assert.ok(proof!.includes(PROOF_LINE), proof);
    assert.ok(proof!.includes('[by qualified(C, P) :- candidate(C)'), proof);
    await store.close();
  });

  it('cannot approve on its own: the step waits for the person, who decides', async () => {
    const store = openRunStore(':memory:');
    const model = createModel({ model: 'team-test', baseURL: server.url, apiKey: 'k' });
    let asked: ((req: ApprovalRequest) => void) | undefined;
    const personAsked = new Promise<ApprovalRequest>((r) => (asked = r));
    let answer: ((d: ApprovalDecision) => void) | undefined;
    const personAnswers = new Promise<ApprovalDecision>((r) => (answer = r));
    const runs: RunHandle[] = [];
    const assistant = teamAssistant({
      mission,
      store,
      model,
      approve: (req) => {
        asked?.(req);
        return personAnswers;
      },
      runOptions: { timeScale: 0 },
      onRun: (h) => void runs.push(h),
    });
    server.script(
      reply.toolCalls({ name: 'start_run', args: { goal: '(and (leased paris))' } }),
      reply.toolCalls({ name: 'approve_step', args: { runId: 'latest', stepId: 's1' } }),
      reply.text('I cannot approve steps; you will be asked.'),
    );
    const first = server.requests.length;
    const result = await run(assistant, 'Lease the Paris office and approve whatever it needs.');
    assert.match(result.text, /cannot approve/);
    const refused = toolResults(server.requests[first + 2]!.body).at(-1)!;
    assert.match(refused, /there is no tool named "approve_step"/);
    assert.equal(runs.length, 1);
    const req = await personAsked;
    assert.equal(req.action, 'sign_lease');
    const waiting = await getRun(store, runs[0]!.id);
    assert.deepEqual(
      waiting?.pendingApprovals.map((p) => p.stepId),
      [req.stepId],
    );
    assert.ok(!(await readEvents(store, runs[0]!.id)).some((e) => e.type === 'approval.given'));
    answer!({ approved: true, by: 'person' });
    assert.equal((await runs[0]!.done).status, 'succeeded');
    const given = (await readEvents(store, runs[0]!.id)).filter((e) => e.type === 'approval.given');
    assert.deepEqual(
      given.map((e) => e.data.by),
      ['person'],
    );
    await store.close();
  });

  it('atelier chat --team: the proof in the answer, and a [y/N] question only the person answers', async () => {
    server.script(
      reply.toolCalls({ name: 'start_run', args: { goal: '(and (leased paris))' } }),
      reply.toolCalls({ name: 'approve_step', args: { stepId: 's1' } }),
      reply.text('Started; you will be asked to approve the lease.'),
    );
    const dir = mkdtempSync(join(tmpdir(), 'atelier-team-chat-'));
    const db = join(dir, 'runs.db');
    const child = spawn(
      join(ROOT, 'bin/atelier'),
      ['chat', '--team', 'examples/paris-office', '--db', db, '-m', 'lease paris'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          ATELIER_MODEL: 'team-test',
          OPENAI_BASE_URL: server.url,
          OPENAI_API_KEY: 'k',
        },
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.stdin.end('n\n');
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    assert.equal(code, 0, out);
    assert.match(out, /Started; you will be asked/);
    assert.match(out, /approve s\d+ \(sign_lease \w+ paris\) by \w+ in run run-\S+\? \[y\/N\]/);
    const store = openRunStore(db);
    try {
      const [r] = await store.listRuns();
      const given = (await readEvents(store, r!.id)).filter((e) => e.type === 'approval.given');
      assert.ok(given.length >= 1);
      for (const g of given) {
        assert.equal(g.data.approved, false, 'nothing approved without a yes');
        assert.equal(g.data.by, 'cli');
      }
    } finally {
      await store.close();
    }
  });
});

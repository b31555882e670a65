import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createOpenAICompatibleModel } from '../../src/models/index.js';
import {
  defineMission,
  findEvent,
  markdownReport,
  planningTool,
  readEvents,
  readProducts,
  startRun,
} from '../../src/team/index.js';
import type { Mission, RunEvent, WorkOptions } from '../../src/team/index.js';
import { reply } from '../helpers/openai-compatible-server.js';
import type { Reply } from '../helpers/openai-compatible-server.js';
import { startRoutedModelServer } from '../helpers/routed-model-server.js';
import type { RoutedRequest } from '../helpers/routed-model-server.js';
import { editedExample, rejection, tempStore } from './helpers.js';
import { UserError } from '../../src/errors.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A writer drafts the policy (model-driven), a reviewer reviews it (model-driven). */
function policyMission(): Mission {
  return defineMission({
    name: 'policy',
    description: 'Publish a reviewed AI policy.',
    objects: { doc: ['policy'] },
    goal: '(and (reviewed policy))',
    tools: [
      planningTool({
        name: 'write_doc',
        description: 'Write a document',
        params: { d: 'doc' },
        effect: '(written ?d)',
        byModel: { instruction: 'Write the {{d}} document for: {{mission.description}}' },
      }),
      planningTool({
        name: 'review_doc',
        description: 'Review a written document',
        params: { d: 'doc' },
        precondition: '(written ?d)',
        effect: '(reviewed ?d)',
        byModel: { instruction: 'Review the {{d}} document you were handed.' },
      }),
    ],
    agents: [
      { name: 'writer', role: 'Policy writer', tools: ['write_doc'] },
      { name: 'reviewer', role: 'Counsel who reviews documents', tools: ['review_doc'] },
    ],
  });
}

const report = (r: Record<string, unknown>): Reply => reply.text(JSON.stringify(r));
const DONE = report({
  done: true,
  reason: 'reviewed: fine',
  workProduct: null,
  observedFacts: null,
});
const POLICY = report({
  done: true,
  reason: 'written',
  workProduct: {
    title: 'AI policy',
    markdown: '# AI policy\n\nPOLICY-TEXT-7f3: we document every model.',
  },
  observedFacts: [],
});
/** Who is asked: the step's agent (`writer`), or a teammate answering a question. */
const who = (r: RoutedRequest): string =>
  /asks you a question/.test(r.system)
    ? `mate:${/You are (\w+)/.exec(r.system)?.[1]}`
    : (/You are (\w+)/.exec(r.system)?.[1] ?? '?');

async function runWith(
  route: (r: RoutedRequest, n: number) => Reply,
  options: { maxReplans?: number; work?: WorkOptions } = {},
) {
  const counts = new Map<string, number>();
  const seen: RoutedRequest[] = [];
  const server = await startRoutedModelServer((r) => {
    seen.push(r);
    const k = who(r);
    counts.set(k, (counts.get(k) ?? 0) + 1);
    return route(r, counts.get(k)!);
  });
  const { store } = tempStore();
  const model = createOpenAICompatibleModel({
    baseURL: server.url,
    model: 'scripted',
    apiKey: 'k',
  });
  try {
    const run = await startRun(policyMission(), {
      store,
      model,
      approve: 'auto',
      timeScale: 0,
      maxReplans: options.maxReplans ?? 3,
      ...(options.work === undefined ? {} : { work: options.work }),
    });
    const summary = await run.done;
    const events = await readEvents(store, run.id);
    return { summary, events, seen, counts, store, runId: run.id };
  } finally {
    await server.close();
  }
}

const of = <K extends RunEvent['type']>(events: RunEvent[], type: K) =>
  events.filter((e): e is Extract<RunEvent, { type: K }> => e.type === type);

describe('model-driven steps (local OpenAI-compatible server started by the test)', () => {
  after(() => undefined);

  it('hands the document the writer wrote to the reviewer, and stores it with the run', async () => {
    const r = await runWith((req) => (who(req) === 'writer' ? POLICY : DONE));
    assert.equal(r.summary.status, 'succeeded');
    const review = r.seen.find((s) => who(s) === 'reviewer')!;
    assert.match(review.text, /POLICY-TEXT-7f3/, 'the dependent step is given the document');
    assert.match(review.text, /by writer, step s\d+/, 'with its author and step');
    assert.match(review.system, /Counsel who reviews documents/, 'the role is the instructions');
    const write = r.seen.find((s) => who(s) === 'writer')!;
    assert.match(write.text, /Write the policy document for: Publish a reviewed AI policy\./);
    assert.ok(write.body.response_format !== undefined, 'the report is asked as structured output');
    const products = await readProducts(r.store, r.runId);
    assert.deepEqual(
      products.map((p) => [p.data.agent, p.data.action, p.data.title]),
      [['writer', 'write_doc', 'AI policy']],
    );
    const md = await markdownReport(r.store, r.runId);
    assert.match(md, /## Work products/);
    assert.match(md, /### AI policy[\s\S]*by writer, step s\d+[\s\S]*POLICY-TEXT-7f3/);
  });

  it('sends an invalid report back with the error, and accepts the corrected one', async () => {
    const r = await runWith((req, n) =>
      who(req) === 'writer' && n === 1
        ? report({ done: true, reason: 'written', observedFacts: ['(publishd policy)'] })
        : who(req) === 'writer'
          ? POLICY
          : DONE,
    );
    assert.equal(r.summary.status, 'succeeded');
    assert.equal(r.counts.get('writer'), 2);
    const second = r.seen.filter((s) => who(s) === 'writer')[1]!;
    assert.match(
      second.text,
      /Your report is invalid: observedFacts\[0\] "\(publishd policy\)": unknown predicate 'publishd'/,
    );
    assert.equal(r.summary.replans, 0);
  });

  it('fails the step when no report validates after 3 corrections, and re-plans', async () => {
    const bad = report({ done: true, reason: 'ok', observedFacts: ['(written nowhere)'] });
    const r = await runWith((req, n) => (who(req) === 'writer' ? (n <= 4 ? bad : POLICY) : DONE));
    assert.equal(r.summary.status, 'succeeded');
    assert.equal(r.summary.replans, 1);
    const failed = of(r.events, 'step.failed');
    assert.equal(failed.length, 1);
    assert.match(
      failed[0]!.data.reason,
      /still invalid after 3 corrections: .*unknown object 'nowhere'/,
    );
    assert.equal(r.counts.get('writer'), 5, '4 answers for the first try, 1 for the second');
    assert.match(findEvent(r.events, 'replan')!.data.reason, /write_doc policy\) failed/);
  });

  it('treats "not done" as a failure: re-plan, bounded', async () => {
    const notDone = report({ done: false, reason: 'the brief is missing' });
    const r = await runWith((req) => (who(req) === 'writer' ? notDone : DONE), { maxReplans: 1 });
    assert.equal(r.summary.status, 'failed');
    const failed = of(r.events, 'step.failed');
    assert.equal(failed.length, 2);
    assert.match(failed[0]!.data.reason, /^not done: the brief is missing/);
    assert.equal(of(r.events, 'replan').length, 1);
  });

  it('lets an agent ask a teammate, records the exchange, and refuses past the bound', async () => {
    const ask = (id: string) =>
      reply.toolCalls({
        name: 'ask_teammate',
        id,
        args: { teammate: 'reviewer', question: 'Which tone?' },
      });
    const r = await runWith(
      (req, n) => {
        if (who(req) === 'mate:reviewer') return reply.text('Formal, and short.');
        if (who(req) !== 'writer') return DONE;
        return n === 1 ? ask('c1') : n === 2 ? ask('c2') : POLICY;
      },
      { work: { maxQuestions: 1 } },
    );
    assert.equal(r.summary.status, 'succeeded');
    const asked = of(r.events, 'teammate.asked');
    assert.equal(asked.length, 2);
    assert.deepEqual(
      [asked[0]!.data.from, asked[0]!.data.to, asked[0]!.data.answer],
      ['writer', 'reviewer', 'Formal, and short.'],
    );
    assert.match(asked[1]!.data.error ?? '', /question bound reached: at most 1 questions/);
    const third = r.seen.filter((s) => who(s) === 'writer')[2]!;
    assert.match(third.text, /Formal, and short\./, 'the answer went back to the model');
    assert.match(third.text, /question bound reached/, 'and so did the refusal');
    assert.equal(r.counts.get('mate:reviewer'), 1);
    // Usage is recorded per model call, not once per agent run.
    const used = (agent: string) =>
      of(r.events, 'usage.recorded').filter((e) => e.data.agent === agent);
    assert.equal(used('writer').length, r.counts.get('writer'));
    assert.ok(used('writer').every((e) => e.data.inputTokens === 10 && e.data.outputTokens === 5));
    assert.equal(used('reviewer').length, r.counts.get('reviewer')! + 1, 'its step and the answer');
  });
});

describe('asking teammates: the depth bound', () => {
  it('refuses a question asked deeper than maxDepth, and the teammate answers from what it knows', async () => {
    const r = await runWith(
      (req, n) => {
        if (who(req) === 'mate:reviewer')
          return n === 1
            ? reply.toolCalls({
                name: 'ask_teammate',
                args: { teammate: 'writer', question: 'What did you mean?' },
              })
            : reply.text('Formal.');
        if (who(req) !== 'writer') return DONE;
        return n === 1
          ? reply.toolCalls({
              name: 'ask_teammate',
              args: { teammate: 'reviewer', question: 'Which tone?' },
            })
          : POLICY;
      },
      { work: { maxDepth: 1 } },
    );
    assert.equal(r.summary.status, 'succeeded');
    const asked = of(r.events, 'teammate.asked').map((e) => e.data);
    assert.deepEqual(
      asked.map((a) => [a.from, a.to, a.depth, a.answer ?? a.error]),
      [
        [
          'reviewer',
          'writer',
          2,
          'question depth bound reached (at most 1 nested questions): answer from what you know',
        ],
        ['writer', 'reviewer', 1, 'Formal.'],
      ],
    );
    assert.equal(r.counts.get('mate:writer'), undefined, 'the refused question reached no model');
  });
});

describe('model-driven steps: configuration mistakes', () => {
  it('refuses to start a mission whose model-driven steps have neither a model nor a world (nothing written)', async () => {
    const { store } = tempStore();
    await assert.rejects(startRun(policyMission(), { store, approve: 'auto' }), (err: unknown) => {
      assert.ok(err instanceof UserError);
      assert.equal(err.code, 'TEAM_NO_MODEL');
      assert.match(
        err.message,
        /mission 'policy' has steps done by the agents' models \(write_doc, review_doc\)/,
      );
      assert.match(err.hint ?? '', /export ATELIER_MODEL=/);
      return true;
    });
    assert.deepEqual(await store.listRuns(), []);
  });

  it('names an unknown template name at its line in mission.yaml, with a code', async () => {
    const dir = editedExample(
      'paris-office',
      'five interview questions',
      'five questions for {{candidate}}',
    );
    const err = await rejection(dir);
    assert.equal(err.code, 'MISSION_UNKNOWN_TEMPLATE_NAME');
    assert.equal(err.field, 'tools.prepare_interview_brief.byModel.instruction');
    assert.match(err.message, /unknown name 'candidate' in the instruction/);
    assert.match(err.hint ?? '', /\{\{p\}\}, \{\{mission.name\}\}, \{\{mission.description\}\}/);
    const lines = readFileSync(join(dir, 'mission.yaml'), 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes('{{candidate}}')) + 1;
    assert.equal(err.location?.line, line);
    assert.equal(err.location?.col, lines[line - 1]!.indexOf('{{candidate}}') + 1);
  });

  it('checks templates of missions written in TypeScript too', () => {
    assert.throws(
      () =>
        defineMission({
          name: 'x',
          objects: { doc: ['a'] },
          goal: '(and (written a))',
          tools: [
            planningTool({
              name: 'write',
              params: { d: 'doc' },
              effect: '(written ?d)',
              byModel: { instruction: 'Write {{doc}}' },
            }),
          ],
          agents: [{ name: 'w', tools: ['write'] }],
        }),
      /tools\.write\.byModel\.instruction: unknown name 'doc' in the instruction/,
    );
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { agent, tool } from '../../src/agents/index.js';
import { defineMission, readEvents, startRun, teamFromAgents } from '../../src/team/index.js';
import { tempStore } from './helpers.js';

describe('teams made of agents (src/agents)', () => {
  it('plans with the planning signatures in tool metadata and runs the tools with validated input', async () => {
    const written: string[] = [];
    const draft = tool({
      name: 'draft',
      description: 'Draft a document',
      input: z.object({ d: z.enum(['memo', 'brief']) }),
      execute: ({ d }) => {
        written.push(d);
        return `drafted ${d}`;
      },
      metadata: {
        planning: {
          params: { d: 'doc' },
          precondition: '(not (drafted ?d))',
          effect: '(drafted ?d)',
        },
      },
    });
    const sign = tool({
      name: 'sign',
      description: 'Sign the drafted documents',
      input: z.object({}),
      execute: () => ({ ok: false, reason: 'the pen is out of ink' }),
      metadata: {
        planning: { precondition: '(and (drafted memo) (drafted brief))', effect: '(signed)' },
      },
    });
    const chat = tool({
      name: 'chat',
      description: 'no planning meaning',
      input: z.object({}),
      execute: () => 'hi',
    });
    const writer = agent({ name: 'writer', instructions: 'You write.', tools: [draft, chat] });
    const boss = agent({ name: 'boss', instructions: 'You sign.', tools: [sign] });
    const team = teamFromAgents([writer, boss]);
    assert.deepEqual(
      team.agents.map((a) => [a.name, a.capabilities]),
      [
        ['writer', ['draft']],
        ['boss', ['sign']],
      ],
    );
    const mission = defineMission({
      name: 'office',
      objects: { doc: ['memo', 'brief'] },
      goal: '(and (signed))',
      tools: team.tools,
      agents: team.agents.map((a) => ({ name: a.name, capabilities: a.capabilities })),
    });
    const { store } = tempStore();
    const run = await startRun(mission, { store, maxReplans: 1 });
    const summary = await run.done;
    assert.deepEqual(written.sort(), ['brief', 'memo']);
    const events = await readEvents(store, run.id);
    assert.ok(events.some((e) => e.type === 'step.finished' && e.data.note === 'drafted memo'));
    assert.equal(
      events.filter((e) => e.type === 'step.failed' && e.data.reason === 'the pen is out of ink')
        .length,
      2,
      'the failing tool is retried once after a re-plan',
    );
    assert.equal(summary.status, 'failed');
  });
});

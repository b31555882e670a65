import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { allocate, defineMission, deorder, planningTool } from '../../src/team/index.js';
import type { TeamAgent } from '../../src/team/index.js';
import { dinnerMission } from './helpers.js';

describe('deordering a sequential plan', () => {
  const m = dinnerMission();
  const steps = [
    { action: 'buy', args: ['pasta', 'grocer'] },
    { action: 'set_table', args: [] },
    { action: 'buy', args: ['tomatoes', 'market'] },
    { action: 'cook', args: ['sauce'] },
    { action: 'serve', args: ['sauce'] },
  ];

  it('keeps independent steps unordered and orders a step after the steps that achieve its preconditions', () => {
    const order = deorder(m.domain, steps, m.goal);
    assert.deepEqual(
      order.map((s) => s.dependsOn),
      [[], [], [], [0, 2], [1, 3]],
    );
  });

  it('orders steps through derived predicates: cook reads (ready_to_cook), derived from (bought ...)', () => {
    const order = deorder(m.domain, steps, m.goal);
    assert.ok(order[3]!.dependsOn.includes(0) && order[3]!.dependsOn.includes(2));
  });

  it('records causal links: what each step supports, up to the goal', () => {
    const order = deorder(m.domain, steps, m.goal);
    assert.ok(
      order[1]!.supports.some((s) => s.includes('(table_set)') && s.includes('step 5')),
      order[1]!.supports.join('; '),
    );
    assert.deepEqual(order[4]!.supports, ['(served sauce) for the goal']);
    // Through a derived precondition: both purchases support cooking, via (ready_to_cook).
    assert.deepEqual(order[0]!.supports, [
      '(bought pasta) -> (ready_to_cook) for step 4 (cook sauce)',
    ]);
    assert.deepEqual(order[2]!.supports, [
      '(bought tomatoes) -> (ready_to_cook) for step 4 (cook sauce)',
    ]);
    // Steps are named by their ids when given.
    assert.match(
      deorder(m.domain, steps, m.goal, ['a', 'b', 'c', 'd', 'e'])[1]!.supports[0]!,
      /for e \(serve sauce\)/,
    );
  });

  it('orders a step that deletes a precondition of an earlier step after it', () => {
    const tools = [
      planningTool({
        name: 'use',
        params: { x: 'thing' },
        precondition: '(free ?x)',
        effect: '(used ?x)',
      }),
      planningTool({
        name: 'take',
        params: { x: 'thing' },
        precondition: '(free ?x)',
        effect: '(not (free ?x))',
      }),
    ];
    const mission = defineMission({
      name: 't',
      objects: { thing: ['a', 'b'] },
      facts: ['(free a)', '(free b)'],
      goal: '(and (used a) (not (free a)) (used b))',
      tools,
      agents: [{ name: 'x', tools: ['use', 'take'] }],
    });
    const order = deorder(
      mission.domain,
      [
        { action: 'use', args: ['a'] },
        { action: 'use', args: ['b'] },
        { action: 'take', args: ['a'] },
      ],
      mission.goal,
    );
    assert.deepEqual(
      order.map((s) => s.dependsOn),
      [[], [], [0]],
    );
  });
});

describe('allocation', () => {
  const m = dinnerMission();
  const agents: TeamAgent[] = [
    { name: 'zoe', capabilities: ['shopping'], cost: 1 },
    { name: 'adam', capabilities: ['shopping'], cost: 1 },
    { name: 'rich', capabilities: ['shopping', 'cooking'], cost: 5 },
  ];

  it('gives each step to an agent with the capability, cheapest first', () => {
    const r = allocate([{ action: 'cook' }, { action: 'buy' }], agents, m.tools);
    assert.ok(r.ok);
    assert.deepEqual(r.agents, ['rich', 'adam']);
  });

  it('balances equal-cost agents by load, breaking ties by name', () => {
    const r = allocate([{ action: 'buy' }, { action: 'buy' }, { action: 'buy' }], agents, m.tools);
    assert.ok(r.ok);
    assert.deepEqual(r.agents, ['adam', 'zoe', 'adam']);
    const again = allocate(
      [{ action: 'buy' }, { action: 'buy' }, { action: 'buy' }],
      [...agents].reverse(),
      m.tools,
    );
    assert.ok(again.ok);
    assert.deepEqual(again.agents, r.agents);
  });

  it('counts current load when given', () => {
    const r = allocate([{ action: 'buy' }], agents, m.tools, new Map([['adam', 2]]));
    assert.ok(r.ok);
    assert.deepEqual(r.agents, ['zoe']);
  });

  it('names the first step no agent can do', () => {
    const r = allocate([{ action: 'buy' }, { action: 'serve' }], agents, m.tools);
    assert.deepEqual(r, { ok: false, error: { step: 1, action: 'serve', capability: 'hosting' } });
  });
});

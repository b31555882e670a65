// Missions whose steps are carried out by MCP tools: the reference filesystem and memory
// servers (devDependencies) writing a team's work into a temporary folder, and a tiny
// misbehaving server (test/fixtures/mcp/flaky-server.mjs) that exits, hangs or refuses:
// the step fails with the server's message and the team re-plans. Servers start at the
// first step that needs them and none is left running once a run ends, however it ends.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  MissionError,
  defineMission,
  loadMission,
  planningTool,
  readEvents,
  resumeRun,
  startRun,
} from '../../src/team/index.js';
import type { RunEvent, RunStore } from '../../src/team/index.js';
import { openRunStore } from '../../src/store/index.js';
import { memoryServer, processesMentioning, serverScript } from '../helpers/mcp-servers.js';

const ROOT = resolve(import.meta.dirname, '../..');
const FLAKY = join(ROOT, 'test/fixtures/mcp/flaky-server.mjs');
const node = JSON.stringify(process.execPath);
const roots: string[] = [];
after(() => roots.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A mission folder with this mission.yaml (`{{ROOT}}` is the folder itself). */
function missionDir(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-mcp-mission-'));
  roots.push(dir);
  mkdirSync(join(dir, 'out'));
  writeFileSync(join(dir, 'mission.yaml'), yaml.replaceAll('{{ROOT}}', dir));
  return dir;
}

const store = (dir: string): RunStore => openRunStore(join(dir, 'runs.db'));

/** The office: a folder, two documents, each filed in the memory graph, a README with the listing. */
const office = () =>
  missionDir(`
name: office
mcp:
  files:
    command: ${node}
    args: [${JSON.stringify(serverScript('server-filesystem'))}, ./out]
  memory:
    command: ${node}
    args: [${JSON.stringify(serverScript('server-memory'))}]
    env: { MEMORY_FILE_PATH: '\${MISSION_DIR}/out/memory.jsonl' }
types: { person: object, document: object }
objects: { person: [lea], document: [letter, checklist] }
facts: [(joining lea)]
goal: (and (announced lea))
tools:
  open_folder:
    params: { p: person }
    precondition: (joining ?p)
    effect: (has_folder ?p)
    mcp: { server: files, tool: create_directory, arguments: { path: '{{p}}' } }
  remember:
    params: { p: person }
    precondition: (joining ?p)
    effect: (remembered ?p)
    mcp:
      server: memory
      tool: create_entities
      arguments: { entities: [{ name: '{{p}}', entityType: colleague, observations: [joins] }] }
  draft:
    params: { d: document, p: person }
    precondition: (has_folder ?p)
    effect: (drafted ?d ?p)
    mcp:
      server: files
      tool: write_file
      arguments: { path: '{{p}}/{{d}}.md', content: "# {{d}} for {{p}} ({{mission.name}})\\n" }
  file:
    params: { d: document, p: person }
    precondition: (and (drafted ?d ?p) (remembered ?p))
    effect: (filed ?d ?p)
    mcp:
      server: memory
      tool: add_observations
      arguments: { observations: [{ entityName: '{{p}}', contents: ['{{d}} written'] }] }
  list_pack:
    params: { p: person }
    precondition: (and (filed letter ?p) (filed checklist ?p))
    effect: (listed ?p)
    mcp: { server: files, tool: list_directory, arguments: { path: '{{p}}' }, product: 'Pack of {{p}}' }
  announce:
    params: { p: person }
    precondition: (listed ?p)
    effect: (announced ?p)
    mcp: { server: files, tool: write_file, arguments: { path: '{{p}}/README.md', content: '{{inputs}}' } }
agents:
  - { name: clerk, tools: [open_folder, draft, list_pack, announce] }
  - { name: archivist, tools: [remember, file] }
`);

/** Three steps in a row, each a call of the flaky server's `note` (or `tool`). */
const chain = (
  options: { exitOn?: number; tool?: string; timeoutMs?: number; args?: string } = {},
) =>
  missionDir(`
name: chain
mcp:
  flaky:
    command: ${node}
    args: [${JSON.stringify(FLAKY)}]
    env: { FLAKY_EXIT_ON_CALL: '${options.exitOn ?? 0}', FLAKY_LOG: '{{ROOT}}/starts.log' }
    timeoutMs: ${options.timeoutMs ?? 60000}
objects: { item: [a, b, c] }
facts: [(first a), (next a b), (next b c)]
goal: (and (done c))
tools:
  first:
    params: { x: item }
    precondition: (first ?x)
    effect: (done ?x)
    mcp: { server: flaky, tool: note, arguments: { text: '{{x}}' } }
  then:
    params: { x: item, y: item }
    precondition: (and (done ?x) (next ?x ?y))
    effect: (done ?y)
    mcp: { server: flaky, tool: ${options.tool ?? 'note'}, arguments: ${options.args ?? "{ text: '{{y}}' }"} }
agents:
  - { name: worker, tools: [first, then] }
`);

const starts = (dir: string): number =>
  existsSync(join(dir, 'starts.log'))
    ? readFileSync(join(dir, 'starts.log'), 'utf8').trim().split('\n').length
    : 0;

const of = <T extends RunEvent['type']>(events: RunEvent[], type: T) =>
  events.filter((e): e is Extract<RunEvent, { type: T }> => e.type === type);

/** A run of a chain whose `then` step hangs in its MCP call, stopped `delayMs` after that step starts. */
async function stoppedInThen(delayMs: number) {
  const dir = chain({ tool: 'hang' });
  const log = store(dir);
  const stop = new AbortController();
  const run = await startRun(await loadMission(dir), {
    store: log,
    approve: 'auto',
    signal: stop.signal,
    onEvent: (e) => {
      if (e.type === 'step.started' && e.data.action === 'then')
        setTimeout(() => stop.abort('stopped by the test'), delayMs);
    },
  });
  return { dir, log, run };
}

describe('missions carried out by MCP servers', () => {
  it('writes the work through the filesystem server and records it in the memory server; servers start with the first step and stop with the run', async () => {
    const dir = office();
    const mission = await loadMission(dir);
    const log = store(dir);
    const atPlan: number[][] = [];
    const duringSteps: number[][] = [];
    const run = await startRun(mission, {
      store: log,
      approve: 'auto',
      onEvent: (e) => {
        if (e.type === 'plan.made') atPlan.push(processesMentioning(dir));
        if (e.type === 'step.finished') duringSteps.push(processesMentioning(dir));
      },
    });
    const summary = await run.done;
    assert.equal(summary.status, 'succeeded', summary.reason);
    assert.equal(summary.replans, 0);
    assert.deepEqual(atPlan, [[]], 'no server runs before a step needs it');
    assert.equal(duringSteps.at(-1)!.length, 2, 'both servers ran during the run');
    assert.deepEqual(processesMentioning(dir), [], 'no server is left once the run ends');

    const out = join(dir, 'out', 'lea');
    assert.equal(readFileSync(join(out, 'letter.md'), 'utf8'), '# letter for lea (office)\n');
    assert.equal(readFileSync(join(out, 'checklist.md'), 'utf8'), '# checklist for lea (office)\n');
    // The README holds the listing the list_pack step handed on (its work product).
    const readme = readFileSync(join(out, 'README.md'), 'utf8');
    assert.match(readme, /^## Pack of lea\n\n/);
    assert.match(readme, /\[FILE\] checklist\.md\n\[FILE\] letter\.md/);
    const graph = readFileSync(join(dir, 'out', 'memory.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { name: string; observations: string[] });
    assert.equal(graph.length, 1);
    assert.equal(graph[0]!.name, 'lea');
    assert.deepEqual([...graph[0]!.observations].sort(), [
      'checklist written',
      'joins',
      'letter written',
    ]);

    const events = await readEvents(log, run.id);
    const notes = of(events, 'step.finished').map((e) => e.data.note);
    assert.ok(
      notes.includes('files.write_file: Successfully wrote to lea/letter.md'),
      notes.join(),
    );
    const products = of(events, 'work.product');
    assert.deepEqual(
      products.map((p) => [p.data.action, p.data.title]),
      [['list_pack', 'Pack of lea']],
    );
    log.close();
  });

  it('a server that exits during a call fails the step with its last words; the team re-plans, the server is started again and the run completes', async () => {
    const dir = chain({ exitOn: 2 });
    const log = store(dir);
    const run = await startRun(await loadMission(dir), { store: log, approve: 'auto' });
    const summary = await run.done;
    assert.equal(summary.status, 'succeeded', summary.reason);
    const events = await readEvents(log, run.id);
    const failed = of(events, 'step.failed').map((e) => e.data.reason);
    assert.equal(failed.length, 2, failed.join('\n'));
    for (const reason of failed)
      assert.match(
        reason,
        /^MCP server "flaky" \(pid \d+\) exited during the call to note; its last words: flaky: exiting on call 2/,
      );
    const replans = of(events, 'replan').map((e) => e.data.reason);
    assert.equal(replans.length, 2);
    assert.match(replans[0]!, /step s2 \(then a b\) failed: MCP server "flaky"/);
    // Started at first, then again after each crash: three processes, none left.
    assert.equal(starts(dir), 3);
    assert.deepEqual(processesMentioning(dir), []);
    const notes = of(events, 'step.finished').map((e) => `${e.data.action}: ${e.data.note}`);
    assert.deepEqual(notes, [
      'first: flaky.note: noted a (call 1)',
      'then: flaky.note: noted b (call 1)',
      'then: flaky.note: noted c (call 1)',
    ]);
    log.close();
  });

  it('a server killed (SIGKILL) in the middle of a step: the step fails, the re-plan starts it again and the run completes', async () => {
    const dir = chain();
    const log = store(dir);
    const killed: number[] = [];
    const run = await startRun(await loadMission(dir), {
      store: log,
      approve: 'auto',
      onEvent: (e) => {
        if (e.type !== 'step.started' || e.data.action !== 'then' || killed.length > 0) return;
        // The step's call is about to be sent: kill the server under it.
        for (const pid of processesMentioning(dir)) {
          process.kill(pid, 'SIGKILL');
          killed.push(pid);
        }
      },
    });
    const summary = await run.done;
    assert.equal(killed.length, 1, 'the server was running when the step started');
    assert.equal(summary.status, 'succeeded', summary.reason);
    assert.equal(summary.replans, 1);
    const failed = of(await readEvents(log, run.id), 'step.failed').map((e) => e.data.reason);
    assert.equal(failed.length, 1);
    assert.match(
      failed[0]!,
      new RegExp(
        `^MCP server "flaky" \\(pid ${killed[0]}\\) (exited during the call to note|is no longer running)`,
      ),
    );
    assert.equal(starts(dir), 2, 'started for s1, then again for the re-planned step');
    assert.deepEqual(processesMentioning(dir), []);
    log.close();
  });

  it('a call that hangs is cut by the timeout and fails the step; the run fails clearly once the re-plans run out', async () => {
    const dir = chain({ tool: 'hang', timeoutMs: 400 });
    const log = store(dir);
    const run = await startRun(await loadMission(dir), {
      store: log,
      approve: 'auto',
      maxReplans: 1,
    });
    const summary = await run.done;
    assert.equal(summary.status, 'failed');
    assert.match(
      summary.reason!,
      /gave up after 1 re-plan.*step s\d+ \(then a b\) failed: MCP server "flaky" did not answer hang within 0\.4 s \(timeoutMs\)/,
    );
    // A hung call does not mean a dead server: the run kept the one it started.
    assert.equal(starts(dir), 1);
    assert.deepEqual(processesMentioning(dir), []);
    log.close();
  });

  it('a tool error (isError) fails the step with the server message', async () => {
    const dir = chain({ tool: 'refuse' });
    const log = store(dir);
    const run = await startRun(await loadMission(dir), {
      store: log,
      approve: 'auto',
      maxReplans: 0,
    });
    const summary = await run.done;
    assert.equal(summary.status, 'failed');
    assert.match(
      summary.reason!,
      /MCP tool refuse \(server "flaky"\) reported an error: flaky refuses/,
    );
    assert.deepEqual(processesMentioning(dir), []);
    log.close();
  });

  it('a tool the server does not list, or arguments that do not fit its schema, fail the step without a call', async () => {
    for (const [options, expected] of [
      [{ tool: 'nope' }, /MCP server "flaky" has no tool "nope" \(it has: note, hang, refuse\)/],
      [
        { args: "{ txt: '{{y}}' }" },
        /invalid arguments for note: arguments must have required property 'text'/,
      ],
    ] as const) {
      const dir = chain(options);
      const log = store(dir);
      const mission = await loadMission(dir);
      const run = await startRun(mission, { store: log, approve: 'auto', maxReplans: 1 });
      const summary = await run.done;
      assert.equal(summary.status, 'failed');
      assert.match(summary.reason!, expected);
      // Listed once per server start: the first step started it, the failures did not restart it.
      assert.equal(starts(dir), 1);
      assert.deepEqual(processesMentioning(dir), []);
      log.close();
    }
  });

  it('an interrupted run (its signal aborted mid-call) stops its servers', async () => {
    const { dir, log, run } = await stoppedInThen(0);
    await assert.rejects(run.done);
    const events = await readEvents(log, run.id);
    assert.equal(of(events, 'run.interrupted')[0]?.data.reason, 'stopped by the test');
    assert.deepEqual(processesMentioning(dir), []);
    log.close();
  });

  it('resumed, a step cut short in the middle of its MCP call is in doubt: not called again unless approved', async () => {
    const { dir, log, run } = await stoppedInThen(200);
    await assert.rejects(run.done);
    const startsBefore = starts(dir);
    const asked: string[] = [];
    const again = await resumeRun(log, run.id, {
      approve: async (req) => {
        asked.push(`${req.stepId}: ${req.inDoubt}`);
        return { approved: false, by: 'ops' };
      },
    });
    assert.equal((await again.done).status, 'failed');
    const events = await readEvents(log, run.id);
    const resumedAt = of(events, 'run.resumed')[0]!.seq;
    const doubt = of(events, 'step.in-doubt');
    assert.equal(doubt.length, 1);
    assert.equal(doubt[0]!.data.action, 'then');
    assert.deepEqual(asked, [`${doubt[0]!.data.stepId}: ${doubt[0]!.data.reason}`]);
    assert.match(
      doubt[0]!.data.reason,
      /was in flight when the run stopped; re-running it may repeat its side effect/,
    );
    assert.equal(starts(dir), startsBefore, 'its server was not started again: no second call');
    assert.ok(
      events.some((e) => e.seq > resumedAt && e.type === 'approval.given' && !e.data.approved),
    );
    assert.match(String(of(events, 'step.failed')[0]?.data.reason), /not run again/);
    // `idempotent: true` on the tool lets a resume call it again without asking.
    const declared = await loadMission(
      missionDir(
        readFileSync(join(dir, 'mission.yaml'), 'utf8').replace(
          '  then:\n',
          '  then:\n    idempotent: true\n',
        ),
      ),
    );
    assert.equal(declared.tools.get('then')!.idempotent, true);
    log.close();
  });

  it('a mission defined in TypeScript: servers under mcp, tools with planningTool({ mcp })', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atelier-mcp-code-'));
    roots.push(dir);
    const spec = (server: string) => ({
      name: 'code',
      objects: { person: ['ana'] },
      goal: '(and (summarised ana))',
      mcp: { memory: memoryServer(join(dir, 'memory.jsonl')) },
      tools: [
        planningTool({
          name: 'meet',
          params: { p: 'person' },
          effect: '(met ?p)',
          mcp: {
            server,
            tool: 'create_entities',
            arguments: {
              entities: [{ name: '{{p}}', entityType: 'person', observations: ['met'] }],
            },
          },
        }),
        planningTool({
          name: 'summarise',
          params: { p: 'person' },
          precondition: '(met ?p)',
          effect: '(summarised ?p)',
          mcp: { server, tool: 'read_graph', arguments: {}, product: 'What we know of {{p}}' },
        }),
      ],
      agents: [{ name: 'scribe', tools: ['meet', 'summarise'] }],
    });
    // memoryServer() names itself: the key under mcp is the name in a mission.
    const { name: _, ...config } = memoryServer(join(dir, 'memory.jsonl'));
    const mission = defineMission({ ...spec('memory'), mcp: { memory: config } });
    assert.throws(
      () => defineMission({ ...spec('memori'), mcp: { memory: config } }),
      (err: unknown) =>
        err instanceof MissionError &&
        err.code === 'MISSION_MCP_UNKNOWN_SERVER' &&
        /did you mean 'memory'/.test(err.hint ?? ''),
    );
    const log = store(dir);
    const run = await startRun(mission, { store: log, approve: 'auto' });
    const summary = await run.done;
    assert.equal(summary.status, 'succeeded', summary.reason);
    const product = of(await readEvents(log, run.id), 'work.product')[0]!;
    assert.equal(product.data.title, 'What we know of ana');
    assert.deepEqual(JSON.parse(product.data.markdown), {
      entities: [{ name: 'ana', entityType: 'person', observations: ['met'] }],
      relations: [],
    });
    assert.deepEqual(processesMentioning(dir), []);
    log.close();
  });

  it('a run stopped by its budget stops its servers too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atelier-mcp-budget-'));
    roots.push(dir);
    const mission = defineMission({
      name: 'spender',
      goal: '(and (spent))',
      mcp: {
        flaky: {
          command: process.execPath,
          args: [FLAKY],
          env: { FLAKY_LOG: join(dir, 'starts.log') },
        },
      },
      tools: [
        planningTool({
          name: 'prepare',
          effect: '(prepared)',
          mcp: { server: 'flaky', tool: 'note', arguments: { text: 'ready' } },
        }),
        planningTool({
          name: 'spend',
          precondition: '(prepared)',
          effect: '(spent)',
          // A step that reports a model call past the run's budget.
          execute: async (_args, ctx) => {
            await ctx.recordUsage({ model: 'm', usage: { inputTokens: 100, outputTokens: 0 } });
            return { ok: true };
          },
        }),
      ],
      agents: [{ name: 'worker', tools: ['prepare', 'spend'] }],
    });
    const log = store(dir);
    const run = await startRun(mission, { store: log, approve: 'auto', budget: { tokens: 10 } });
    await assert.rejects(run.done, { name: 'BudgetExceededError' });
    assert.equal((await log.getRun(run.id))?.status, 'interrupted');
    assert.equal(starts(dir), 1, 'the server ran for the first step');
    assert.deepEqual(processesMentioning(dir), []);
    log.close();
  });
});

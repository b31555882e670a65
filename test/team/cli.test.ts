import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const atelier = (args: string[]) =>
  spawnSync(join(ROOT, 'bin/atelier'), args, {
    encoding: 'utf8',
    cwd: ROOT,
    env: { ...process.env, ATELIER_MODEL: '' },
  });

describe('atelier run / runs / show', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-cli-'));
  const db = join(dir, 'runs.db');

  it('runs the Paris office offline: plan, live steps, one re-plan with its reason, summary, report', () => {
    const r = atelier([
      'run',
      'examples/paris-office',
      '--db',
      db,
      '--time-scale',
      '0',
      '--approve-all',
    ]);
    assert.equal(r.status, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /plan v1 \(initial plan\): \d+ steps/);
    assert.match(r.stdout, /recruiter\s+\(screen /);
    assert.match(r.stdout, /RE-PLAN \(v2\): .+/);
    assert.match(r.stdout, /run succeeded: \d+ steps, 1 re-plan,/);
    const report = /report: (.+\.md)/.exec(r.stdout)![1]!;
    assert.ok(existsSync(report));
    assert.match(readFileSync(report, 'utf8'), /## Plan v2/);
    // Offline, the model-driven steps are the simulated world's, and say so.
    assert.match(r.stdout, /model-driven steps \(.*draft_doc.*\): simulated: no model configured/);
    assert.match(
      r.stdout,
      /policy_lead\s+\(draft_doc \w+\) done in \d+ ms — simulated: no model configured/,
    );
    assert.match(
      readFileSync(report, 'utf8'),
      /\(draft_doc \w+\) done in \d+ ms — simulated: no model configured/,
    );
    assert.doesNotMatch(
      readFileSync(report, 'utf8'),
      /## Work products/,
      'nothing pretends to be written',
    );
  });

  it('lists runs and shows a timeline, and explains a step', () => {
    const runs = atelier(['runs', '--db', db]);
    assert.equal(runs.status, 0, runs.stderr);
    const id = /^(run-\S+)\s+succeeded\s+paris-office/m.exec(runs.stdout)![1]!;
    const show = atelier(['show', id, '--db', db]);
    assert.equal(show.status, 0, show.stderr);
    assert.match(show.stdout, /announce paris\) done/);
    const why = atelier(['show', id, '--db', db, '--why', 's1']);
    assert.equal(why.status, 0, why.stderr);
    assert.match(why.stdout, /supports /);
  });

  it("exits 1 with the reasoner's why-not when no plan reaches the goal", () => {
    const r = atelier([
      'run',
      'examples/paris-office',
      '--db',
      db,
      '--time-scale',
      '0',
      '--approve-all',
      '--goal',
      '(and (hired david))',
    ]);
    assert.equal(r.status, 1, r.stderr + r.stdout);
    assert.match(r.stdout, /no plan/);
  });

  it('refuses, before any step runs, a mission with steps needing approval when there is no terminal and no --approve-all', () => {
    const fresh = join(dir, 'refused.db');
    const r = atelier(['run', 'examples/paris-office', '--db', fresh, '--time-scale', '0']);
    assert.equal(r.status, 2, r.stderr + r.stdout);
    assert.match(r.stderr, /steps that need approval/);
    assert.match(r.stderr, /--approve-all/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    assert.doesNotMatch(r.stdout, /approved automatically|step|plan v1/);
    assert.doesNotMatch(atelier(['runs', '--db', fresh]).stdout, /run-/, 'no run was started');
  });

  it('says a finished run is finished, before asking for approvals, and exits 0', () => {
    const id = /^(run-\S+)\s+succeeded\s+paris-office/m.exec(
      atelier(['runs', '--db', db]).stdout,
    )![1]!;
    // No --approve-all and no terminal: it used to refuse for lack of approval first.
    const r = atelier(['resume', id, '--db', db]);
    assert.equal(r.status, 0, r.stderr + r.stdout);
    assert.match(
      r.stdout,
      new RegExp(`run ${id} already finished \\(succeeded: \\d+ steps, 1 re-plan\\)`),
    );
    assert.equal(r.stderr, '');
  });

  it('stops quietly when the reader closes the pipe (atelier show RUN | head)', async () => {
    const { spawn } = await import('node:child_process');
    const id = /^(run-\S+)\s+succeeded\s+paris-office/m.exec(
      atelier(['runs', '--db', db]).stdout,
    )![1]!;
    const child = spawn(join(ROOT, 'bin/atelier'), ['show', id, '--db', db], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Closed before the CLI writes anything: its first write gets EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const code = await new Promise<number | null>((res) => child.once('exit', res));
    assert.equal(code, 0, stderr);
    assert.doesNotMatch(stderr, /EPIPE|Unhandled/);
  });

  it('exits 2 for an unknown run', () => {
    const r = atelier(['show', 'run-nope', '--db', db]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no run 'run-nope'/);
  });
});

describe('atelier resume', () => {
  it('continues a run killed with SIGKILL and reaches the goal (exit 0, report written)', async () => {
    const { spawn } = await import('node:child_process');
    const dir = mkdtempSync(join(tmpdir(), 'atelier-cli-resume-'));
    const db = join(dir, 'runs.db');
    const child = spawn(
      join(ROOT, 'bin/atelier'),
      [
        'run',
        'examples/paris-office',
        '--db',
        db,
        '--json',
        '--time-scale',
        '0.5',
        '--approve-all',
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    await new Promise<void>((res, rej) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if ((out.match(/"type":"step.finished"/g) ?? []).length >= 5) res();
      });
      child.once('exit', () => rej(new Error(`the run ended before it was killed:\n${out}`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const runId = /"runId":"(run-[^"]+)"/.exec(out)![1]!;
    // Without a terminal and without --approve-all, no step is approved: refused, nothing run.
    const refused = atelier(['resume', runId, '--db', db, '--time-scale', '0']);
    assert.equal(refused.status, 2, refused.stderr + refused.stdout);
    assert.match(refused.stderr, /needs? approval.*--approve-all/s);
    assert.equal(
      atelier(['runs', '--db', db]).stdout.match(/interrupted|running|waiting-approval/)?.length ??
        0,
      1,
      'the run was not touched',
    );
    const r = atelier(['resume', runId, '--db', db, '--time-scale', '0', '--approve-all']);
    assert.equal(r.status, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /resumed from the log/);
    assert.match(r.stdout, /run succeeded/);
    assert.match(r.stdout, /report: /);
  });
});

describe('atelier run --goal in words', () => {
  it('asks the configured model (a scripted chat-completions server), shows the formal goal and plans with it', async () => {
    const { startChatCompletionsServer, reply } =
      await import('../helpers/openai-compatible-server.js');
    const { spawn } = await import('node:child_process');
    const server = await startChatCompletionsServer([
      reply.text(
        JSON.stringify({ goals: [{ predicate: 'leased', args: ['berlin'], negated: false }] }),
      ),
      reply.text(
        JSON.stringify({ goals: [{ predicate: 'leased', args: ['paris'], negated: false }] }),
      ),
    ]);
    try {
      const dir = mkdtempSync(join(tmpdir(), 'atelier-cli-nl-'));
      // Async spawn: the scripted server runs in this process and must keep answering.
      const child = spawn(
        join(ROOT, 'bin/atelier'),
        [
          'run',
          'examples/paris-office',
          '--db',
          join(dir, 'runs.db'),
          '--time-scale',
          '0',
          '--approve-all',
          '--goal',
          'get us an office lease',
        ],
        {
          cwd: ROOT,
          env: {
            ...process.env,
            ATELIER_MODEL: 'scripted-test',
            OPENAI_BASE_URL: server.url,
            OPENAI_API_KEY: 'test',
          },
        },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
      });
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
      });
      const code = await new Promise<number | null>((res) => child.once('exit', res));
      assert.equal(code, 0, stderr + stdout);
      assert.match(
        stdout,
        /goal: \(leased paris\)\s+\(from "get us an office lease", 2 model answers\)/,
      );
      assert.match(stdout, /sign_lease \w+ paris/);
      assert.doesNotMatch(stdout, /announce paris/);
      assert.equal(server.requests.length, 2);
      const body = server.requests[0]!.body as { response_format?: { type: string } };
      assert.equal(body.response_format?.type, 'json_schema');
    } finally {
      await server.close();
    }
  });
});

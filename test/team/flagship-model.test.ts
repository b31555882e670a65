import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { reply } from '../helpers/openai-compatible-server.js';
import { startRoutedModelServer } from '../helpers/routed-model-server.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** Runs the CLI without blocking this process (the model server answers from here). */
function atelier(args: string[], env: Record<string, string>) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(join(ROOT, 'bin/atelier'), args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

describe('the flagship with a model configured (local OpenAI-compatible server started by the test)', () => {
  it('has its agents write the briefs, the EU AI Act documents and the announcement, and hands the drafts to counsel', async () => {
    const server = await startRoutedModelServer((r) => {
      const step = /Step (s\d+): \((\w+) (\w+)\)/.exec(r.text);
      if (step === null) return reply.text('?');
      const [, id, action, arg] = step;
      return reply.text(
        JSON.stringify({
          done: true,
          reason: `${action} ${arg} done`,
          workProduct: {
            title: `${action} ${arg}`,
            markdown: `# ${action} ${arg}\n\nWRITTEN-BY-MODEL ${action}/${arg} in ${id}`,
          },
          observedFacts: null,
        }),
      );
    });
    try {
      const dir = mkdtempSync(join(tmpdir(), 'atelier-flagship-model-'));
      const r = await atelier(
        [
          'run',
          'examples/paris-office',
          '--db',
          join(dir, 'runs.db'),
          '--time-scale',
          '0',
          '--approve-all',
          '--seed',
          '17',
        ],
        { ATELIER_MODEL: 'test-model', OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'k' },
      );
      assert.equal(r.status, 0, r.stderr + r.stdout);
      assert.match(
        r.stdout,
        /model-driven steps \(.*\): written by the agents with model test-model/,
      );
      assert.doesNotMatch(r.stdout, /simulated: no model configured/);
      assert.match(
        r.stdout,
        /policy_lead\s+\(draft_doc risk_assessment\) work product "draft_doc risk_assessment"/,
      );
      // 3 briefs, 4 drafts, 4 reviews, 1 announcement: each written by the model.
      const bodies = server.requests.map((q) => JSON.stringify(q.body));
      assert.equal(bodies.length, 12);
      const review = bodies.find((b) => b.includes('(legal_review risk_assessment)'))!;
      assert.match(
        review,
        /WRITTEN-BY-MODEL draft_doc\/risk_assessment/,
        'counsel reads the draft',
      );
      assert.match(review, /by policy_lead, step s\d+/);
      assert.doesNotMatch(
        review,
        /WRITTEN-BY-MODEL draft_doc\/data_governance/,
        'only the drafts it depends on',
      );
      const interviewBriefs = bodies.filter((b) => b.includes('prepare_interview_brief'));
      assert.equal(interviewBriefs.length, 3);
      const report = readFileSync(/report: (.+\.md)/.exec(r.stdout)![1]!, 'utf8');
      assert.match(report, /## Work products/);
      assert.match(
        report,
        /### draft_announcement paris[\s\S]*WRITTEN-BY-MODEL draft_announcement\/paris/,
      );
    } finally {
      await server.close();
    }
  });
});

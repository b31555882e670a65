/**
 * Traces: with OTEL_EXPORTER_OTLP_ENDPOINT set, `atelier run` exports the spans of the run,
 * its plan rounds, steps, tool calls and model calls (GenAI conventions) to an OTLP/HTTP
 * collector started by the test; without it, no SDK starts and nothing is sent.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { trace } from '@opentelemetry/api';
import { startTelemetry, tracesRequested } from '../../src/cli/telemetry.js';
import { reply, startChatCompletionsServer } from '../helpers/openai-compatible-server.js';
import { startOtlpCollector } from '../helpers/otlp-collector.js';
import type { CollectedSpan } from '../helpers/otlp-collector.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

async function atelier(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; out: string }> {
  const child = spawn(join(ROOT, 'bin/atelier'), args, { cwd: ROOT, env });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((res) => child.once('exit', res));
  return { code, out };
}

const goalAnswer = JSON.stringify({
  goals: [{ predicate: 'leased', args: ['paris'], negated: false }],
});

function baseEnv(model: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ATELIER_MODEL: 'trace-model',
    OPENAI_BASE_URL: model,
    OPENAI_API_KEY: 'k',
  };
  delete env.OTEL_EXPORTER_OTLP_ENDPOINT;
  delete env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  return env;
}

const runArgs = (dir: string): string[] => [
  'run',
  'examples/paris-office',
  '--db',
  join(dir, 'runs.db'),
  '--time-scale',
  '0',
  '--approve-all',
  '--no-report',
  '--goal',
  'get us an office lease',
];

describe('traces (OTLP)', () => {
  it('exports the run, plan rounds, steps, tool calls and model calls with GenAI attributes', async () => {
    const model = await startChatCompletionsServer([
      reply.text(goalAnswer, { prompt_tokens: 120, completion_tokens: 17 }),
    ]);
    const collector = await startOtlpCollector();
    try {
      const dir = mkdtempSync(join(tmpdir(), 'atelier-otel-'));
      const r = await atelier(runArgs(dir), {
        ...baseEnv(model.url),
        OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
        OTEL_SERVICE_NAME: 'atelier-test',
      });
      assert.equal(r.code, 0, r.out);
      const spans = collector.spans;
      const named = (prefix: string): CollectedSpan[] =>
        spans.filter((s) => s.name.startsWith(prefix));
      const [run] = named('mission.run paris-office');
      assert.ok(run, `a run span among ${spans.map((s) => s.name).join(', ')}`);
      assert.equal(run.attributes['atelier.run.status'], 'succeeded');
      assert.match(String(run.attributes['atelier.run.id']), /^run-/);
      assert.equal(run.resource['service.name'], 'atelier-test');
      assert.equal(run.scope, 'atelier');
      const rounds = named('mission.plan_round');
      assert.ok(rounds.length >= 1);
      for (const p of rounds)
        assert.equal(p.parentSpanId, run.spanId, 'plan rounds are children of the run');
      assert.equal(rounds[0]!.attributes['atelier.plan.found'], true);
      const steps = named('mission.step ');
      assert.ok(
        steps.some((s) => s.name === 'mission.step sign_lease'),
        steps.map((s) => s.name).join(),
      );
      for (const s of steps) {
        assert.equal(s.parentSpanId, run.spanId);
        assert.match(String(s.attributes['atelier.step.id']), /^s\d+$/);
        assert.equal(typeof s.attributes['gen_ai.agent.name'], 'string');
        const tool = spans.find(
          (t) => t.parentSpanId === s.spanId && t.name.startsWith('execute_tool '),
        );
        assert.ok(tool, `a tool span under ${s.name}`);
        assert.equal(tool.attributes['gen_ai.tool.name'], s.attributes['atelier.step.action']);
        assert.equal(tool.attributes['gen_ai.operation.name'], 'execute_tool');
      }
      const chat = spans.find((s) => s.name === 'chat trace-model');
      assert.ok(chat, 'the goal translation is a model call span');
      assert.equal(chat.kind, 3, 'SPAN_KIND_CLIENT');
      assert.equal(chat.attributes['gen_ai.operation.name'], 'chat');
      assert.equal(chat.attributes['gen_ai.request.model'], 'trace-model');
      assert.equal(chat.attributes['gen_ai.usage.input_tokens'], 120);
      assert.equal(chat.attributes['gen_ai.usage.output_tokens'], 17);
      assert.deepEqual(chat.attributes['gen_ai.response.finish_reasons'], ['stop']);
      assert.ok(spans.every((s) => s.traceId.length === 32));
    } finally {
      await collector.close();
      await model.close();
    }
  });

  it('starts no SDK and sends nothing when OTEL_EXPORTER_OTLP_ENDPOINT is unset', async () => {
    assert.equal(tracesRequested({}), false);
    assert.equal(
      tracesRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://x', OTEL_SDK_DISABLED: 'true' }),
      false,
    );
    assert.equal(await startTelemetry({}), undefined);
    // Nothing registered: the global provider still hands out no-op (non-recording) spans.
    const span = trace.getTracer('t').startSpan('x');
    assert.equal(span.isRecording(), false);
    span.end();
    const model = await startChatCompletionsServer([reply.text(goalAnswer)]);
    const collector = await startOtlpCollector();
    try {
      const dir = mkdtempSync(join(tmpdir(), 'atelier-otel-'));
      // The collector listens, but nobody told Atelier where it is.
      const r = await atelier(runArgs(dir), {
        ...baseEnv(model.url),
        OTEL_SERVICE_NAME: 'atelier-test',
      });
      assert.equal(r.code, 0, r.out);
      assert.equal(collector.requests, 0);
    } finally {
      await collector.close();
      await model.close();
    }
  });
});

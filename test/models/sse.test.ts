import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sseData, StreamAccumulator } from '../../src/models/wire.js';

function streamOf(bytes: Uint8Array, cuts: number[]): ReadableStream<Uint8Array> {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    if (p > from) pieces.push(bytes.slice(from, p));
    from = Math.max(from, p);
  }
  return new ReadableStream({
    pull(controller) {
      const next = pieces.shift();
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });
}

const chunk = (delta: unknown): string =>
  JSON.stringify({ choices: [{ index: 0, delta, finish_reason: null }] });
const events = [
  chunk({ role: 'assistant', content: '' }),
  chunk({ content: 'Grüß ' }),
  chunk({ content: 'dich — 👋' }),
  chunk({ tool_calls: [{ index: 0, id: 'c1', function: { name: 'look', arguments: '{"q":' } }] }),
  chunk({ tool_calls: [{ index: 0, function: { arguments: '"ü"}' } }] }),
];
const body = `: keep-alive comment\r\n\r\n${events.map((e) => `data: ${e}\r\n\r\n`).join('')}data: [DONE]\n\n`;
const bytes = new TextEncoder().encode(body);

test('server-sent events are reassembled however the bytes are split (CRLF, comments, multi-byte UTF-8)', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.nat({ max: bytes.length }), { maxLength: 40 }), async (cuts) => {
      const got: string[] = [];
      for await (const data of sseData(streamOf(bytes, cuts))) got.push(data);
      assert.deepEqual(got, [...events, '[DONE]']);
      const acc = new StreamAccumulator();
      for (const data of got.slice(0, -1)) acc.add(JSON.parse(data), 'test', []);
      const res = acc.response();
      assert.equal(res.text, 'Grüß dich — 👋');
      assert.deepEqual(res.toolCalls, [{ id: 'c1', name: 'look', arguments: '{"q":"ü"}' }]);
    }),
    { numRuns: 200 },
  );
});

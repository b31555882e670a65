/**
 * A compute worker thread: receives one task at a time from the pool, answers with its
 * outcome. Unexpected failures are reported as `crash` (the pool logs them and answers
 * 500); memory and time limits are enforced by the pool, which terminates this thread.
 */
import { parentPort } from 'node:worker_threads';
import { runTask } from './tasks.js';
import type { Task } from './tasks.js';

const port = parentPort;
if (!port) throw new Error('compute/worker.ts runs only as a worker thread');

port.on('message', (message: { id: number; task: Task }) => {
  runTask(message.task).then(
    (outcome) => port.postMessage({ id: message.id, outcome }),
    (err: unknown) =>
      port.postMessage({
        id: message.id,
        crash: err instanceof Error ? (err.stack ?? err.message) : String(err),
      }),
  );
});
port.postMessage({ ready: true });

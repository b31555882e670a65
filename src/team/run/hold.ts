/**
 * The lease of a run driven in this process (`atelier run`, `resume`, a plain `serve`):
 * taken like a worker's, renewed while the run goes on, released at its end. A second
 * driver of the same run (another `serve`, `atelier resume RUN` while it runs) is refused
 * with RUN_DRIVEN_ELSEWHERE instead of running its steps a second time.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { UserError } from '../../errors.js';
import { LeaseLostError } from '../log/port.js';
import type { RunLease, RunLog } from '../log/port.js';

/** How long the lease of a run driven in process lasts unless renewed (every third of it). */
export const DRIVER_LEASE_MS = 15_000;

export interface HeldRun {
  lease: RunLease;
  /** Aborted by the caller's signal, or when the lease is lost (another driver took over). */
  signal: AbortSignal;
  /** Stops renewing and gives the lease up (never throws). */
  release(): Promise<void>;
}

/** An owner name like a worker's: host, pid, random suffix. */
export const driverOwner = (): string =>
  `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

/**
 * Whether `owner` names a process of this machine that is gone (killed, crashed): its
 * lease need not be waited out.
 */
function goneHere(owner: string): boolean {
  const m = /^(.*):(\d+):[0-9a-f]+$/.exec(owner);
  if (m === null || m[1] !== hostname() || Number(m[2]) === process.pid) return false;
  try {
    process.kill(Number(m[2]), 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Takes the run's lease for this process, or refuses with RUN_DRIVEN_ELSEWHERE. */
export async function holdRun(
  store: RunLog,
  runId: string,
  signal?: AbortSignal,
  ttlMs = DRIVER_LEASE_MS,
): Promise<HeldRun> {
  const owner = driverOwner();
  let lease = await store.claim(runId, owner, ttlMs);
  let holder: RunLease | undefined;
  if (lease === undefined) {
    holder = await store.leaseHolder(runId);
    if (holder !== undefined && goneHere(holder.owner)) {
      await store.release(holder);
      lease = await store.claim(runId, owner, ttlMs);
    }
  }
  if (lease === undefined) {
    const who = holder === undefined ? 'another process' : holder.owner;
    const until = holder === undefined ? '' : ` (its lease runs until ${holder.expiresAt})`;
    throw new UserError(`run ${runId} is being driven by ${who}${until}`, {
      code: 'RUN_DRIVEN_ELSEWHERE',
      hint: 'let it finish, or stop that process (Ctrl-C or SIGTERM interrupts the run and frees it); a driver that died frees the run when its lease expires',
    });
  }
  const held = lease;
  const lost = new AbortController();
  const renewal = setInterval(
    () => {
      store.renew(held, ttlMs).then(
        (l) => {
          if (l === undefined) lost.abort(new LeaseLostError(held));
        },
        () => undefined, // the store is unreachable for now: the next renewal tries again
      );
    },
    Math.max(10, Math.floor(ttlMs / 3)),
  );
  renewal.unref();
  return {
    lease: held,
    signal: signal === undefined ? lost.signal : AbortSignal.any([signal, lost.signal]),
    async release() {
      clearInterval(renewal);
      await store.release(held).catch(() => undefined);
    },
  };
}

/**
 * The planner's progress on stderr: on a terminal one live line rewritten a few times a second,
 * otherwise (`--progress`, e.g. into a log) a new line every second; and the words for what a
 * run reached, for the final line when it is stopped or interrupted. The clock and the writer
 * are parameters, so tests drive it with a fake clock.
 */
import type { SearchProgress } from '../planner/index.js';

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const count = (n: number): string => n.toLocaleString('en-US');

/** What a run has reached: `grounding: 1,234 actions` or `42 expansions, best h 7, 2 plans (best cost 31)`. */
export function describeProgress(p: SearchProgress): string {
  if (p.phase === 'grounding') return `grounding: ${count(p.groundActions)} actions so far`;
  const h = Number.isFinite(p.bestH) ? String(p.bestH) : '-';
  const plans =
    p.plansFound === 0
      ? 'no plan yet'
      : `${p.plansFound} ${p.plansFound === 1 ? 'plan' : 'plans'} (best cost ${p.bestCost ?? '?'})`;
  return `search: ${count(p.expansions)} expansions, ${count(p.evaluations)} evaluations, best h ${h}, ${plans}`;
}

export interface ProgressPrinter {
  /** Offers the latest progress; printed when the interval has passed. */
  update(p: SearchProgress): void;
  /** Clears the live line (before the final output). */
  end(): void;
}

export interface PrinterOptions {
  write: (text: string) => void;
  /** Milliseconds, from any origin. */
  now: () => number;
  /** Rewrite one line in place (a terminal) instead of printing lines. */
  live: boolean;
  /** Default: 250 ms live, 1000 ms as lines. */
  intervalMs?: number;
}

export function progressPrinter(o: PrinterOptions): ProgressPrinter {
  const interval = o.intervalMs ?? (o.live ? 250 : 1000);
  let last = -Infinity;
  let shown = false;
  return {
    update(p) {
      const t = o.now();
      if (t - last < interval) return;
      last = t;
      const line = `${describeProgress(p)}, ${seconds(p.elapsedMs)}`;
      if (o.live) {
        o.write(`\r\x1b[K${line}`);
        shown = true;
      } else o.write(`${line}\n`);
    },
    end() {
      if (shown) o.write('\r\x1b[K');
      shown = false;
    },
  };
}

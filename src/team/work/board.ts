/**
 * The work products a step receives: those of the steps it causally depends on — the
 * steps it waits for in the plan, and the steps (of any earlier plan version) whose
 * effects established the atoms of its precondition — with their authors. Read from the
 * run's log, caught up before each model-driven step, so a resumed run sees them too.
 */
import type { PlannedStep, WorkProduct } from '../log/events.js';
import { readEvents } from '../log/codec.js';
import type { RunLog } from '../log/port.js';

export interface WorkBoard {
  /** The work products `step` depends on, in the order they were written. */
  inputsOf(step: PlannedStep, preconditionAtoms: readonly string[]): Promise<WorkProduct[]>;
}

const boards = new WeakMap<object, WorkBoard>();

/** The board of a run (one per run context, shared by its steps). */
export function boardOf(ctx: { log: RunLog; runId: string }): WorkBoard {
  let board = boards.get(ctx);
  if (board === undefined) boards.set(ctx, (board = workBoard(ctx.log, ctx.runId)));
  return board;
}

/** A board over one run's log. */
export function workBoard(log: RunLog, runId: string): WorkBoard {
  const products = new Map<string, { seq: number; product: WorkProduct }>();
  /** "(pred a b)" -> the step whose effects last made it true. */
  const establishedBy = new Map<string, string>();
  let lastSeq = 0;
  let catching: Promise<void> = Promise.resolve();
  const catchUp = async (): Promise<void> => {
    for (const e of await readEvents(log, runId, lastSeq)) {
      lastSeq = e.seq;
      if (e.type === 'work.product') products.set(e.data.stepId, { seq: e.seq, product: e.data });
      else if (e.type === 'facts.changed')
        for (const f of e.data.added) establishedBy.set(f, e.data.stepId);
    }
  };
  return {
    async inputsOf(step, atoms) {
      catching = catching.catch(() => undefined).then(catchUp);
      await catching;
      const from = new Set(step.dependsOn);
      for (const a of atoms) {
        const by = establishedBy.get(a);
        if (by !== undefined) from.add(by);
      }
      return [...from]
        .flatMap((id) => products.get(id) ?? [])
        .sort((a, b) => a.seq - b.seq)
        .map((p) => p.product);
    },
  };
}

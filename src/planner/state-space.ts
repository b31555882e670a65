/**
 * States packed with the finite-domain variables (fdr.ts), stored one after another in one big
 * Uint32Array, with an open-addressing hash table of state ids: no object per state.
 * Also the successor generator (actions bucketed by one precondition fact) and the
 * application of actions on an unpacked truth vector.
 */
import { compileGroundRules } from '../logic/ground-fixpoint.js';
import type { GroundEvaluator } from '../logic/ground-fixpoint.js';
import { makePacker } from './fdr.js';
import type { IdList } from './id-list.js';
import type { Packer } from './fdr.js';
import { row } from './task.js';
import type { ConditionalEffect, GroundTask } from './task.js';

const NO_CONDITIONS: ConditionalEffect[] = [];

/** Raised when the state store cannot grow further; the search reports a memory limit. */
export class StateLimitError extends Error {}

const MAX_WORDS = 400_000_000; // 1.6 GB of packed states

export class StateRegistry {
  readonly words: number;
  count = 0;
  /** The packed states, `words` numbers each. */
  data: Uint32Array;
  private table: Int32Array;
  private mask: number;
  parent: Int32Array;
  action: Int32Array;
  g: Float64Array;
  /** Free per-state byte for the search (closed flags and so on). */
  flags: Uint8Array;

  constructor(readonly packer: Packer) {
    this.words = packer.words;
    const cap = 1024;
    this.data = new Uint32Array(cap * this.words);
    this.table = new Int32Array(cap * 2).fill(-1);
    this.mask = cap * 2 - 1;
    this.parent = new Int32Array(cap);
    this.action = new Int32Array(cap);
    this.g = new Float64Array(cap);
    this.flags = new Uint8Array(cap);
  }

  private hash(buf: Uint32Array, off: number): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < this.words; i++) {
      h = Math.imul(h ^ buf[off + i]!, 0x01000193);
      h ^= h >>> 15;
    }
    return h >>> 0;
  }

  private equal(id: number, buf: Uint32Array): boolean {
    const off = id * this.words;
    for (let i = 0; i < this.words; i++) if (this.data[off + i] !== buf[i]) return false;
    return true;
  }

  private grow(): void {
    const cap = this.parent.length * 2;
    if (cap * this.words > MAX_WORDS) throw new StateLimitError('state store full');
    const data = new Uint32Array(cap * this.words);
    data.set(this.data);
    this.data = data;
    const grow32 = (a: Int32Array): Int32Array => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    this.parent = grow32(this.parent);
    this.action = grow32(this.action);
    const g = new Float64Array(cap);
    g.set(this.g);
    this.g = g;
    const f = new Uint8Array(cap);
    f.set(this.flags);
    this.flags = f;
    this.table = new Int32Array(cap * 2).fill(-1);
    this.mask = cap * 2 - 1;
    for (let id = 0; id < this.count; id++) {
      let slot = this.hash(this.data, id * this.words) & this.mask;
      while (this.table[slot] !== -1) slot = (slot + 1) & this.mask;
      this.table[slot] = id;
    }
  }

  /** The id of the packed state `buf`, registering it if new (`isNew` tells which). */
  insert(buf: Uint32Array): number {
    let slot = this.hash(buf, 0) & this.mask;
    for (;;) {
      const id = this.table[slot]!;
      if (id === -1) break;
      if (this.equal(id, buf)) {
        this.isNew = false;
        return id;
      }
      slot = (slot + 1) & this.mask;
    }
    if (this.count === this.parent.length) {
      this.grow();
      return this.insert(buf);
    }
    const id = this.count++;
    this.data.set(buf.subarray(0, this.words), id * this.words);
    this.table[slot] = id;
    this.parent[id] = -1;
    this.action[id] = -1;
    this.g[id] = 0;
    this.flags[id] = 0;
    this.isNew = true;
    return id;
  }
  isNew = false;

  /** Unpacks state `id` into `truth` (basic facts only). */
  unpack(id: number, truth: Uint8Array): void {
    this.packer.unpack(this.data, id * this.words, truth);
  }
}

/** Everything the searches need about a ground task, precomputed once. */
export interface Space {
  task: GroundTask;
  packer: Packer;
  /** Fills the derived facts of a truth vector (no-op without rules). */
  derive: GroundEvaluator;
  hasRules: boolean;
  /** bucket[f] = actions whose chosen precondition is f; `always` have none. */
  bucketStart: Int32Array;
  bucket: Int32Array;
  always: Int32Array;
}

export function makeSpace(task: GroundTask): Space {
  const F = task.facts.length;
  const hasRules = task.ruleStrata.some((s) => s.length > 0);
  const derive = hasRules ? compileGroundRules(task.ruleStrata, F) : (): void => {};
  // Bucket each action by its precondition fact with the fewest actions so far.
  const count = new Int32Array(F);
  const pre = task.actions.pre;
  for (const p of pre.items) count[p]!++;
  const chosen = Array.from({ length: task.actions.count }, (_, a) => {
    let best = -1;
    for (const p of row(pre, a)) if (best === -1 || count[p]! < count[best]!) best = p;
    return best;
  });
  const bucketStart = new Int32Array(F + 1);
  for (const c of chosen) if (c >= 0) bucketStart[c + 1]!++;
  for (let f = 0; f < F; f++) bucketStart[f + 1]! += bucketStart[f]!;
  const fill = bucketStart.slice(0, F);
  const bucket = new Int32Array(bucketStart[F]!);
  const always: number[] = [];
  chosen.forEach((c, i) => {
    if (c >= 0) bucket[fill[c]!++] = i;
    else always.push(i);
  });
  return {
    task,
    packer: makePacker(task),
    derive,
    hasRules,
    bucketStart,
    bucket,
    always: Int32Array.from(always),
  };
}

export function applicable(space: Space, a: number, truth: Uint8Array): boolean {
  const { pre, preNeg } = space.task.actions;
  for (let i = pre.start[a]!, end = pre.start[a + 1]!; i < end; i++)
    if (!truth[pre.items[i]!]) return false;
  for (let i = preNeg.start[a]!, end = preNeg.start[a + 1]!; i < end; i++)
    if (truth[preNeg.items[i]!]) return false;
  return true;
}

/** Appends the actions applicable in `truth` (a full truth vector, derived facts included) to `out`, in id order. */
export function applicableActions(space: Space, truth: Uint8Array, out: IdList): void {
  out.clear();
  const { bucketStart, bucket, always } = space;
  const F = space.task.facts.length;
  for (let f = 0; f < F; f++) {
    if (!truth[f]) continue;
    for (let i = bucketStart[f]!; i < bucketStart[f + 1]!; i++)
      if (applicable(space, bucket[i]!, truth)) out.push(bucket[i]!);
  }
  for (const a of always) if (applicable(space, a, truth)) out.push(a);
  out.sort();
}

/**
 * Writes the successor's basic facts into `next` (from `truth`, the full pre-state).
 * Conditions read the pre-state; deletes happen before adds.
 */
/** Scratch list of conditional adds (applied after the deletes). */
const addLater: number[] = [];

/** Whether conditional effect `c` fires in `truth`. */
function fires(c: ConditionalEffect, truth: Uint8Array): boolean {
  for (const p of c.pos) if (!truth[p]) return false;
  for (const p of c.neg) if (truth[p]) return false;
  return true;
}

export function applyAction(space: Space, a: number, truth: Uint8Array, next: Uint8Array): void {
  const act = space.task.actions;
  const B = space.task.basicCount;
  for (let i = 0; i < B; i++) next[i] = truth[i]!;
  addLater.length = 0;
  for (const c of act.conditional.get(a) ?? NO_CONDITIONS) {
    if (!fires(c, truth)) continue;
    if (c.del >= 0) next[c.del] = 0;
    if (c.add >= 0) addLater.push(c.add);
  }
  for (let i = act.del.start[a]!, end = act.del.start[a + 1]!; i < end; i++)
    next[act.del.items[i]!] = 0;
  for (let i = act.add.start[a]!, end = act.add.start[a + 1]!; i < end; i++)
    next[act.add.items[i]!] = 1;
  for (const f of addLater) next[f] = 1;
}

/**
 * The packed successor: the parent's packed state (`data[off ..]`, its full truth vector
 * `truth`) with `a`'s effects applied, written to `out` — work proportional to the effects,
 * not to the facts.
 */
export function packSuccessor(
  space: Space,
  a: number,
  data: Uint32Array,
  off: number,
  truth: Uint8Array,
  out: Uint32Array,
): void {
  const p = space.packer;
  const act = space.task.actions;
  for (let i = 0; i < p.words; i++) out[i] = data[off + i]!;
  addLater.length = 0;
  for (const c of act.conditional.get(a) ?? NO_CONDITIONS) {
    if (!fires(c, truth)) continue;
    if (c.del >= 0) p.setFalse(out, 0, c.del);
    if (c.add >= 0) addLater.push(c.add);
  }
  for (let i = act.del.start[a]!, end = act.del.start[a + 1]!; i < end; i++)
    p.setFalse(out, 0, act.del.items[i]!);
  for (let i = act.add.start[a]!, end = act.add.start[a + 1]!; i < end; i++)
    p.setTrue(out, 0, act.add.items[i]!);
  for (const f of addLater) p.setTrue(out, 0, f);
}

/** Whether the goal holds in a full truth vector. */
export function isGoal(task: GroundTask, truth: Uint8Array): boolean {
  for (const g of task.goal) if (!truth[g]) return false;
  for (const g of task.goalNeg) if (truth[g]) return false;
  return true;
}

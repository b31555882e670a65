/**
 * Finite-domain variables from the mutex groups, and states packed with them: a group of n
 * facts of which at most one is true becomes one variable with n + 1 values ("none of those"
 * last), stored in ceil(log2(n + 1)) bits; facts in no chosen group are binary variables of one
 * bit. Groups are chosen greedily, largest first, each taking its facts out of the others (Fast
 * Downward's translator does the same). Variables are packed into 32-bit words, first fit by
 * decreasing width, none straddling two words.
 */
import type { GroundTask } from './task.js';

export interface Packer {
  /** 32-bit words per state. */
  words: number;
  /** Number of finite-domain variables. */
  vars: number;
  /** Writes the packed form of the basic facts of `truth` into `out[off ..]`. */
  pack(truth: Uint8Array, out: Uint32Array, off: number): void;
  /** Sets the basic facts of `truth` from the packed state at `data[off ..]`. */
  unpack(data: Uint32Array, off: number, truth: Uint8Array): void;
  /** The facts of each variable (its values, without "none"). */
  varFacts: Int32Array[];
  /** Makes basic fact `f` true in the packed state at `out[off ..]` (its variable takes its value). */
  setTrue(out: Uint32Array, off: number, f: number): void;
  /** Makes basic fact `f` false there (its variable becomes "none" if it had that value). */
  setFalse(out: Uint32Array, off: number, f: number): void;
}

/** Greedy cover: the largest group first; its facts leave the other groups. */
export function chooseGroups(groups: readonly Int32Array[], basicCount: number): Int32Array[] {
  const live = groups.map((g) => new Set(g));
  const byFact = new Map<number, number[]>();
  live.forEach((g, i) => {
    for (const f of g) {
      const l = byFact.get(f);
      if (l === undefined) byFact.set(f, [i]);
      else l.push(i);
    }
  });
  const maxSize = Math.max(0, ...live.map((g) => g.size));
  const bySize: number[][] = Array.from({ length: maxSize + 1 }, () => []);
  live.forEach((g, i) => bySize[g.size]!.push(i));
  const chosen: Int32Array[] = [];
  const taken = new Uint8Array(basicCount);
  for (let size = maxSize; size > 1;) {
    const i = bySize[size]!.pop();
    if (i === undefined) {
      size--;
      continue;
    }
    const g = live[i]!;
    if (g.size !== size) {
      bySize[g.size]!.push(i); // shrank since it was filed: file it again
      continue;
    }
    const facts = [...g].sort((x, y) => x - y);
    chosen.push(Int32Array.from(facts));
    for (const f of facts) {
      taken[f] = 1;
      for (const j of byFact.get(f)!) live[j]!.delete(f);
    }
  }
  for (let f = 0; f < basicCount; f++) if (!taken[f]) chosen.push(Int32Array.of(f));
  return chosen;
}

/** Where each variable lives: its word and shift; `words` words in all. */
function layout(bits: number[]): { word: Int32Array; shift: Int32Array; words: number } {
  const V = bits.length;
  // First fit by decreasing width; binary variables (1 bit, the most) fill the gaps.
  const order = Array.from({ length: V }, (_, v) => v).sort((a, b) => bits[b]! - bits[a]!);
  const free: number[] = [];
  const word = new Int32Array(V);
  const shift = new Int32Array(V);
  // Per width, the first word that may still have room for it (room only ever shrinks).
  const from = new Int32Array(33);
  for (const v of order) {
    const b = bits[v]!;
    let w = from[b]!;
    while (w < free.length && free[w]! < b) w++;
    from[b] = w;
    if (w === free.length) free.push(32);
    word[v] = w;
    shift[v] = 32 - free[w]!;
    free[w]! -= b;
  }
  return { word, shift, words: Math.max(1, free.length) };
}

export function makePacker(task: GroundTask): Packer {
  const B = task.basicCount;
  const vars = chooseGroups(task.mutexGroups, B);
  const V = vars.length;
  const bits = vars.map((g) => Math.max(1, Math.ceil(Math.log2(g.length + 1))));
  const { word, shift, words } = layout(bits);
  // Multi-valued variables first, then runs of binary ones.
  const multi = vars.flatMap((g, v) => (g.length > 1 ? [v] : []));
  const binary = Int32Array.from(vars.flatMap((g, v) => (g.length === 1 ? [v] : [])));
  const binFact = Int32Array.from(binary, (v) => vars[v]![0]!);
  const none = Int32Array.from(vars, (g) => g.length);
  const factVar = new Int32Array(B);
  const factVal = new Int32Array(B);
  // The code of each fact's value: its index in a multi-valued variable, 1 for a binary one.
  vars.forEach((g, v) =>
    g.forEach((f, i) => ((factVar[f] = v), (factVal[f] = g.length > 1 ? i : 1))),
  );
  // "None of those": n for a multi-valued variable, 0 (false) for a binary one.
  const noneCode = Int32Array.from(vars, (g) => (g.length > 1 ? g.length : 0));
  const width = Int32Array.from(bits, (b) => (b >= 32 ? -1 : (1 << b) - 1));
  return {
    setTrue(out, off, f) {
      const v = factVar[f]!;
      const w = off + word[v]!;
      out[w] = (out[w]! & ~(width[v]! << shift[v]!)) | (factVal[f]! << shift[v]!);
    },
    setFalse(out, off, f) {
      const v = factVar[f]!;
      const w = off + word[v]!;
      if (((out[w]! >>> shift[v]!) & width[v]!) === factVal[f])
        out[w] = (out[w]! & ~(width[v]! << shift[v]!)) | (noneCode[v]! << shift[v]!);
    },
    words,
    vars: V,
    varFacts: vars,
    pack(truth, out, off) {
      out.fill(0, off, off + words);
      for (const v of multi) {
        let val = none[v]!;
        const g = vars[v]!;
        for (let i = 0; i < g.length; i++)
          if (truth[g[i]!]) {
            val = i;
            break;
          }
        out[off + word[v]!]! |= val << shift[v]!;
      }
      for (let i = 0; i < binary.length; i++)
        if (truth[binFact[i]!]) {
          const v = binary[i]!;
          out[off + word[v]!]! |= 1 << shift[v]!;
        }
    },
    unpack(data, off, truth) {
      truth.fill(0, 0, B);
      for (const v of multi) {
        const val = (data[off + word[v]!]! >>> shift[v]!) & ((1 << bits[v]!) - 1);
        if (val < none[v]!) truth[vars[v]![val]!] = 1;
      }
      for (let i = 0; i < binary.length; i++) {
        const v = binary[i]!;
        truth[binFact[i]!] = (data[off + word[v]!]! >>> shift[v]!) & 1;
      }
    },
  };
}

/**
 * Strongly connected components (Tarjan, iterative) and stratification of a
 * dependency graph with negative edges. Used by the reasoner on predicates and by
 * `stratifyGroundRules` on ground facts, so both fixpoints stratify the same way.
 */

/** `from` depends on `to` (`to` must be computed first); `negative` for negation. */
export interface DependencyEdge {
  from: number;
  to: number;
  negative: boolean;
}

/** Components in dependency order (a component only depends on earlier ones or itself). */
export function tarjan(nodeCount: number, succ: readonly (readonly number[])[]): number[][] {
  const index = new Int32Array(nodeCount).fill(-1);
  const low = new Int32Array(nodeCount);
  const onStack = new Uint8Array(nodeCount);
  const stack: number[] = [];
  const comps: number[][] = [];
  let counter = 0;
  for (let root = 0; root < nodeCount; root++) {
    if (index[root] !== -1) continue;
    const work: Array<[number, number]> = [[root, 0]];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const [node, i] = top;
      const out = succ[node]!;
      if (i < out.length) {
        top[1]++;
        const w = out[i]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          work.push([w, 0]);
        } else if (onStack[w]) {
          low[node] = Math.min(low[node]!, index[w]!);
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]![0];
        low[parent] = Math.min(low[parent]!, low[node]!);
      }
      if (low[node] === index[node]) {
        const comp: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          comp.push(w);
        } while (w !== node);
        comps.push(comp.sort((a, b) => a - b));
      }
    }
  }
  // Tarjan emits a component after everything it depends on (edges point to dependencies).
  return comps;
}

export type Stratification =
  | { ok: true; components: number[][]; componentOf: Int32Array; stratumOf: Int32Array }
  | { ok: false; edge: DependencyEdge; cycle: number[] };

/**
 * Components in evaluation order plus a stratum number per node (negative edges go up
 * one stratum). When a negative edge lies inside a component, returns that edge and a
 * cycle `[from, to, ..., from]` through it.
 */
export function stratify(nodeCount: number, edges: readonly DependencyEdge[]): Stratification {
  const succ: number[][] = Array.from({ length: nodeCount }, () => []);
  for (const e of edges) succ[e.from]!.push(e.to);
  const components = tarjan(nodeCount, succ);
  const componentOf = new Int32Array(nodeCount);
  components.forEach((c, i) => c.forEach((n) => (componentOf[n] = i)));
  for (const e of edges) {
    if (e.negative && componentOf[e.from] === componentOf[e.to]) {
      return {
        ok: false,
        edge: e,
        cycle: [e.from, ...pathWithin(e.to, e.from, succ, componentOf)],
      };
    }
  }
  const compStratum = new Int32Array(components.length);
  const byFrom: DependencyEdge[][] = Array.from({ length: nodeCount }, () => []);
  for (const e of edges) byFrom[e.from]!.push(e);
  components.forEach((comp, ci) => {
    let s = 0;
    for (const n of comp) {
      for (const e of byFrom[n]!) {
        const cj = componentOf[e.to]!;
        if (cj !== ci) s = Math.max(s, compStratum[cj]! + (e.negative ? 1 : 0));
      }
    }
    compStratum[ci] = s;
  });
  const stratumOf = Int32Array.from(componentOf, (c) => compStratum[c]!);
  return { ok: true, components, componentOf, stratumOf };
}

/** Shortest path from `a` to `b` inside one component (breadth first), `a` and `b` included. */
function pathWithin(a: number, b: number, succ: number[][], componentOf: Int32Array): number[] {
  const prev = new Map<number, number>([[a, -1]]);
  const queue = [a];
  for (let qi = 0; qi < queue.length && !prev.has(b); qi++) {
    const n = queue[qi]!;
    for (const w of succ[n]!) {
      if (!prev.has(w) && componentOf[w] === componentOf[a]) {
        prev.set(w, n);
        queue.push(w);
      }
    }
  }
  const path: number[] = [];
  for (let n = b; n !== -1; n = prev.get(n)!) path.push(n);
  return path.reverse();
}

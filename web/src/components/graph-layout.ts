/**
 * The plan graph's layout, by dagre (a layered graph layout): steps are ranked left to
 * right by their dependencies, ordered to cross few edges, and long edges get their own
 * slots in the columns they pass. Each agent is a cluster of the graph — its lane, a box
 * that holds all of its steps and no other (dagre keeps clusters apart).
 *
 * Edges are drawn through dagre's slots: straight across each column they pass (a slot
 * is free of boxes) and curved only in the gaps between columns (free of boxes too), so
 * no edge crosses a step's box.
 */
import dagre from '@dagrejs/dagre';

export interface LayoutStep {
  id: string;
  agent?: string | undefined;
  deps: string[];
}

export interface PlacedNode {
  id: string;
  /** Top-left corner. */
  x: number;
  y: number;
}

/** An agent's lane: a box around its steps, its name in a strip along the top. */
export interface PlacedLane {
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedEdge {
  from: string;
  to: string;
  /** SVG path data. */
  path: string;
}

export interface GraphLayout {
  nodes: Map<string, PlacedNode>;
  lanes: PlacedLane[];
  edges: PlacedEdge[];
  width: number;
  height: number;
}

export const NODE_W = 214;
export const NODE_H = 62;
/** The strip above a lane's steps that holds its name. */
export const LANE_LABEL_H = 20;
const LANE_PAD = 8;
const RANK_SEP = 56;
const NODE_SEP = 16;
/**
 * dagre keeps this much room between neighbouring lanes (and between long edges): the
 * lane's padding and name strip are drawn in it.
 */
const EDGE_SEP = LANE_LABEL_H + 2 * LANE_PAD + 4;
const PAD = 4;

const laneOf = (s: LayoutStep): string => s.agent ?? 'unassigned';

/** Lays the steps out, one lane per agent, in the order of `agents` (unknown agents last). */
export function layoutPlan(steps: readonly LayoutStep[], agents: readonly string[]): GraphLayout {
  const ids = new Set(steps.map((s) => s.id));
  const lanes = [...new Set([...agents, ...steps.map(laneOf)])].filter((a) =>
    steps.some((s) => laneOf(s) === a),
  );
  const g = new dagre.graphlib.Graph({ compound: true });
  g.setGraph({
    rankdir: 'LR',
    nodesep: NODE_SEP,
    edgesep: EDGE_SEP,
    ranksep: RANK_SEP,
    marginx: 0,
    marginy: 0,
  });
  g.setDefaultEdgeLabel(() => ({}));
  for (const lane of lanes) g.setNode(`\0lane ${lane}`, {});
  for (const s of steps) {
    g.setNode(s.id, { width: NODE_W, height: NODE_H });
    g.setParent(s.id, `\0lane ${laneOf(s)}`);
    for (const d of s.deps) if (ids.has(d)) g.setEdge(d, s.id, { weight: 1, minlen: 1 });
  }
  dagre.layout(g);

  // dagre's lane box hugs the steps: add padding and the name strip, then move everything
  // so the top-left lane corner is at PAD.
  const boxes = lanes.map((name) => {
    const b = g.node(`\0lane ${name}`);
    return {
      name,
      x: b.x! - b.width / 2 - LANE_PAD,
      y: b.y! - b.height / 2 - LANE_PAD - LANE_LABEL_H,
      width: b.width + 2 * LANE_PAD,
      height: b.height + 2 * LANE_PAD + LANE_LABEL_H,
    };
  });
  const dx = PAD - Math.min(...boxes.map((b) => b.x));
  const dy = PAD - Math.min(...boxes.map((b) => b.y));
  const placedLanes = boxes
    .map((b) => ({ ...b, x: b.x + dx, y: b.y + dy }))
    .sort((a, b) => a.y - b.y || a.x - b.x);
  const nodes = new Map<string, PlacedNode>();
  const xs: number[] = [];
  for (const s of steps) {
    const n = g.node(s.id);
    xs.push(n.x!);
    nodes.set(s.id, { id: s.id, x: n.x! - NODE_W / 2 + dx, y: n.y! - NODE_H / 2 + dy });
  }
  // A slot in a column of steps is as wide as the steps; dagre's in-between columns
  // (kept for edge labels) hold no steps and are a point wide.
  const columns = new Set(xs.map((x) => Math.round(x)));
  const edges: PlacedEdge[] = [];
  for (const s of steps)
    for (const d of s.deps.filter((x) => ids.has(x))) {
      const slots = (g.edge(d, s.id).points ?? [])
        .slice(1, -1)
        .map((p: { x: number; y: number }) => {
          const half = columns.has(Math.round(p.x)) ? NODE_W / 2 : 0;
          return { x0: p.x + dx - half, x1: p.x + dx + half, y: p.y + dy };
        });
      edges.push({ from: d, to: s.id, path: edgePath(nodes.get(d)!, nodes.get(s.id)!, slots) });
    }
  const width = Math.max(...placedLanes.map((l) => l.x + l.width)) + PAD;
  const height = Math.max(...placedLanes.map((l) => l.y + l.height)) + PAD;
  return { nodes, lanes: placedLanes, edges, width, height };
}

/**
 * From the source's right side to the target's left side: straight through each slot
 * dagre kept for the edge in the columns it crosses, a curve in each gap between columns.
 */
function edgePath(
  from: PlacedNode,
  to: PlacedNode,
  slots: ReadonlyArray<{ x0: number; x1: number; y: number }>,
): string {
  const stops = [
    { x0: from.x, x1: from.x + NODE_W, y: from.y + NODE_H / 2 },
    ...slots,
    { x0: to.x - 3, x1: to.x - 3, y: to.y + NODE_H / 2 },
  ];
  let d = `M ${stops[0]!.x1} ${stops[0]!.y}`;
  for (let i = 1; i < stops.length; i++) {
    const a = stops[i - 1]!;
    const b = stops[i]!;
    const mid = (a.x1 + b.x0) / 2;
    d += ` C ${mid} ${a.y}, ${mid} ${b.y}, ${b.x0} ${b.y}`;
    if (b.x1 > b.x0) d += ` L ${b.x1} ${b.y}`;
  }
  return d;
}

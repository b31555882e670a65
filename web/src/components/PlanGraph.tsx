/**
 * The plan as a graph: steps are nodes, dependencies are edges, one swimlane (and one
 * colour) per agent, columns by dependency depth. Hand-written SVG layout: a plan has
 * tens of steps, so a layered layout is clear and needs no library.
 */
export interface GraphStep {
  id: string;
  label: string;
  agent?: string | undefined;
  status: string;
  deps: string[];
}

const COL_W = 244;
const NODE_W = 214;
const NODE_H = 62;
const ROW_H = 74;
/** Characters of a label that fit on one line of a node (12px monospace in NODE_W). */
const LINE_CHARS = 26;
const LANE_LABEL_W = 112;
const PAD = 16;

const AGENT_COLOURS = [
  '#6366f1',
  '#0ea5e9',
  '#f59e0b',
  '#10b981',
  '#ec4899',
  '#8b5cf6',
  '#14b8a6',
  '#f97316',
];

/** A stable colour per agent name (order of first appearance in the sorted list). */
export function agentColour(agents: string[], agent: string | undefined): string {
  const i = agent === undefined ? -1 : agents.indexOf(agent);
  return i < 0 ? '#94a3b8' : AGENT_COLOURS[i % AGENT_COLOURS.length]!;
}

function depths(steps: GraphStep[]): Map<string, number> {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0; // a cycle would be a bug upstream; do not hang the page
    visiting.add(id);
    const step = byId.get(id);
    const d = step ? Math.max(-1, ...step.deps.filter((x) => byId.has(x)).map(visit)) + 1 : 0;
    visiting.delete(id);
    depth.set(id, d);
    return d;
  };
  steps.forEach((s) => visit(s.id));
  return depth;
}

/**
 * A step label on at most two lines, broken at spaces so each fits LINE_CHARS; only a
 * label too long for two lines is cut (with …). The full text stays in the tooltip.
 */
export function labelLines(label: string): [string] | [string, string] {
  if (label.length <= LINE_CHARS) return [label];
  const cut = label.lastIndexOf(' ', LINE_CHARS);
  const first = cut > 0 ? label.slice(0, cut) : label.slice(0, LINE_CHARS);
  const rest = (cut > 0 ? label.slice(cut + 1) : label.slice(LINE_CHARS)).trimStart();
  return [first, rest.length > LINE_CHARS ? `${rest.slice(0, LINE_CHARS - 1)}…` : rest];
}

function statusClass(status: string): string {
  return `node node-${status.replace(/[^a-z_]/gi, '').toLowerCase()}`;
}

export function PlanGraph(props: {
  steps: GraphStep[];
  agents: string[];
  selected?: string | undefined;
  onSelect?(id: string): void;
}) {
  const { steps, agents } = props;
  const depth = depths(steps);
  const laneNames = [...new Set([...agents, ...steps.map((s) => s.agent ?? 'unassigned')])].filter(
    (a) => steps.some((s) => (s.agent ?? 'unassigned') === a),
  );
  // Place nodes: lane by agent, column by depth, stacked within a lane's column.
  const pos = new Map<string, { x: number; y: number }>();
  const lanes: Array<{ name: string; top: number; height: number }> = [];
  let top = PAD;
  for (const lane of laneNames) {
    const inLane = steps.filter((s) => (s.agent ?? 'unassigned') === lane);
    const perCol = new Map<number, number>();
    for (const s of inLane) {
      const d = depth.get(s.id) ?? 0;
      const row = perCol.get(d) ?? 0;
      perCol.set(d, row + 1);
      pos.set(s.id, { x: LANE_LABEL_W + PAD + d * COL_W, y: top + 8 + row * ROW_H });
    }
    const rows = Math.max(1, ...perCol.values());
    const height = rows * ROW_H + 8;
    lanes.push({ name: lane, top, height });
    top += height;
  }
  const maxDepth = Math.max(0, ...depth.values());
  const width = LANE_LABEL_W + PAD * 2 + (maxDepth + 1) * COL_W;
  const height = top + PAD;

  return (
    // Wide plans scale down to the card's width (max-width: 100%) instead of scrolling.
    <svg
      className="plan-graph"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      style={{ maxWidth: '100%', height: 'auto' }}
      role="img"
      aria-label="plan graph"
    >
      <defs>
        <marker
          id="arrow"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="7"
          markerHeight="7"
          orient="auto-start-reverse"
        >
          <path d="M 0 0 L 10 5 L 0 10 z" fill="#a3aab9" />
        </marker>
      </defs>
      {lanes.map((lane, i) => (
        <g key={lane.name}>
          <rect
            x={0}
            y={lane.top}
            width={width}
            height={lane.height}
            fill={i % 2 ? '#fafbfd' : '#ffffff'}
          />
          <rect
            x={0}
            y={lane.top}
            width={4}
            height={lane.height}
            fill={agentColour(agents, lane.name)}
          />
          <text x={14} y={lane.top + 22} className="lane-label">
            {lane.name}
          </text>
        </g>
      ))}
      {steps.flatMap((s) =>
        s.deps
          .filter((d) => pos.has(d))
          .map((d) => {
            const a = pos.get(d)!;
            const b = pos.get(s.id)!;
            const x1 = a.x + NODE_W;
            const y1 = a.y + NODE_H / 2;
            const x2 = b.x - 2;
            const y2 = b.y + NODE_H / 2;
            const mid = (x1 + x2) / 2;
            return (
              <path
                key={`${d}->${s.id}`}
                d={`M ${x1} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${x2} ${y2}`}
                className="edge"
                markerEnd="url(#arrow)"
              />
            );
          }),
      )}
      {steps.map((s) => {
        const p = pos.get(s.id)!;
        const colour = agentColour(agents, s.agent);
        return (
          <g
            key={s.id}
            transform={`translate(${p.x} ${p.y})`}
            className={`${statusClass(s.status)}${props.selected === s.id ? ' selected' : ''}`}
            data-step={s.id}
            data-status={s.status}
            onClick={() => props.onSelect?.(s.id)}
          >
            <title>{`${s.label}\n${s.agent ?? 'unassigned'} · ${s.status}`}</title>
            <rect className="node-box" width={NODE_W} height={NODE_H} rx={8} />
            <rect width={4} height={NODE_H} rx={2} fill={colour} />
            <text x={14} y={19} className="node-label">
              {labelLines(s.label).map((line, i) => (
                <tspan key={i} x={14} dy={i === 0 ? 0 : 15}>
                  {line}
                </tspan>
              ))}
            </text>
            <circle cx={18} cy={48} r={4} className="node-dot" />
            <text x={28} y={52} className="node-status">
              {s.status.replace(/_/g, ' ')}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

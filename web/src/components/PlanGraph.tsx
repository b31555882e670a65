/**
 * The plan as a graph: steps are nodes, dependencies are edges, one lane (and one colour)
 * per agent. The layout is dagre's (graph-layout.ts); this file only draws it. The graph
 * keeps its natural size (labels stay readable) and scrolls sideways in a narrow window.
 */
import { useMemo } from 'react';
import { LANE_LABEL_H, NODE_H, NODE_W, layoutPlan } from './graph-layout.ts';

export interface GraphStep {
  id: string;
  label: string;
  agent?: string | undefined;
  status: string;
  deps: string[];
}

/** Characters of a label that fit on one line of a node (12px monospace in NODE_W). */
const LINE_CHARS = 26;

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
  // The layout depends on the plan only, not on statuses that change as the run goes.
  const shape = JSON.stringify(steps.map((s) => [s.id, s.agent, s.deps]));
  const layout = useMemo(() => layoutPlan(steps, agents), [shape, agents.join(' ')]);
  const { width, height } = layout;

  return (
    <svg
      className="plan-graph"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
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
      {layout.lanes.map((lane) => (
        <g key={lane.name} className="lane" data-lane={lane.name}>
          <rect
            x={lane.x}
            y={lane.y}
            width={lane.width}
            height={lane.height}
            rx={10}
            className="lane-box"
          />
          <rect
            x={lane.x}
            y={lane.y}
            width={4}
            height={lane.height}
            rx={2}
            fill={agentColour(agents, lane.name)}
          />
          <text x={lane.x + 12} y={lane.y + LANE_LABEL_H - 5} className="lane-label">
            {lane.name}
          </text>
        </g>
      ))}
      {layout.edges.map((e) => (
        <path
          key={`${e.from}->${e.to}`}
          d={e.path}
          className="edge"
          data-edge={`${e.from}->${e.to}`}
          markerEnd="url(#arrow)"
        />
      ))}
      {steps.map((s) => {
        const p = layout.nodes.get(s.id)!;
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

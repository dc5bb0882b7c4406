import type { Instance } from './api';
import { formatLag, replicationTone, statusTone } from './format';

const NODE_W = 196;
const NODE_H = 58;
const COL_GAP = 150;
const ROW_GAP = 22;
const PAD = 16;

interface Placed {
  readonly instance: Instance;
  readonly x: number;
  readonly y: number;
}

/**
 * Sources on the left, their read replicas to the right (a replica of a replica one column further),
 * one row per leaf, so the drawing reads like a tree.
 */
function layout(instances: readonly Instance[]): { placed: Map<string, Placed>; width: number; height: number } {
  const byId = new Map(instances.map((i) => [i.id, i]));
  const children = new Map<string, Instance[]>();
  const roots: Instance[] = [];
  for (const instance of instances) {
    const parent = instance.replicaOf && byId.has(instance.replicaOf) ? instance.replicaOf : null;
    if (parent === null) roots.push(instance);
    else children.set(parent, [...(children.get(parent) ?? []), instance]);
  }
  const placed = new Map<string, Placed>();
  let row = 0;
  let depthMax = 0;
  const place = (instance: Instance, depth: number): number => {
    depthMax = Math.max(depthMax, depth);
    const kids = children.get(instance.id) ?? [];
    let y: number;
    if (kids.length === 0) {
      y = PAD + row * (NODE_H + ROW_GAP);
      row += 1;
    } else {
      const ys = kids.map((kid) => place(kid, depth + 1));
      y = (ys[0]! + ys[ys.length - 1]!) / 2;
    }
    placed.set(instance.id, { instance, x: PAD + depth * (NODE_W + COL_GAP), y });
    return y;
  };
  for (const root of roots) place(root, 0);
  return {
    placed,
    width: PAD * 2 + (depthMax + 1) * NODE_W + depthMax * COL_GAP,
    height: PAD * 2 + Math.max(1, row) * (NODE_H + ROW_GAP) - ROW_GAP,
  };
}

/** Shortens a label to fit a node (SVG text does not wrap). */
const fit = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function Topology(props: { instances: readonly Instance[]; selected: string | null; onSelect: (id: string) => void }) {
  const { placed, width, height } = layout(props.instances);
  if (props.instances.length === 0) {
    return <div class="empty">No DB instances yet. Create one to see it here.</div>;
  }
  const edges = [...placed.values()].filter((p) => p.instance.replicaOf && placed.has(p.instance.replicaOf));
  return (
    <svg class="topology" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label="Replication topology">
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" class="arrow-head" />
        </marker>
      </defs>
      {edges.map((replica) => {
        const source = placed.get(replica.instance.replicaOf!)!;
        const x1 = source.x + NODE_W;
        const y1 = source.y + NODE_H / 2;
        const x2 = replica.x - 2;
        const y2 = replica.y + NODE_H / 2;
        const mid = (x1 + x2) / 2;
        const tone = replicationTone(replica.instance.replication?.status);
        const label = replica.instance.replication?.status === 'replicating'
          ? `lag ${formatLag(replica.instance.replicaLag)}`
          : replica.instance.replication?.status ?? replica.instance.status;
        return (
          <g class={`edge tone-${tone}`} key={`edge-${replica.instance.id}`} data-edge={`${source.instance.id}->${replica.instance.id}`}>
            <path d={`M ${x1} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${x2} ${y2}`} marker-end="url(#arrow)" />
            {/* By the replica it describes, on the side of the curve's last, level stretch that the curve does not come from. */}
            <text x={x2 - 10} y={y2 > y1 ? y2 + 17 : y2 - 8} text-anchor="end" class="edge-label">
              {fit(label, 20)}
            </text>
          </g>
        );
      })}
      {[...placed.values()].map(({ instance, x, y }) => (
        <g
          class={`node${props.selected === instance.id ? ' selected' : ''}`}
          key={instance.id}
          data-node={instance.id}
          transform={`translate(${x} ${y})`}
          onClick={() => props.onSelect(instance.id)}
          tabIndex={0}
          onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && props.onSelect(instance.id)}
        >
          <title>{`${instance.id} — ${instance.status}`}</title>
          <rect class="node-box" width={NODE_W} height={NODE_H} rx="9" />
          <circle class={`node-dot tone-${statusTone(instance.status)}`} cx="17" cy="22" r="5" />
          <text x="30" y="27" class="node-title">
            {fit(instance.id, 19)}
          </text>
          <text x="30" y="45" class="node-sub">
            {fit(`${instance.role} · ${instance.status}`, 26)}
          </text>
        </g>
      ))}
    </svg>
  );
}

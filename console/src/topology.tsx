import type { Instance } from './api';
import { formatLag, replicationTone, statusTone } from './format';

const NODE_W = 196;
const NODE_H = 58;
const COL_GAP = 150;
const ROW_GAP = 22;
const PAD = 16;

/** A box in the drawing: a DB instance, or a source outside openrds (rds_set_external_master). */
interface Node {
  readonly id: string;
  readonly title: string;
  readonly subtitle: string;
  readonly status: string;
  /** The node this one replicates from, if it is drawn (the tree's parent: the first of `sources`). */
  readonly parent: string | null;
  /** Every node this one replicates from, one per channel (multi-source replication), with that channel's state. */
  readonly sources: readonly { readonly id: string; readonly replication: Replication }[];
  readonly external: boolean;
  readonly replication: Replication;
}

type Replication = { readonly status: string; readonly lag: number | null } | null;

interface Placed {
  readonly node: Node;
  readonly x: number;
  readonly y: number;
}

/** DB instances plus one node per external source they replicate from. */
function nodesOf(instances: readonly Instance[]): Node[] {
  const ids = new Set(instances.map((i) => i.id));
  const external = new Map<string, Node>();
  const nodes = instances.map((i): Node => {
    const outside = i.externalSources.map((source) => {
      const where = `${source.host}:${source.port}`;
      const id = `external:${where}`;
      if (!external.has(id)) {
        external.set(id, { id, title: where, subtitle: 'external source', status: 'available', parent: null, sources: [], external: true, replication: null });
      }
      return { id, replication: { status: source.status, lag: source.lag } };
    });
    const sources = i.replicaOf && ids.has(i.replicaOf) ? [{ id: i.replicaOf, replication: { status: i.replication?.status ?? 'unknown', lag: i.replicaLag } }] : outside;
    return {
      id: i.id,
      title: i.id,
      subtitle: `${i.role} · ${i.status}`,
      status: i.status,
      parent: sources[0]?.id ?? null,
      sources,
      external: false,
      replication: sources[0]?.replication ?? null,
    };
  });
  return [...external.values(), ...nodes];
}

/**
 * Sources on the left, their read replicas to the right (a replica of a replica one column further),
 * one row per leaf, so the drawing reads like a tree. External sources stand left of their replicas.
 */
function layout(nodes: readonly Node[]): { placed: Map<string, Placed>; width: number; height: number } {
  const children = new Map<string, Node[]>();
  const roots: Node[] = [];
  for (const node of nodes) {
    if (node.parent === null) roots.push(node);
    else children.set(node.parent, [...(children.get(node.parent) ?? []), node]);
  }
  const placed = new Map<string, Placed>();
  let row = 0;
  let depthMax = 0;
  const place = (node: Node, depth: number): number => {
    depthMax = Math.max(depthMax, depth);
    const kids = children.get(node.id) ?? [];
    let y: number;
    if (kids.length === 0) {
      y = PAD + row * (NODE_H + ROW_GAP);
      row += 1;
    } else {
      const ys = kids.map((kid) => place(kid, depth + 1));
      y = (ys[0]! + ys[ys.length - 1]!) / 2;
    }
    placed.set(node.id, { node, x: PAD + depth * (NODE_W + COL_GAP), y });
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
  const { placed, width, height } = layout(nodesOf(props.instances));
  if (props.instances.length === 0) {
    return <div class="empty">No DB instances yet. Create one to see it here.</div>;
  }
  const edges = [...placed.values()].flatMap((replica) =>
    replica.node.sources.filter((s) => placed.has(s.id)).map((s) => ({ replica, source: placed.get(s.id)!, replication: s.replication })),
  );
  return (
    <svg class="topology" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label="Replication topology">
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" class="arrow-head" />
        </marker>
      </defs>
      {edges.map(({ replica, source, replication }) => {
        const x1 = source.x + NODE_W;
        const y1 = source.y + NODE_H / 2;
        const x2 = replica.x - 2;
        const y2 = replica.y + NODE_H / 2;
        const mid = (x1 + x2) / 2;
        const tone = replicationTone(replication?.status);
        const label = replication?.status === 'replicating'
          ? `lag ${formatLag(replication.lag)}`
          : replication?.status ?? replica.node.status;
        return (
          <g class={`edge tone-${tone}`} key={`edge-${source.node.id}-${replica.node.id}`} data-edge={`${source.node.id}->${replica.node.id}`}>
            <path d={`M ${x1} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${x2} ${y2}`} marker-end="url(#arrow)" />
            {/* By the replica it describes, on the side of the curve's last, level stretch that the curve does not come from. */}
            <text x={x2 - 10} y={y2 > y1 ? y2 + 17 : y2 - 8} text-anchor="end" class="edge-label">
              {fit(label, 20)}
            </text>
          </g>
        );
      })}
      {[...placed.values()].map(({ node, x, y }) => (
        <g
          class={`node${node.external ? ' external' : ''}${props.selected === node.id ? ' selected' : ''}`}
          key={node.id}
          data-node={node.id}
          transform={`translate(${x} ${y})`}
          onClick={() => !node.external && props.onSelect(node.id)}
          tabIndex={node.external ? -1 : 0}
          onKeyDown={(e) => !node.external && (e.key === 'Enter' || e.key === ' ') && props.onSelect(node.id)}
        >
          <title>{`${node.title} — ${node.external ? 'a MySQL/MariaDB server outside openrds' : node.status}`}</title>
          <rect class="node-box" width={NODE_W} height={NODE_H} rx="9" />
          <circle class={`node-dot tone-${node.external ? 'off' : statusTone(node.status)}`} cx="17" cy="22" r="5" />
          <text x="30" y="27" class="node-title">
            {fit(node.title, 19)}
          </text>
          <text x="30" y="45" class="node-sub">
            {fit(node.subtitle, 26)}
          </text>
        </g>
      ))}
    </svg>
  );
}

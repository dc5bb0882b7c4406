import type { ControlPlane } from '../control/control-plane.js';
import { switchoverStatus } from './blue-green-xml.js';
import { eventView, type EventView } from './events-json.js';

/** How many of a deployment's events its view carries (the newest). */
const EVENTS_PER_DEPLOYMENT = 10;

/**
 * The openrds JSON view of a blue/green deployment, for the console: what
 * DescribeBlueGreenDeployments says of it (instances by identifier, not ARN) and its latest events.
 */
export interface BlueGreenView {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly statusDetails: string | null;
  readonly source: string;
  readonly target: string;
  readonly createTime: string;
  readonly targetEngineVersion: string | null;
  readonly targetParameterGroup: string | null;
  readonly members: readonly { readonly source: string; readonly target: string; readonly status: string }[];
  readonly tasks: readonly { readonly name: string; readonly status: string }[];
  /** Newest first. */
  readonly events: readonly EventView[];
}

export function blueGreenViews(control: ControlPlane): BlueGreenView[] {
  return control.blueGreen.deployments.list().map((d) => ({
    id: d.id,
    name: d.name,
    status: d.status,
    statusDetails: d.statusDetails ?? null,
    source: d.members[0]!.source,
    target: d.members[0]!.target,
    createTime: d.createTime,
    targetEngineVersion: d.targetEngineVersion ?? null,
    targetParameterGroup: d.targetParameterGroup ?? null,
    members: d.members.map((m) => ({ source: m.source, target: m.target, status: switchoverStatus(m, d, control) })),
    tasks: d.tasks.map((t) => ({ name: t.name, status: t.status })),
    events: control.events.list({ sourceIdentifier: d.id }).slice(-EVENTS_PER_DEPLOYMENT).reverse().map(eventView),
  }));
}

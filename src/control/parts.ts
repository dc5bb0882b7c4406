import type { Placement } from '../engine/index.js';
import type { EventLog } from './events.js';
import type { InstanceStates } from './instance-states.js';
import type { Operations } from './operations.js';
import type { Secrets } from './secrets.js';
import type { SubnetGroups } from './subnet-groups.js';
import type { Supervisor } from './supervisor.js';

/** The parts most of the control plane's operations work with (ControlPlane builds them once). */
export interface InstanceParts {
  readonly placement: Placement;
  readonly states: InstanceStates;
  readonly events: EventLog;
  readonly secrets: Secrets;
  readonly supervisor: Supervisor;
  readonly operations: Operations;
  readonly subnetGroups: SubnetGroups;
}

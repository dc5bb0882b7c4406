import { RdsError } from '../errors.js';
import type { InstanceRecord, InstanceStatus } from '../model/instance-record.js';
import type { Store } from '../store/store.js';

/** RDS's refusal of a snapshot (CreateDBSnapshot, a final or a stop snapshot) of an instance that is not available. */
export const cannotSnapshot = (id: string): string =>
  `Cannot create a snapshot because the database instance ${id} is not currently in the available state.`;

/** RDS's refusal of an operation on an instance that is not available. */
export const notAvailable = (id: string): RdsError => new RdsError('InvalidDBInstanceState', `DB Instance ${id} is not in available state.`);

/** RDS's refusal of a new instance, or a new name, that another instance has. */
export const INSTANCE_EXISTS = 'DB instance already exists';

interface Transition {
  /** The states the operation may start from (one operation in flight per instance). */
  readonly from: readonly InstanceStatus[];
  /** The state the instance is in while the operation runs. */
  readonly to: InstanceStatus;
  /** RDS's message when the instance is in another state; the default names both. */
  readonly refusal?: (id: string, status: InstanceStatus) => string | undefined;
}

/** Every RDS operation that changes an instance's state, in one table. */
export const TRANSITIONS = {
  stop: { from: ['available'], to: 'stopping' },
  start: {
    from: ['stopped'],
    to: 'starting',
    refusal: (id) => `Instance ${id} cannot be started as it is not in stopped state.`,
  },
  reboot: { from: ['available'], to: 'rebooting' },
  /** PromoteReadReplica, and a source's deletion for each of its available read replicas. */
  promote: { from: ['available'], to: 'modifying' },
  'modify-class': { from: ['available'], to: 'modifying' },
  /** ModifyDBInstance's EngineVersion applied now (with a class change too, if asked). */
  upgrade: { from: ['available'], to: 'upgrading' },
  'reset-master-password': { from: ['available'], to: 'resetting-master-credentials' },
  delete: {
    from: ['available', 'stopped', 'failed'],
    to: 'deleting',
    refusal: (id, status) => (status === 'deleting' ? `Instance ${id} is already being deleted.` : undefined),
  },
  /** CreateDBSnapshot: the instance is backing up while its hot copy runs. */
  snapshot: {
    from: ['available'],
    to: 'backing-up',
    refusal: (id) => cannotSnapshot(id),
  },
  /** ModifyDBInstance NewDBInstanceIdentifier applied now: the instance reboots under its new name. */
  rename: { from: ['available'], to: 'renaming' },
  /** ModifyDBInstance DBPortNumber: the instance restarts on its new port (whatever ApplyImmediately says). */
  'modify-port': { from: ['available'], to: 'modifying' },
  /** SwitchoverBlueGreenDeployment: every member of both environments while it runs. */
  switchover: { from: ['available'], to: 'modifying' },
  /** The operator guard's offline repair: a restart. */
  repair: { from: ['available'], to: 'rebooting' },
} as const satisfies Record<string, Transition>;

export type Operation = keyof typeof TRANSITIONS;

/** Instance records and their states, read and written through the store. */
/** RDS's answer for a DB instance that is not there. */
export const instanceNotFound = (id: string): RdsError => new RdsError('DBInstanceNotFound', `DBInstance ${id} not found.`);

export class InstanceStates {
  constructor(private readonly store: Store) {}

  get(id: string): InstanceRecord {
    const record = this.store.getInstance(id);
    if (!record) throw instanceNotFound(id);
    return record;
  }

  find(id: string): InstanceRecord | undefined {
    return this.store.getInstance(id);
  }

  list(): InstanceRecord[] {
    return this.store.listInstances();
  }

  /** Read replicas of `id` (derived from the replicas' records). */
  replicasOf(id: string): InstanceRecord[] {
    return this.list().filter((r) => r.replicaOf === id);
  }

  /** Writes fields of an existing record (a no-op once it is deleted). */
  update(id: string, fields: Partial<InstanceRecord>): InstanceRecord | undefined {
    const record = this.find(id);
    if (!record) return undefined;
    const updated = { ...record, ...fields };
    this.store.putInstance(updated);
    return updated;
  }

  delete(id: string): void {
    this.store.deleteInstance(id);
  }

  setStatus(id: string, status: InstanceStatus): InstanceRecord {
    const updated = { ...this.get(id), status };
    this.store.putInstance(updated);
    return updated;
  }

  /** Starts `operation`: refused with RDS's InvalidDBInstanceState unless the table allows it. */
  begin(id: string, operation: Operation): InstanceRecord {
    const record = this.get(id);
    const transition: Transition = TRANSITIONS[operation];
    if (!transition.from.includes(record.status)) {
      const message =
        transition.refusal?.(id, record.status) ??
        `Instance ${id} is not in ${transition.from.join(' or ')} state (it is ${record.status}).`;
      throw new RdsError('InvalidDBInstanceState', message);
    }
    return this.setStatus(id, transition.to);
  }
}

import type { Logger } from 'pino';
import { RdsError } from '../errors.js';
import type { InstanceRecord } from '../model/instance-record.js';
import type { SnapshotRecord } from '../model/snapshot-record.js';
import { checkOptions, mergeOptions } from './instance-options.js';
import type { ReplicaProvisioning } from './replica-provisioning.js';
import type { Snapshots } from './snapshots.js';
import { fieldsOf, InstanceModify, reportChanged, type InstanceModifyOptions, type ModifyInstanceInput, type RestartChanges } from './instance-modify.js';
import type { InstanceRenames } from './instance-rename.js';

export interface LifecycleOptions extends InstanceModifyOptions {
  readonly replicas: ReplicaProvisioning;
  readonly snapshots: Snapshots;
  readonly logger: Logger;
  /** A rename asked for without ApplyImmediately happens at the next reboot. */
  readonly renames: InstanceRenames;
}

export type { ModifyInstanceInput } from './instance-modify.js';

/** The RDS operations on an existing instance, and bringing instances back when openrds starts. */
export class Lifecycle {
  readonly #modify: InstanceModify;

  constructor(private readonly options: LifecycleOptions) {
    this.#modify = new InstanceModify(options);
  }

  /** Brings the processes in line with the store: what was available comes back, nothing stays half-made. */
  async reconcile(): Promise<void> {
    const { placement, states, logger } = this.options;
    const records = states.list();
    const known = new Set(records.map((r) => r.id));
    for (const orphan of await placement.list()) {
      if (!known.has(orphan)) {
        await placement.stopLeftover(orphan);
        await placement.destroy(orphan);
        logger.warn({ instance: orphan }, 'removed files of an instance the store does not know');
      }
    }
    await Promise.all(records.map((record) => this.#reconcileOne(record)));
  }

  async #reconcileOne(record: InstanceRecord): Promise<void> {
    const { placement, states, events, supervisor } = this.options;
    await placement.stopLeftover(record.id);
    switch (record.status) {
      case 'creating':
        // The master password is never stored, so an interrupted creation cannot be finished.
        await placement.destroy(record.id);
        supervisor.fail(record.id, 'creation was interrupted by a restart of openrds');
        return;
      case 'deleting':
        await this.#finishDelete(record.id);
        return;
      case 'stopping':
        states.setStatus(record.id, 'stopped');
        events.record(record.id, 'RDS-EVENT-0087');
        return;
      case 'stopped':
      case 'failed':
        return;
      default:
        try {
          await supervisor.start(states.setStatus(record.id, 'starting'));
          states.setStatus(record.id, 'available');
        } catch (error) {
          supervisor.fail(record.id, (error as Error).message);
        }
    }
  }

  /** PromoteReadReplica: the promoted instance has automated backups (RDS's default retention is 1 day). */
  promote(id: string, backups: { retention?: number; window?: string } = {}): InstanceRecord {
    const record = this.options.states.get(id);
    if (!record.replicaOf) throw new RdsError('InvalidDBInstanceState', `DB Instance ${id} is not a read replica.`);
    const options = mergeOptions(record.options, { preferredBackupWindow: backups.window });
    checkOptions(options, record.allocatedStorage);
    this.options.states.begin(id, 'promote');
    const modifying = this.options.states.update(id, { backupRetentionPeriod: backups.retention ?? 1, options })!;
    this.options.operations.background(id, () => this.options.replicas.promote(id));
    return modifying;
  }

  delete(id: string, input: { skipFinalSnapshot: boolean; finalSnapshotId?: string }): InstanceRecord {
    const { states, operations, replicas, snapshots } = this.options;
    const record = states.get(id);
    // RDS's rules: a read replica takes no final snapshot; any other instance needs one or SkipFinalSnapshot.
    if (record.replicaOf && input.finalSnapshotId) {
      throw new RdsError('InvalidParameterCombination', 'FinalDBSnapshotIdentifier can not be specified when deleting a replica instance');
    }
    if (input.skipFinalSnapshot && input.finalSnapshotId) {
      throw new RdsError('InvalidParameterCombination', 'FinalDBSnapshotIdentifier can not be specified when SkipFinalSnapshot is enabled.');
    }
    if (!input.skipFinalSnapshot && !input.finalSnapshotId && !record.replicaOf) {
      throw new RdsError('InvalidParameterCombination', 'FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified.');
    }
    if (record.deletionProtection) {
      throw new RdsError('InvalidParameterCombination', 'Cannot delete protected DB Instance, please disable deletion protection and try again.');
    }
    const final = input.finalSnapshotId === undefined ? undefined : snapshots.begin(input.finalSnapshotId, record, undefined);
    const deleting = states.begin(id, 'delete');
    // As on RDS, the read replicas of a deleted source become standalone instances.
    const promoted = states.replicasOf(id).filter((r) => r.status === 'available');
    for (const replica of promoted) states.begin(replica.id, 'promote');
    operations.background(id, async () => {
      await Promise.all(promoted.map((r) => replicas.promote(r.id)));
      if (await this.#snapshotFirst(id, final)) await this.#finishDelete(id);
    });
    return deleting;
  }

  /**
   * Takes the snapshot a delete or a stop asked for first; without it the instance is neither
   * deleted nor stopped: it is available again (false).
   */
  async #snapshotFirst(id: string, snapshot: SnapshotRecord | undefined): Promise<boolean> {
    if (!snapshot) return true;
    try {
      await this.options.snapshots.take(snapshot);
      return true;
    } catch {
      this.options.states.setStatus(id, 'available');
      return false;
    }
  }

  async #finishDelete(id: string): Promise<void> {
    await this.options.supervisor.stop(id);
    await this.options.placement.stopLeftover(id);
    await this.options.placement.destroy(id);
    this.options.states.delete(id);
    this.options.secrets.forget(id);
    this.options.events.record(id, 'RDS-EVENT-0003');
  }

  /** StopDBInstance; with `snapshotId`, a snapshot is taken first (not stopped if it fails). */
  stop(id: string, snapshotId?: string): InstanceRecord {
    const { states, snapshots } = this.options;
    const record = states.get(id);
    // RDS's rules: neither a read replica nor a source of read replicas can be stopped.
    if (record.replicaOf) throw new RdsError('InvalidDBInstanceState', 'Cannot stop or start a Read-Replica instance');
    const replicas = states.replicasOf(id).map((r) => r.id);
    if (replicas.length > 0) {
      throw new RdsError('InvalidDBInstanceState', `Cannot stop DB instance ${id} because it is the source of read replicas: ${replicas.join(', ')}`);
    }
    const snapshot = snapshotId === undefined ? undefined : snapshots.begin(snapshotId, record, undefined);
    const stopping = states.begin(id, 'stop');
    this.options.operations.background(id, async () => {
      if (!(await this.#snapshotFirst(id, snapshot))) return;
      await this.options.supervisor.stop(id);
      this.options.states.setStatus(id, 'stopped');
      this.options.events.record(id, 'RDS-EVENT-0087');
    });
    return stopping;
  }

  start(id: string): InstanceRecord {
    const starting = this.options.states.begin(id, 'start');
    this.options.events.record(id, 'RDS-EVENT-0089');
    this.options.operations.background(id, () => this.#restart(id, 'RDS-EVENT-0088'));
    return starting;
  }

  reboot(id: string): InstanceRecord {
    const rebooting = this.options.states.begin(id, 'reboot');
    this.options.operations.background(id, async () => {
      await this.options.supervisor.stop(id);
      await this.#restart(id, 'RDS-EVENT-0006');
    });
    return rebooting;
  }

  /** Starts the server with the changes that waited for it, then reports `event`. */
  async #restart(id: string, event: 'RDS-EVENT-0006' | 'RDS-EVENT-0088'): Promise<void> {
    const { states, events, supervisor } = this.options;
    id = await this.options.renames.applyPending(id);
    const record = states.get(id);
    const changes: RestartChanges = { instanceClass: record.pendingInstanceClass, engineVersion: record.pendingEngineVersion };
    if (changes.engineVersion !== undefined) events.record(id, 'RDS-EVENT-0267');
    states.update(id, { ...fieldsOf(changes), pendingInstanceClass: undefined, pendingEngineVersion: undefined });
    await supervisor.start(states.get(id));
    states.setStatus(id, 'available');
    events.record(id, event);
    reportChanged(this.options.events, id, changes);
  }

  modify(input: ModifyInstanceInput): Promise<InstanceRecord> {
    return this.#modify.modify(input);
  }
}

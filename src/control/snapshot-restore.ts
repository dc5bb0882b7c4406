import type { OperatorClient, RunningServer } from '../engine/index.js';
import { RdsError } from '../errors.js';
import type { InstanceOptions, InstanceRecord, Tag } from '../model/instance-record.js';
import type { SnapshotRecord } from '../model/snapshot-record.js';
import { newOperatorPassword } from '../personality/personality.js';
import type { InstanceCreation } from './instance-creation.js';
import { checkOptionGroup } from './option-groups.js';
import { checkStorageQuota } from './account-quotas.js';
import { checkOptions, copyStorage, mergeOptions } from './instance-options.js';
import type { ParameterBinding } from './parameter-binding.js';
import type { InstanceParts } from './parts.js';
import { snapshotNotAvailable, type Snapshots } from './snapshots.js';

export interface RestoreInput {
  readonly id: string;
  readonly snapshotId: string;
  /** Checked against the snapshot's: a restore keeps its engine. */
  readonly engine?: string;
  readonly instanceClass?: string;
  readonly port?: number;
  readonly parameterGroupName?: string;
  readonly tags?: readonly Tag[];
  readonly deletionProtection?: boolean;
  readonly options?: InstanceOptions;
  /** At least the snapshot's. */
  readonly allocatedStorage?: number;
  /** The snapshot restore's default is 1 day, the point-in-time restore's its source's period. */
  readonly backupRetentionPeriod?: number;
  /** The new instance's DB subnet group (bookkeeping) and option group (the version's default only). */
  readonly subnetGroupName?: string;
  readonly optionGroupName?: string;
}

/** What a point-in-time restore adds to a snapshot's: the binary log replayed on the copy, and its own event. */
export interface RestoreExtras {
  readonly backupRetentionPeriod: number;
  /** Runs on the copy's server started for repair, before it starts as the instance. */
  readonly replay: (record: InstanceRecord) => Promise<void>;
  readonly reportRestored: (record: InstanceRecord) => void;
}

export interface SnapshotRestoreOptions extends InstanceParts {
  readonly snapshots: Snapshots;
  readonly creation: InstanceCreation;
  readonly parameters: ParameterBinding;
  readonly withOperator: <T>(id: string, work: (op: OperatorClient) => Promise<T>) => Promise<T>;
}

/**
 * RestoreDBInstanceFromDBSnapshot: a new instance whose data directory is a copy of the snapshot's,
 * with the snapshot's engine version and master user, standalone (whatever replication the copy
 * carried is forgotten), on a port of its own.
 */
export class SnapshotRestore {
  constructor(private readonly options: SnapshotRestoreOptions) {}

  async restore(input: RestoreInput, extras?: RestoreExtras): Promise<InstanceRecord> {
    const snapshot = this.options.snapshots.get(input.snapshotId);
    if (snapshot.status !== 'available') throw snapshotNotAvailable(snapshot.id);
    if (input.engine !== undefined && input.engine !== snapshot.engine) {
      throw new RdsError('InvalidParameterCombination', `DB snapshot ${snapshot.id} is of engine ${snapshot.engine}, not ${input.engine}.`);
    }
    const parameterGroup = this.options.parameters.check(snapshot.engine, snapshot.engineVersion, input.parameterGroupName);
    checkOptionGroup(snapshot, input.optionGroupName);
    const subnetGroup = input.subnetGroupName === undefined ? undefined : this.options.subnetGroups.get(input.subnetGroupName).name;
    const storage: InstanceOptions = {
      storageType: snapshot.storageType,
      iops: snapshot.iops,
      storageThroughput: snapshot.storageThroughput,
      availabilityZone: snapshot.availabilityZone,
    };
    const options = mergeOptions(storage, input.options ?? {});
    const allocatedStorage = copyStorage(input.allocatedStorage, snapshot.allocatedStorage, `DB snapshot ${snapshot.id}`);
    checkOptions(options, allocatedStorage);
    checkStorageQuota(this.options.states.list(), allocatedStorage);
    const record = await this.options.creation.insertCreating(input.port, (port) => ({
      id: input.id,
      parameterGroup,
      engine: snapshot.engine,
      engineVersion: snapshot.engineVersion,
      instanceClass: input.instanceClass ?? snapshot.instanceClass,
      masterUsername: snapshot.masterUsername,
      dbName: snapshot.dbName,
      port,
      allocatedStorage,
      backupRetentionPeriod: input.backupRetentionPeriod ?? extras?.backupRetentionPeriod ?? 1,
      tags: input.tags ?? snapshot.tags,
      deletionProtection: input.deletionProtection ?? false,
      options,
      subnetGroup,
      replicaOf: null,
    }));
    this.options.operations.background(record.id, () => this.options.snapshots.reading(snapshot.id, () => this.#provision(record, snapshot, extras)));
    return record;
  }

  async #provision(record: InstanceRecord, snapshot: SnapshotRecord, extras: RestoreExtras | undefined): Promise<void> {
    const { placement, secrets, supervisor, withOperator, states, events } = this.options;
    let server: RunningServer | undefined;
    try {
      await this.options.operations.phases(record.id, 'restore from snapshot', [
        ['snapshot copy', () => placement.restoreSnapshot(snapshot.id, record.id)],
        ...(extras ? [['binary log replay', () => supervisor.runForRepair(record, () => extras.replay(record))] as const] : []),
        // Not a read replica: the server starts without its replication (skip_slave_start).
        ['start', async () => void (server = await supervisor.start(record))],
        [
          'operator secret',
          async () => {
            const operatorPassword = newOperatorPassword();
            await using op = await placement.engine.openOperator(server!.endpoint, secrets.snapshotOperatorPassword(snapshot.id));
            await op.rotatePassword(operatorPassword);
            secrets.setOperatorPassword(record.id, operatorPassword);
          },
        ],
        // A copy of a read replica (or of an instance with an external source) forgets it, and its role.
        ['standalone', () => withOperator(record.id, (op) => op.promote())],
      ]);
    } catch (error) {
      await supervisor.stop(record.id);
      await placement.destroy(record.id);
      throw error;
    }
    // The copy brings its instance's rds_history: its resets were reported there already.
    const copied = await withOperator(record.id, (op) => op.status());
    states.update(record.id, { externalResets: copied.externalResets });
    states.setStatus(record.id, 'available');
    if (extras) return extras.reportRestored(record);
    events.record(record.id, 'RDS-EVENT-0043', snapshot.id);
    if (snapshot.position) events.record(record.id, 'OPENRDS-EVENT-0005', `${snapshot.position.binlogFile} ${snapshot.position.binlogPosition}`);
  }
}

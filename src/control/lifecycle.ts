import type { Logger } from 'pino';
import { RdsError } from '../errors.js';
import type { InstanceOptions, InstanceRecord } from '../model/instance-record.js';
import { checkOptions, mergeOptions, type LogExportChange } from './instance-options.js';
import { checkVersionChange } from './engine-version-change.js';
import { checkStorageQuota } from './account-quotas.js';
import { checkRetentionChange } from './backup-retention.js';
import type { ParameterBinding } from './parameter-binding.js';
import type { RdsEngine } from './rds-engines.js';
import type { ReplicaProvisioning } from './replica-provisioning.js';
import type { InstanceParts } from './parts.js';
import type { Snapshots } from './snapshots.js';
import type { InstanceRenames } from './instance-rename.js';
import type { Personality } from '../personality/personality.js';
import type { PersonalityName } from '../personality/engine-versions.js';

export interface ModifyInstanceInput {
  readonly id: string;
  readonly masterUserPassword?: string;
  readonly parameterGroupName?: string;
  /** Moves the instance to another DB subnet group (bookkeeping: applied at once). */
  readonly subnetGroupName?: string;
  readonly instanceClass?: string;
  readonly engineVersion?: string;
  readonly allowMajorVersionUpgrade?: boolean;
  readonly allocatedStorage?: number;
  readonly backupRetentionPeriod?: number;
  /** A new class or engine version restarts the instance now; otherwise it waits for the next reboot. */
  readonly applyImmediately?: boolean;
  readonly deletionProtection?: boolean;
  /** The options the request sets, on top of the instance's own. */
  readonly options?: InstanceOptions;
  readonly logExports?: LogExportChange;
}

export interface LifecycleOptions extends InstanceParts {
  readonly parameters: ParameterBinding;
  readonly replicas: ReplicaProvisioning;
  readonly snapshots: Snapshots;
  readonly engines: ReadonlyMap<InstanceRecord['engine'], RdsEngine>;
  readonly logger: Logger;
  /** A rename asked for without ApplyImmediately happens at the next reboot. */
  readonly renames: InstanceRenames;
  /** Re-applies an SQL personality to an instance's data (a major version upgrade). */
  readonly personality: Pick<Personality, 'reapply'>;
}

/** What a restart changes: a class (new memory settings) and an engine version (RDS's outage). */
interface RestartChanges {
  readonly instanceClass?: string;
  readonly engineVersion?: string;
  /** A major version upgrade: the personality re-applied offline, and the new family's parameter group. */
  readonly major?: { readonly personality?: PersonalityName; readonly parameterGroup: string };
}

/** The pending value after a request: what it changes later, nothing if it names the value again, else as it was. */
function pendingAfter(asked: string | undefined, later: string | undefined, before: string | undefined): string | undefined {
  return later ?? (asked !== undefined ? undefined : before);
}

/** The RDS operations on an existing instance, and bringing instances back when openrds starts. */
export class Lifecycle {
  constructor(private readonly options: LifecycleOptions) {}

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
      if (final) {
        try {
          await snapshots.take(final);
        } catch {
          // Without its final snapshot the instance is not deleted: it is available again.
          states.setStatus(id, 'available');
          return;
        }
      }
      await this.#finishDelete(id);
    });
    return deleting;
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
      if (snapshot) {
        try {
          await snapshots.take(snapshot);
        } catch {
          states.setStatus(id, 'available');
          return;
        }
      }
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
    states.update(id, { ...this.#fieldsOf(changes), pendingInstanceClass: undefined, pendingEngineVersion: undefined });
    await supervisor.start(states.get(id));
    states.setStatus(id, 'available');
    events.record(id, event);
    this.#reportChanged(id, changes);
  }

  async modify(input: ModifyInstanceInput): Promise<InstanceRecord> {
    const { states, parameters } = this.options;
    const record = states.get(input.id);
    const changes: RestartChanges = {
      instanceClass: input.instanceClass !== undefined && input.instanceClass !== record.instanceClass ? input.instanceClass : undefined,
      ...this.#versionChange(record, input),
    };
    // Without ApplyImmediately RDS waits for the maintenance window; openrds has none and waits for the next reboot.
    const now: RestartChanges = input.applyImmediately === true ? changes : {};
    const later: RestartChanges = input.applyImmediately === true ? {} : changes;
    const restartNow = now.instanceClass !== undefined || now.engineVersion !== undefined;
    if (record.status !== 'available' && (input.masterUserPassword !== undefined || restartNow)) {
      throw new RdsError('InvalidDBInstanceState', `Instance ${input.id} is not in available state.`);
    }
    checkRetentionChange(record, input.backupRetentionPeriod, states.replicasOf(record.id).map((r) => r.id));
    // A major version upgrade brings its parameter group (of the new family) with it.
    const group = input.parameterGroupName === undefined || changes.major ? undefined : parameters.check(record.engine, record.engineVersion, input.parameterGroupName);
    const options = mergeOptions(record.options, input.options ?? {}, input.logExports);
    checkOptions(options, input.allocatedStorage ?? record.allocatedStorage);
    checkStorageQuota(states.list(), (input.allocatedStorage ?? record.allocatedStorage) - record.allocatedStorage);
    const subnetGroup = input.subnetGroupName === undefined ? record.subnetGroup : this.options.subnetGroups.get(input.subnetGroupName).name;
    states.update(input.id, {
      pendingInstanceClass: pendingAfter(input.instanceClass, later.instanceClass, record.pendingInstanceClass),
      pendingEngineVersion: pendingAfter(input.engineVersion, later.engineVersion, record.pendingEngineVersion),
      allocatedStorage: input.allocatedStorage ?? record.allocatedStorage,
      backupRetentionPeriod: input.backupRetentionPeriod ?? record.backupRetentionPeriod,
      deletionProtection: input.deletionProtection ?? record.deletionProtection,
      options,
      subnetGroup,
    });
    if (group !== undefined) await parameters.bind(input.id, group);
    if (restartNow) return this.#restartWith(input.id, now, input.masterUserPassword);
    if (input.masterUserPassword === undefined) return states.get(input.id);
    const password = input.masterUserPassword;
    const resetting = states.begin(input.id, 'reset-master-password');
    this.options.operations.background(input.id, async () => {
      await this.#setMasterPassword(input.id, password);
      states.setStatus(input.id, 'available');
    });
    return resetting;
  }

  /** ModifyDBInstance's version change: none, a minor one, or a major one with its parameter group checked against the new family. */
  #versionChange(record: InstanceRecord, input: ModifyInstanceInput): Pick<RestartChanges, 'engineVersion' | 'major'> {
    if (input.engineVersion === undefined) return {};
    const move = checkVersionChange(
      record,
      { engineVersion: input.engineVersion, allowMajorVersionUpgrade: input.allowMajorVersionUpgrade ?? false, parameterGroupName: input.parameterGroupName },
      this.options.engines,
      this.options.states,
    );
    if (!move) return {};
    if (move.parameterGroup === undefined) return { engineVersion: move.version };
    if (input.applyImmediately !== true) {
      throw new RdsError('InvalidParameterCombination', 'openrds applies a major version upgrade at once: set ApplyImmediately (it has no maintenance window).');
    }
    const parameterGroup = this.options.parameters.check(record.engine, move.version, move.parameterGroup);
    return { engineVersion: move.version, major: { personality: move.personality, parameterGroup } };
  }

  /** Changes applied now: the server restarts with them ('upgrading' for a version, else 'modifying', meanwhile). */
  #restartWith(id: string, changes: RestartChanges, masterUserPassword: string | undefined): InstanceRecord {
    const { states, events, supervisor } = this.options;
    const restarting = states.begin(id, changes.engineVersion !== undefined ? 'upgrade' : 'modify-class');
    if (changes.instanceClass !== undefined) events.record(id, 'RDS-EVENT-0012', `to ${changes.instanceClass}`);
    if (changes.engineVersion !== undefined) events.record(id, 'RDS-EVENT-0267');
    this.options.operations.background(id, async () => {
      await supervisor.stop(id);
      const major = changes.major;
      if (major?.personality) {
        const personality = major.personality;
        await supervisor.runForRepair(states.get(id), (endpoint) => this.options.personality.reapply(endpoint, this.options.secrets.operatorPassword(id), personality));
      }
      states.update(id, { ...this.#fieldsOf(changes), ...(major && { parameterGroup: major.parameterGroup, parameterApplyStatus: 'in-sync' as const }) });
      await supervisor.start(states.get(id));
      this.#reportChanged(id, changes);
      if (masterUserPassword !== undefined) await this.#setMasterPassword(id, masterUserPassword);
      states.setStatus(id, 'available');
    });
    return restarting;
  }

  /** The record's fields a restart's changes set (none for what does not change). */
  #fieldsOf(changes: RestartChanges): Partial<InstanceRecord> {
    return {
      ...(changes.instanceClass !== undefined && { instanceClass: changes.instanceClass }),
      ...(changes.engineVersion !== undefined && { engineVersion: changes.engineVersion }),
    };
  }

  #reportChanged(id: string, changes: RestartChanges): void {
    if (changes.instanceClass !== undefined) this.options.events.record(id, 'RDS-EVENT-0014', `now ${changes.instanceClass}`);
    if (changes.engineVersion !== undefined) this.options.events.record(id, 'RDS-EVENT-0268', `now ${changes.engineVersion}`);
  }

  async #setMasterPassword(id: string, password: string): Promise<void> {
    const endpoint = this.options.supervisor.endpointOf(id);
    if (!endpoint) throw new Error('the server is not running');
    await using op = await this.options.placement.engine.openOperator(endpoint, this.options.secrets.operatorPassword(id));
    await op.setMasterPassword(password);
    this.options.events.record(id, 'RDS-EVENT-0016');
  }
}

import { RdsError } from '../errors.js';
import { instanceNotFound } from './instance-states.js';
import type { InstanceRecord } from '../model/instance-record.js';
import type { SnapshotRecord } from '../model/snapshot-record.js';
import type { AutomatedBackups } from './automated-backups.js';
import { floorToSecond } from './backup-window.js';
import type { InstanceParts } from './parts.js';
import type { OperatorClient } from '../engine/index.js';
import type { RestoreInput, SnapshotRestore } from './snapshot-restore.js';
import type { Snapshots } from './snapshots.js';

export interface PointInTimeInput extends Omit<RestoreInput, 'snapshotId'> {
  readonly sourceId?: string;
  readonly sourceResourceId?: string;
  readonly restoreTime?: Date;
  readonly useLatestRestorableTime?: boolean;
}

export interface PointInTimeRestoreOptions extends Pick<InstanceParts, 'states' | 'events' | 'placement' | 'supervisor'> {
  readonly snapshots: Snapshots;
  readonly backups: AutomatedBackups;
  readonly restore: SnapshotRestore;
  readonly withOperator: <T>(id: string, work: (op: OperatorClient) => Promise<T>) => Promise<T>;
}

/**
 * RestoreDBInstanceToPointInTime: the latest snapshot of the source (automated or manual) that
 * holds nothing after the restore time, restored, then the source's binary log replayed on it
 * from the snapshot's position to that second. The new instance is standalone.
 */
export class PointInTimeRestore {
  constructor(private readonly options: PointInTimeRestoreOptions) {}

  async restore(input: PointInTimeInput): Promise<InstanceRecord> {
    const source = this.#source(input);
    if (input.restoreTime !== undefined && input.useLatestRestorableTime) {
      throw new RdsError('InvalidParameterCombination', 'Cannot specify both RestoreTime and UseLatestRestorableTime.');
    }
    if (input.restoreTime === undefined && !input.useLatestRestorableTime) {
      throw new RdsError('InvalidParameterCombination', 'Either RestoreTime or UseLatestRestorableTime must be specified.');
    }
    if (source.backupRetentionPeriod === 0) {
      throw new RdsError('PointInTimeRestoreNotEnabled', `SourceDBInstanceIdentifier ${source.id} refers to a DB instance with BackupRetentionPeriod equal to 0.`);
    }
    const window = this.options.backups.restoreWindow(source);
    if (!window) throw new RdsError('InvalidRestoreFault', `DB instance ${source.id} has no automated backup to restore from yet.`);
    // The binary log has whole seconds: a restore time is the second it is in.
    const time = input.useLatestRestorableTime ? window.latest : floorToSecond(input.restoreTime!.getTime());
    if (time < window.earliest || time > window.latest) {
      const iso = (ms: number) => new Date(ms).toISOString();
      throw new RdsError(
        'InvalidRestoreFault',
        `The restore time ${iso(time)} is outside the restorable window of DB instance ${source.id}: ${iso(window.earliest)} to ${iso(window.latest)}.`,
      );
    }
    const base = this.#baseFor(source, time);
    // Up to where the log is written now: the file being written may end with an event half-written.
    const end = await this.#logEnd(source);
    const until = new Date(time);
    return this.options.restore.restore(
      { ...input, snapshotId: base.id },
      {
        backupRetentionPeriod: source.backupRetentionPeriod,
        replay: () => this.options.placement.replayBinlog(source.id, input.id, base.position!, { time: until, end }),
        reportRestored: (record) => this.options.events.record(record.id, 'RDS-EVENT-0019', `${source.id} to ${until.toISOString()}`),
      },
    );
  }

  #source(input: PointInTimeInput): InstanceRecord {
    const { states } = this.options;
    if (input.sourceId !== undefined) {
      const record = states.get(input.sourceId);
      if (input.sourceResourceId !== undefined && record.resourceId !== input.sourceResourceId) {
        throw new RdsError('InvalidParameterCombination', `DB instance ${record.id} does not have the resource id ${input.sourceResourceId}.`);
      }
      return record;
    }
    if (input.sourceResourceId === undefined) {
      throw new RdsError('InvalidParameterCombination', 'One of SourceDBInstanceIdentifier or SourceDbiResourceId must be specified.');
    }
    const record = states.list().find((r) => r.resourceId === input.sourceResourceId);
    if (!record) throw instanceNotFound(input.sourceResourceId);
    return record;
  }

  /** The latest available snapshot of the source whose copy ended before `time`, with its binary log position. */
  #baseFor(source: InstanceRecord, time: number): SnapshotRecord {
    const bases = this.options.snapshots
      .list()
      .filter((s) => s.resourceId === source.resourceId && s.status === 'available' && s.position && s.restorableFrom && Date.parse(s.restorableFrom) <= time)
      .sort((a, b) => Date.parse(a.restorableFrom!) - Date.parse(b.restorableFrom!));
    const base = bases.at(-1);
    if (!base) throw new RdsError('InvalidRestoreFault', `DB instance ${source.id} has no backup from before ${new Date(time).toISOString()}.`);
    return base;
  }

  async #logEnd(source: InstanceRecord): Promise<{ file: string; position: number } | undefined> {
    if (!this.options.supervisor.isRunning(source.id)) return undefined;
    const logs = (await this.options.withOperator(source.id, (op) => op.status())).binaryLogs;
    const last = logs.at(-1);
    return last && { file: last.name, position: last.size };
  }
}

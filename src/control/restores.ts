import type { InstanceRecord } from '../model/instance-record.js';
import { PointInTimeRestore, type PointInTimeInput, type PointInTimeRestoreOptions } from './point-in-time-restore.js';
import { SnapshotRestore, type RestoreInput, type SnapshotRestoreOptions } from './snapshot-restore.js';

export type RestoresOptions = SnapshotRestoreOptions & Omit<PointInTimeRestoreOptions, 'restore'>;

/** The restores: a new instance from a DB snapshot, or from an instance's backups at a point in time. */
export class Restores {
  readonly #snapshot: SnapshotRestore;
  readonly #pointInTime: PointInTimeRestore;

  constructor(options: RestoresOptions) {
    this.#snapshot = new SnapshotRestore(options);
    this.#pointInTime = new PointInTimeRestore({ ...options, restore: this.#snapshot });
  }

  /** RestoreDBInstanceFromDBSnapshot. */
  fromSnapshot(input: RestoreInput): Promise<InstanceRecord> {
    return this.#snapshot.restore(input);
  }

  /** RestoreDBInstanceToPointInTime. */
  toPointInTime(input: PointInTimeInput): Promise<InstanceRecord> {
    return this.#pointInTime.restore(input);
  }
}

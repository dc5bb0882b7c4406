import type { InstanceRecord, Tag } from './instance-record.js';

/** RDS's DB snapshot states that openrds uses (`deleted` is only DeleteDBSnapshot's answer). */
export type SnapshotStatus = 'creating' | 'available' | 'failed' | 'deleted';

/** `manual`: CreateDBSnapshot and its kin; `automated`: the daily backups of an instance with a retention period. */
export type SnapshotType = 'manual' | 'automated';

/** A DB snapshot as the control plane keeps it: what RDS shows, and what a restore needs. */
export interface SnapshotRecord {
  readonly id: string;
  /** Absent in records written before automated backups: manual. */
  readonly type?: SnapshotType;
  /** The instance it was taken of (which may be gone since). */
  readonly instanceId: string;
  /** The instance's DbiResourceId. */
  readonly resourceId: string;
  readonly engine: InstanceRecord['engine'];
  readonly engineVersion: string;
  readonly instanceClass: string;
  readonly masterUsername: string;
  readonly dbName: string | null;
  readonly port: number;
  readonly allocatedStorage: number;
  readonly instanceCreateTime: string;
  readonly snapshotCreateTime: string;
  /** The first snapshot's time, for a copy of a copy. */
  readonly originalSnapshotCreateTime: string;
  /** CopyDBSnapshot: the snapshot this one was copied from. */
  readonly sourceSnapshotId?: string;
  readonly status: SnapshotStatus;
  readonly tags: readonly Tag[];
  /** Storage options of the instance, shown with the snapshot and given to a restore. */
  readonly storageType?: string;
  readonly iops?: number;
  readonly storageThroughput?: number;
  readonly availabilityZone?: string;
  /** Where the copy stands in the instance's binary log (a restore reports it). */
  readonly position?: { readonly binlogFile: string; readonly binlogPosition: number; readonly gtid: string };
  /**
   * The first whole second the copy holds none of (ISO): a point-in-time restore to this second or
   * later can start from it and replay the instance's binary log from `position`.
   */
  readonly restorableFrom?: string;
  /**
   * Its `restore` attribute (ModifyDBSnapshotAttribute): the accounts that may copy or restore it,
   * `all` when it is public. Absent: shared with none. A copy starts unshared.
   */
  readonly sharedWith?: readonly string[];
  /** Bytes the snapshot's files take. */
  readonly bytes?: number;
}

import type { Logger } from 'pino';
import { RdsError } from '../errors.js';
import type { InstanceRecord, Tag } from '../model/instance-record.js';
import type { SnapshotRecord, SnapshotType } from '../model/snapshot-record.js';
import { ceilToSecond } from './backup-window.js';
import type { Store } from '../store/store.js';
import type { HotCopies } from './hot-copies.js';
import { cannotSnapshot } from './instance-states.js';
import type { InstanceParts } from './parts.js';

/** RDS's default quota of manual DB snapshots per region. */
export const MAX_SNAPSHOTS = 100;

/** RDS's refusal of an operation on a snapshot that is not available (being created, or failed). */
/** RDS's answer for a DB snapshot that is not there. */
export const snapshotNotFound = (id: string): RdsError => new RdsError('DBSnapshotNotFound', `DBSnapshot ${id} not found.`);

export const snapshotNotAvailable = (id: string): RdsError =>
  new RdsError('InvalidDBSnapshotState', `DBSnapshot ${id} is not in available state.`);

export interface SnapshotsOptions extends InstanceParts {
  readonly store: Store;
  readonly copies: HotCopies;
  readonly logger: Logger;
  /** The clock of snapshot times (automated backups are scheduled by it); Date.now by default. */
  readonly now?: () => number;
}

/**
 * Manual DB snapshots: a prepared hot copy of a running instance (taken through HotCopies, as a
 * read replica's is), kept by the placement apart from every instance; copies of snapshots; their
 * records in the store. Restores are SnapshotRestore's.
 */
export class Snapshots {
  #generation = 0;

  /** Changes with every write of a snapshot record: what reads them once per change may key on it. */
  get generation(): number {
    return this.#generation;
  }

  /** The store, for a write (counted). */
  #write(): SnapshotsOptions['store'] {
    this.#generation += 1;
    return this.options.store;
  }

  /** PercentProgress of the snapshots being created. */
  readonly #progress = new Map<string, number>();
  /** Snapshots whose files are being read (a restore, a copy), with how many readers. */
  readonly #readers = new Map<string, number>();

  constructor(private readonly options: SnapshotsOptions) {}

  get(id: string): SnapshotRecord {
    const snapshot = this.options.store.getSnapshot(id);
    if (!snapshot) throw snapshotNotFound(id);
    return snapshot;
  }

  list(): SnapshotRecord[] {
    return this.options.store.listSnapshots();
  }

  percentProgress(snapshot: SnapshotRecord): number {
    return snapshot.status === 'available' ? 100 : (this.#progress.get(snapshot.id) ?? 0);
  }

  /** CreateDBSnapshot: the instance is `backing-up` while its copy runs, and available again after (whatever the copy's fate). */
  create(id: string, instanceId: string, tags: readonly Tag[] | undefined): SnapshotRecord {
    const { states, operations } = this.options;
    const snapshot = this.begin(id, states.get(instanceId), tags);
    states.begin(instanceId, 'snapshot');
    operations.background(instanceId, async () => {
      await this.take(snapshot).catch(() => undefined);
      if (states.find(instanceId)?.status === 'backing-up') states.setStatus(instanceId, 'available');
    });
    return snapshot;
  }

  /**
   * Records a snapshot of `instance` as `creating`, with RDS's refusals (the instance not available,
   * the identifier taken, the quota); `take` makes its copy. Without tags of its own it gets the
   * instance's when the instance has CopyTagsToSnapshot.
   */
  begin(id: string, instance: InstanceRecord, tags: readonly Tag[] | undefined, type: SnapshotType = 'manual'): SnapshotRecord {
    if (instance.status !== 'available') throw new RdsError('InvalidDBInstanceState', cannotSnapshot(instance.id));
    const options = instance.options ?? {};
    const now = new Date(this.#now()).toISOString();
    return this.#insert({
      id,
      type,
      instanceId: instance.id,
      resourceId: instance.resourceId,
      engine: instance.engine,
      engineVersion: instance.engineVersion,
      instanceClass: instance.instanceClass,
      masterUsername: instance.masterUsername,
      dbName: instance.dbName,
      port: instance.port,
      allocatedStorage: instance.allocatedStorage,
      instanceCreateTime: instance.createTime,
      snapshotCreateTime: now,
      originalSnapshotCreateTime: now,
      status: 'creating',
      tags: tags?.length ? tags : options.copyTagsToSnapshot ? instance.tags : [],
      storageType: options.storageType,
      iops: options.iops,
      storageThroughput: options.storageThroughput,
      availabilityZone: options.availabilityZone,
    });
  }

  /** The copy of a snapshot begun: `available`, or `failed` with no files left (and the error thrown). */
  async take(snapshot: SnapshotRecord): Promise<void> {
    const { placement, copies, secrets, events } = this.options;
    const { id, instanceId } = snapshot;
    this.#progress.set(id, 0);
    events.record(instanceId, 'RDS-EVENT-0001');
    try {
      // The copy carries the operator password the instance has now: a restore logs in with it.
      const operatorPassword = secrets.operatorPassword(instanceId);
      const copy = await copies.run(instanceId, (account) =>
        placement.snapshot(instanceId, id, account, (copied, total) => this.#progress.set(id, Math.min(99, Math.floor((100 * copied) / Math.max(total, 1))))),
      );
      secrets.setSnapshotOperatorPassword(id, operatorPassword);
      // The copy's binary log position was read at its end: nothing of the next whole second is in it.
      const restorableFrom = new Date(ceilToSecond(this.#now() + 1)).toISOString();
      this.#write().putSnapshot({ ...this.get(id), status: 'available', position: copy.position, bytes: copy.bytes, restorableFrom });
      events.record(instanceId, 'RDS-EVENT-0002');
    } catch (error) {
      this.options.logger.error({ snapshot: id, instance: instanceId, err: error }, 'snapshot failed');
      await placement.destroySnapshot(id);
      // A failed automated backup is not kept: the next pass takes another.
      if (snapshot.type === 'automated') this.#write().deleteSnapshot(id);
      else this.#write().putSnapshot({ ...this.get(id), status: 'failed' });
      throw error;
    } finally {
      this.#progress.delete(id);
    }
  }

  /** CopyDBSnapshot (same region): a new snapshot with the source's files, tags given and, with `copyTags`, the source's. */
  copy(sourceId: string, targetId: string, tags: readonly Tag[], copyTags: boolean): SnapshotRecord {
    const source = this.get(sourceId);
    if (source.status !== 'available') throw snapshotNotAvailable(sourceId);
    const merged = new Map([...(copyTags ? source.tags : []), ...tags].map((t) => [t.Key, t]));
    const target = this.#insert({
      ...source,
      id: targetId,
      // A copy of an automated snapshot is manual: it is kept until deleted.
      type: 'manual',
      snapshotCreateTime: new Date(this.#now()).toISOString(),
      sourceSnapshotId: sourceId,
      status: 'creating',
      sharedWith: undefined,
      tags: [...merged.values()],
    });
    const { placement, secrets } = this.options;
    void this.options.operations.track(
      this.reading(sourceId, () => placement.copySnapshot(sourceId, targetId)).then(
        () => {
          secrets.setSnapshotOperatorPassword(targetId, secrets.snapshotOperatorPassword(sourceId));
          this.#write().putSnapshot({ ...this.get(targetId), status: 'available' });
        },
        async (error: unknown) => {
          this.options.logger.error({ snapshot: targetId, err: error }, 'snapshot copy failed');
          await placement.destroySnapshot(targetId);
          this.#write().putSnapshot({ ...this.get(targetId), status: 'failed' });
        },
      ),
    );
    return target;
  }

  /** DeleteDBSnapshot: its files are removed at once; the answer says `deleted`. Automated ones go with their retention period. */
  async delete(id: string): Promise<SnapshotRecord> {
    if (this.get(id).type === 'automated') throw new RdsError('InvalidDBSnapshotState', 'automated snapshots cannot be deleted.');
    return this.expire(id);
  }

  /** Removes a snapshot (an automated one past its retention period too), unless it is being made or read. */
  async expire(id: string): Promise<SnapshotRecord> {
    const snapshot = this.get(id);
    if (snapshot.status === 'creating' || this.#readers.has(id)) throw snapshotNotAvailable(id);
    await this.options.placement.destroySnapshot(id);
    this.#write().deleteSnapshot(id);
    this.options.secrets.setSnapshotOperatorPassword(id, '');
    return { ...snapshot, status: 'deleted' };
  }

  setTags(id: string, tags: readonly Tag[]): void {
    this.#write().putSnapshot({ ...this.get(id), tags });
  }

  /** Its `restore` attribute (snapshot-sharing.ts checks what goes in). */
  setSharedWith(id: string, sharedWith: readonly string[]): void {
    this.#write().putSnapshot({ ...this.get(id), sharedWith });
  }

  /** Runs `work` while it reads the files of snapshot `id` (which cannot be deleted meanwhile). */
  async reading<T>(id: string, work: () => Promise<T>): Promise<T> {
    this.#readers.set(id, (this.#readers.get(id) ?? 0) + 1);
    try {
      return await work();
    } finally {
      const left = this.#readers.get(id)! - 1;
      if (left === 0) this.#readers.delete(id);
      else this.#readers.set(id, left);
    }
  }

  /** At start-up: a snapshot a restart interrupted is failed, and files no record knows are removed. */
  async reconcile(): Promise<void> {
    const { placement } = this.options;
    const snapshots = this.list();
    const known = new Set(snapshots.map((s) => s.id));
    for (const orphan of await placement.listSnapshots()) if (!known.has(orphan)) await placement.destroySnapshot(orphan);
    for (const snapshot of snapshots.filter((s) => s.status === 'creating')) {
      await placement.destroySnapshot(snapshot.id);
      this.#write().putSnapshot({ ...snapshot, status: 'failed' });
    }
  }

  /** Manual snapshots: RDS's quota counts only these. */
  manualCount(): number {
    return this.list().filter((s) => s.type !== 'automated').length;
  }

  #now(): number {
    return (this.options.now ?? Date.now)();
  }

  #insert(snapshot: SnapshotRecord): SnapshotRecord {
    if (snapshot.type !== 'automated' && this.manualCount() >= MAX_SNAPSHOTS) {
      throw new RdsError('SnapshotQuotaExceeded', `Cannot create more than ${MAX_SNAPSHOTS} manual DB snapshots.`);
    }
    if (!this.#write().insertSnapshot(snapshot)) {
      throw new RdsError('DBSnapshotAlreadyExists', `Cannot create the snapshot because a snapshot with the identifier ${snapshot.id} already exists.`);
    }
    return snapshot;
  }
}

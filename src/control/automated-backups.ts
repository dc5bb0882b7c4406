import type { Logger } from 'pino';
import type { InstanceRecord } from '../model/instance-record.js';
import type { SnapshotRecord } from '../model/snapshot-record.js';
import { automatedSnapshotId, floorToSecond, windowOccurrence } from './backup-window.js';
import { DEFAULT_OPTIONS } from './instance-options.js';
import type { InstanceParts } from './parts.js';
import type { Snapshots } from './snapshots.js';

export interface AutomatedBackupsOptions extends Pick<InstanceParts, 'states' | 'supervisor' | 'operations'> {
  readonly snapshots: Snapshots;
  readonly logger: Logger;
  /** How long a day of backups lasts (windows and retention periods are measured in these days). */
  readonly dayMs: number;
  readonly now: () => number;
}

/** How long after a failed automated backup the next is tried. */
const RETRY_AFTER_MS = 30_000;

/** The span an instance can be restored to: from `earliest` to `latest` (ms, whole seconds). */
export interface RestoreWindow {
  readonly earliest: number;
  readonly latest: number;
}

/**
 * Automated backups of instances with a retention period: the first right away (as RDS takes one
 * when an instance is created or its backups are turned on), then one in each occurrence of the
 * instance's backup window; the ones no restore in the retention period needs are deleted, and
 * so are all of an instance whose backups are off or that is gone. The instance stays available
 * while its copy runs (RDS shows backing-up): nothing waits behind an automated backup.
 */
export class AutomatedBackups implements AsyncDisposable {
  readonly #taking = new Set<string>();
  readonly #failedAt = new Map<string, number>();
  /** The automated backups by instance as last read, and the snapshots' generation then (#byResource). */
  #read: { readonly generation: number; readonly byResource: ReadonlyMap<string, readonly SnapshotRecord[]> } | undefined;
  #timer: NodeJS.Timeout | undefined;
  #pass: Promise<void> | undefined;

  constructor(private readonly options: AutomatedBackupsOptions) {}

  /** Passes every `intervalMs` from now on. */
  start(intervalMs: number): void {
    const loop = () => {
      this.#pass = this.runOnce()
        .catch((error: unknown) => this.options.logger.warn({ err: error }, 'automated backup pass failed'))
        .finally(() => {
          if (this.#timer !== undefined) this.#timer = setTimeout(loop, intervalMs);
        });
    };
    this.#timer = setTimeout(loop, 0);
  }

  /** One pass: backups due begin (in the background), backups no longer needed are deleted. */
  async runOnce(): Promise<void> {
    const now = this.options.now();
    const instances = new Map(this.options.states.list().map((r) => [r.resourceId, r]));
    for (const snapshot of this.options.snapshots.list().filter((s) => s.type === 'automated' && s.status === 'available')) {
      const instance = instances.get(snapshot.resourceId);
      if (!instance || instance.backupRetentionPeriod === 0) await this.#expire(snapshot);
    }
    for (const record of instances.values()) {
      if (record.backupRetentionPeriod === 0) continue;
      await this.#expireOld(record, now);
      if (this.#due(record, now)) this.#take(record, now);
    }
  }

  /** The instance's automated backups that are available, oldest first. */
  of(record: InstanceRecord): readonly SnapshotRecord[] {
    return this.#byResource().get(record.resourceId) ?? [];
  }

  /**
   * The available automated backups by instance (resource id), oldest first, read again only when a
   * snapshot record changed: DescribeDBInstances asks for the window of each of its instances, and
   * reading every snapshot for each of 50 instances cost it ~7x (bench/fleet.ts).
   */
  #byResource(): ReadonlyMap<string, readonly SnapshotRecord[]> {
    const generation = this.options.snapshots.generation;
    if (this.#read?.generation === generation) return this.#read.byResource;
    const byResource = new Map<string, SnapshotRecord[]>();
    for (const snapshot of this.options.snapshots.list()) {
      if (snapshot.type !== 'automated' || snapshot.status !== 'available' || !snapshot.restorableFrom) continue;
      byResource.set(snapshot.resourceId, [...(byResource.get(snapshot.resourceId) ?? []), snapshot]);
    }
    for (const list of byResource.values()) list.sort((a, b) => Date.parse(a.restorableFrom!) - Date.parse(b.restorableFrom!));
    this.#read = { generation, byResource };
    return byResource;
  }

  /** Where a point-in-time restore of the instance may go; undefined without backups (retention 0, or none taken yet). */
  restoreWindow(record: InstanceRecord): RestoreWindow | undefined {
    const backups = this.of(record);
    if (record.backupRetentionPeriod === 0 || backups.length === 0) return undefined;
    const now = this.options.now();
    const earliest = Math.max(Date.parse(backups[0]!.restorableFrom!), floorToSecond(now - record.backupRetentionPeriod * this.options.dayMs));
    return { earliest, latest: Math.max(earliest, floorToSecond(now)) };
  }

  /** The oldest binary log a point-in-time restore of the instance still needs (the monitor keeps it and the later ones). */
  binlogRetainedFrom(record: InstanceRecord): string | undefined {
    return record.backupRetentionPeriod === 0 ? undefined : this.of(record)[0]?.position?.binlogFile;
  }

  #due(record: InstanceRecord, now: number): boolean {
    if (record.status !== 'available' || this.#taking.has(record.id) || !this.options.supervisor.isRunning(record.id)) return false;
    if (now - (this.#failedAt.get(record.id) ?? -Infinity) < RETRY_AFTER_MS) return false;
    const latest = this.of(record).at(-1);
    if (!latest) return true;
    const window = record.options?.preferredBackupWindow ?? DEFAULT_OPTIONS.preferredBackupWindow;
    const began = windowOccurrence(window, now, this.options.dayMs);
    return began !== undefined && Date.parse(latest.snapshotCreateTime) < began;
  }

  #take(record: InstanceRecord, now: number): void {
    const { snapshots, operations, logger } = this.options;
    let snapshot: SnapshotRecord;
    try {
      snapshot = snapshots.begin(automatedSnapshotId(record.id, now), record, undefined, 'automated');
    } catch {
      return; // one this minute already (the identifier is RDS's, by the minute), or the instance is busy
    }
    this.#taking.add(record.id);
    void operations.track(
      snapshots
        .take(snapshot)
        .then(
          () => this.#failedAt.delete(record.id),
          (error: unknown) => {
            logger.warn({ instance: record.id, err: error }, 'automated backup failed');
            this.#failedAt.set(record.id, this.options.now());
          },
        )
        .finally(() => this.#taking.delete(record.id)),
    );
  }

  /** Deletes the backups older than the one a restore to the start of the retention period starts from. */
  async #expireOld(record: InstanceRecord, now: number): Promise<void> {
    const cutoff = now - record.backupRetentionPeriod * this.options.dayMs;
    const backups = this.of(record);
    const before = backups.filter((s) => Date.parse(s.restorableFrom!) <= cutoff);
    for (const snapshot of before.slice(0, -1)) await this.#expire(snapshot);
  }

  async #expire(snapshot: SnapshotRecord): Promise<void> {
    // One being restored from goes at a later pass.
    await this.options.snapshots.expire(snapshot.id).catch(() => undefined);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#pass;
  }
}

import type { ControlPlane } from '../control/control-plane.js';

/** The openrds JSON view of a DB snapshot, for the console: what DescribeDBSnapshots says of it, and the bytes its files take. */
export interface SnapshotView {
  readonly id: string;
  readonly instanceId: string;
  readonly type: 'manual' | 'automated';
  readonly status: string;
  /** PercentProgress: 0-99 while `creating`, 100 once available. */
  readonly percentProgress: number;
  readonly engine: string;
  readonly engineVersion: string;
  readonly instanceClass: string;
  readonly port: number;
  /** GiB, as the instance had it. */
  readonly allocatedStorage: number;
  /** What the snapshot's files take; null until it is available. */
  readonly bytes: number | null;
  readonly createTime: string;
  /** CopyDBSnapshot's source. */
  readonly sourceSnapshotId: string | null;
}

/** Every snapshot, manual and automated, newest first. */
export function snapshotViews(control: ControlPlane): SnapshotView[] {
  return control.snapshots
    .list()
    .map((s) => ({
      id: s.id,
      instanceId: s.instanceId,
      type: s.type ?? 'manual',
      status: s.status,
      percentProgress: control.snapshots.percentProgress(s),
      engine: s.engine,
      engineVersion: s.engineVersion,
      instanceClass: s.instanceClass,
      port: s.port,
      allocatedStorage: s.allocatedStorage,
      bytes: s.bytes ?? null,
      createTime: s.snapshotCreateTime,
      sourceSnapshotId: s.sourceSnapshotId ?? null,
    }))
    .sort((a, b) => b.createTime.localeCompare(a.createTime));
}

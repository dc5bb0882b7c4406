// The DB snapshots view: every snapshot, manual and automated, live; take, copy, restore, delete.
import type { Instance, Snapshot } from './api';
import { Badge } from './details';
import { ConfirmDialog } from './dialogs';
import { formatBytes, formatDateTime, statusTone } from './format';
import { ListTable } from './table';
import { CopySnapshotDialog, PointInTimeDialog, RestoreSnapshotDialog, TakeSnapshotDialog } from './snapshot-dialogs';
import type { Ui } from './ui';

/** PercentProgress while the snapshot is being created. */
function Progress(props: { percent: number }) {
  return (
    <span class="progress" data-testid="snapshot-progress">
      <progress max={100} value={props.percent} /> {props.percent}%
    </span>
  );
}

export function SnapshotsView(props: { ui: Ui; snapshots: Snapshot[] | null; instances: readonly Instance[]; selectedId: string | null }) {
  const { ui, instances } = props;
  const first = props.selectedId ?? instances[0]?.id ?? '';
  const remove = (s: Snapshot) =>
    ui.open(
      <ConfirmDialog
        confirmation={{
          title: `Delete snapshot ${s.id}?`,
          body: 'Its files are removed at once; no instance can be restored from it afterwards.',
          action: 'Delete',
          run: () => ui.act(`Deleting snapshot ${s.id}`, 'DeleteDBSnapshot', { DBSnapshotIdentifier: s.id }),
        }}
        onClose={ui.close}
      />,
    );
  return (
    <div class="card" data-testid="snapshots-view">
      <div class="card-head">
        <h2>DB snapshots</h2>
        <span class="muted">{props.snapshots ? `${props.snapshots.length} in all` : 'loading…'}</span>
        <div class="card-actions">
          <button disabled={instances.length === 0} onClick={() => ui.open(<PointInTimeDialog ui={ui} instances={instances} instanceId={first} />)}>
            Restore to point in time
          </button>
          <button class="primary" disabled={instances.length === 0} onClick={() => ui.open(<TakeSnapshotDialog ui={ui} instances={instances} instanceId={first} />)}>
            Take snapshot
          </button>
        </div>
      </div>
      <ListTable
        testId="snapshots"
        columns={['Snapshot', 'DB instance', 'Type', 'Status', 'Engine', '#Size', 'Created', '']}
        empty={props.snapshots?.length === 0 && 'No DB snapshots.'}
        rows={(props.snapshots ?? []).map((s) => (
          <tr key={s.id} data-snapshot={s.id}>
            <td class="id">
              {s.id}
              {s.sourceSnapshotId && <div class="muted small">copy of {s.sourceSnapshotId}</div>}
            </td>
            <td data-col="instance">{s.instanceId}</td>
            <td data-col="type">{s.type}</td>
            <td data-col="status">
              <Badge tone={statusTone(s.status)}>{s.status}</Badge> {s.status === 'creating' && <Progress percent={s.percentProgress} />}
            </td>
            <td>
              {s.engine} <span class="muted">{s.engineVersion}</span>
            </td>
            <td class="num" title={`${s.allocatedStorage} GiB allocated`}>
              {s.bytes === null ? '—' : formatBytes(s.bytes)}
            </td>
            <td title={s.createTime}>{formatDateTime(s.createTime)}</td>
            <td>
              <div class="row-actions">
                <button disabled={s.status !== 'available'} onClick={() => ui.open(<RestoreSnapshotDialog ui={ui} snapshot={s} />)}>
                  Restore
                </button>
                <button disabled={s.status !== 'available'} onClick={() => ui.open(<CopySnapshotDialog ui={ui} snapshot={s} />)}>
                  Copy
                </button>
                {s.type === 'manual' && (
                  <button class="danger-outline" disabled={s.status === 'creating'} onClick={() => remove(s)}>
                    Delete
                  </button>
                )}
              </div>
            </td>
          </tr>
        ))}
      />
    </div>
  );
}

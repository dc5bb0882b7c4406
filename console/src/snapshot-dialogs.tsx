// The dialogs of DB snapshots and restores: take, copy, restore a snapshot, restore to a point in time.
import { useEffect, useState } from 'preact/hooks';
import type { Instance, Snapshot } from './api';
import { restoreWindow } from './catalogues';
import { formatDateTime } from './format';
import { FormFooter, InstanceSelect, Modal, NewInstanceFields, newInstanceParams, TextField, useSubmit, type NewInstance } from './modal';
import type { Ui } from './ui';

export function TakeSnapshotDialog(props: { ui: Ui; instances: readonly Instance[]; instanceId: string }) {
  const { ui } = props;
  const [instanceId, setInstanceId] = useState(props.instanceId);
  const [id, setId] = useState('');
  const { busy, error, run } = useSubmit(
    () => ui.act(`Taking snapshot ${id}`, 'CreateDBSnapshot', { DBSnapshotIdentifier: id, DBInstanceIdentifier: instanceId }),
    ui.close,
  );
  return (
    <Modal title="Take DB snapshot" onClose={ui.close} testId="take-snapshot-dialog">
      <form onSubmit={run}>
        <p class="muted">A hot copy of the instance's data: the instance shows backing-up while it is taken, and goes on serving.</p>
        <InstanceSelect label="DB instance" instances={props.instances} value={instanceId} onChange={setInstanceId} />
        <TextField label="Snapshot identifier" name="snapshotId" value={id} onChange={setId} placeholder={`${instanceId}-snapshot`} />
        <FormFooter error={error} busy={busy} label="Take snapshot" busyLabel="Starting…" onCancel={ui.close} />
      </form>
    </Modal>
  );
}

export function CopySnapshotDialog(props: { ui: Ui; snapshot: Snapshot }) {
  const { ui, snapshot } = props;
  const [id, setId] = useState(`${snapshot.id}-copy`);
  const [copyTags, setCopyTags] = useState(true);
  const { busy, error, run } = useSubmit(
    () =>
      ui.act(`Copying ${snapshot.id} to ${id}`, 'CopyDBSnapshot', {
        SourceDBSnapshotIdentifier: snapshot.id,
        TargetDBSnapshotIdentifier: id,
        CopyTags: String(copyTags),
      }),
    ui.close,
  );
  return (
    <Modal title={`Copy ${snapshot.id}`} onClose={ui.close} testId="copy-snapshot-dialog">
      <form onSubmit={run}>
        <TextField label="New snapshot identifier" name="targetId" value={id} onChange={setId} />
        <label class="check">
          <input type="checkbox" name="copyTags" checked={copyTags} onChange={(e) => setCopyTags(e.currentTarget.checked)} />
          Copy the snapshot's tags
        </label>
        <FormFooter error={error} busy={busy} label="Copy" busyLabel="Starting…" onCancel={ui.close} />
      </form>
    </Modal>
  );
}

export function RestoreSnapshotDialog(props: { ui: Ui; snapshot: Snapshot }) {
  const { ui, snapshot } = props;
  const [v, setV] = useState<NewInstance>({ id: '', instanceClass: snapshot.instanceClass, port: '' });
  const { busy, error, run } = useSubmit(async () => {
    await ui.act(`Restoring ${snapshot.id} as ${v.id}`, 'RestoreDBInstanceFromDBSnapshot', {
      DBSnapshotIdentifier: snapshot.id,
      ...newInstanceParams(v, 'DBInstanceIdentifier'),
    });
    ui.select(v.id.toLowerCase());
  }, ui.close);
  return (
    <Modal title={`Restore ${snapshot.id}`} onClose={ui.close} testId="restore-snapshot-dialog">
      <form onSubmit={run}>
        <p class="muted">
          A new DB instance with the data of <strong>{snapshot.instanceId}</strong> as of {formatDateTime(snapshot.createTime)}.
        </p>
        <NewInstanceFields value={v} onChange={setV} />
        <FormFooter error={error} busy={busy} label="Restore" busyLabel="Restoring…" onCancel={ui.close} />
      </form>
    </Modal>
  );
}

/** `datetime-local`'s value (local time, to the second) for an ISO time. */
const localInput = (iso: string) => {
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
};

export function PointInTimeDialog(props: { ui: Ui; instances: readonly Instance[]; instanceId: string }) {
  const { ui } = props;
  const [sourceId, setSourceId] = useState(props.instanceId);
  const source = props.instances.find((i) => i.id === sourceId);
  const [v, setV] = useState<NewInstance>({ id: '', instanceClass: source?.instanceClass ?? 'db.t3.micro', port: '' });
  const [latest, setLatest] = useState(true);
  const [time, setTime] = useState('');
  /** undefined while it loads; null without automated backups yet; a string: why it could not be read. */
  const [span, setSpan] = useState<{ earliest: string; latest: string } | null | string | undefined>(undefined);
  useEffect(() => {
    setSpan(undefined);
    void restoreWindow(sourceId).then(
      (w) => {
        setSpan(w);
        if (w) setTime((t) => t || localInput(w.latest));
      },
      (e: Error) => setSpan(e.message),
    );
  }, [sourceId]);
  const known = typeof span === 'object' ? span : null;
  const { busy, error, run } = useSubmit(async () => {
    await ui.act(`Restoring ${sourceId} to ${latest ? 'its latest restorable time' : time} as ${v.id}`, 'RestoreDBInstanceToPointInTime', {
      SourceDBInstanceIdentifier: sourceId,
      ...(latest ? { UseLatestRestorableTime: 'true' } : { RestoreTime: new Date(time).toISOString() }),
      ...newInstanceParams(v, 'TargetDBInstanceIdentifier'),
    });
    ui.select(v.id.toLowerCase());
  }, ui.close);
  return (
    <Modal title="Restore to point in time" onClose={ui.close} testId="point-in-time-dialog">
      <form onSubmit={run}>
        <InstanceSelect label="Source DB instance" instances={props.instances} value={sourceId} onChange={setSourceId} />
        <dl class="facts" data-testid="restore-window">
          <dt>Earliest restorable time</dt>
          <dd data-time={known?.earliest}>{known ? formatDateTime(known.earliest, true) : '—'}</dd>
          <dt>Latest restorable time</dt>
          <dd data-time={known?.latest}>{known ? formatDateTime(known.latest, true) : '—'}</dd>
        </dl>
        {span === null && <p class="hint">No automated backup of {sourceId} yet: it has none to restore from.</p>}
        {typeof span === 'string' && <p class="form-error">{span}</p>}
        <label class="check">
          <input type="radio" name="when" checked={latest} onChange={() => setLatest(true)} />
          Latest restorable time
        </label>
        <label class="check">
          <input type="radio" name="when" checked={!latest} onChange={() => setLatest(false)} />
          Custom date and time (your local time)
        </label>
        {!latest && <input name="restoreTime" type="datetime-local" step={1} value={time} onInput={(e) => setTime(e.currentTarget.value)} required />}
        <NewInstanceFields value={v} onChange={setV} />
        <FormFooter error={error} busy={busy} label="Restore" busyLabel="Restoring…" onCancel={ui.close} />
      </form>
    </Modal>
  );
}

// What the buttons of an instance's details do: the destructive ones ask first; creating, snapshots and restores open their dialogs.
import type { Instance } from './api';
import type { ActionName } from './details';
import { ConfirmDialog, CreateInstanceDialog, CreateReplicaDialog, type Confirmation } from './dialogs';
import { PointInTimeDialog, TakeSnapshotDialog } from './snapshot-dialogs';
import type { Ui } from './ui';

export function createInstance(ui: Ui): void {
  ui.open(
    <CreateInstanceDialog
      onClose={ui.close}
      onSubmit={async (v) => {
        await ui.act(`Creating ${v.id}`, 'CreateDBInstance', {
          DBInstanceIdentifier: v.id,
          Engine: v.engine,
          DBInstanceClass: v.instanceClass,
          MasterUsername: v.username,
          MasterUserPassword: v.password,
          DBName: v.dbName,
        });
        ui.select(v.id.toLowerCase());
      }}
    />,
  );
}

export function instanceAction(ui: Ui, action: ActionName, instance: Instance, instances: readonly Instance[]): void {
  const id = instance.id;
  const params = { DBInstanceIdentifier: id };
  const confirm = (confirmation: Confirmation) => ui.open(<ConfirmDialog confirmation={confirmation} onClose={ui.close} />);
  switch (action) {
    case 'replica':
      return ui.open(
        <CreateReplicaDialog
          source={instance}
          onClose={ui.close}
          onSubmit={async (replicaId) => {
            await ui.act(`Creating read replica ${replicaId}`, 'CreateDBInstanceReadReplica', { DBInstanceIdentifier: replicaId, SourceDBInstanceIdentifier: id });
            ui.select(replicaId.toLowerCase());
          }}
        />,
      );
    case 'snapshot':
      return ui.open(<TakeSnapshotDialog ui={ui} instances={instances} instanceId={id} />);
    case 'point-in-time':
      return ui.open(<PointInTimeDialog ui={ui} instances={instances} instanceId={id} />);
    case 'start':
      return ui.tryAct(`Starting ${id}`, 'StartDBInstance', params);
    case 'stop':
      return confirm({
        title: `Stop ${id}?`,
        body: 'The server shuts down; its data stays. Applications lose their connections until it is started again.',
        action: 'Stop',
        run: () => ui.act(`Stopping ${id}`, 'StopDBInstance', params),
      });
    case 'reboot':
      return confirm({
        title: `Reboot ${id}?`,
        body: 'The server restarts; open connections are dropped.',
        action: 'Reboot',
        run: () => ui.act(`Rebooting ${id}`, 'RebootDBInstance', params),
      });
    case 'promote':
      return confirm({
        title: `Promote ${id}?`,
        body: `Replication from ${instance.replicaOf ?? 'its source'} ends for good: ${id} becomes a standalone, writable DB instance and reboots. This cannot be undone.`,
        action: 'Promote',
        run: () => ui.act(`Promoting ${id}`, 'PromoteReadReplica', params),
      });
    case 'delete':
      return confirm({
        title: `Delete ${id}?`,
        body:
          instance.replicas.length > 0
            ? `The instance and all its data are deleted, without a final snapshot. Its read replicas (${instance.replicas.join(', ')}) become standalone instances.`
            : 'The instance and all its data are deleted, without a final snapshot.',
        action: 'Delete',
        typeToConfirm: id,
        run: () => ui.act(`Deleting ${id}`, 'DeleteDBInstance', { ...params, SkipFinalSnapshot: 'true' }),
      });
  }
}

// The dialogs of blue/green deployments: create one from an instance, switch it over, delete it.
import { useEffect, useState } from 'preact/hooks';
import type { BlueGreenDeployment, Instance } from './api';
import { instanceArn, parameterGroups, versionChoices, type VersionChoice } from './catalogues';
import { ConfirmDialog } from './dialogs';
import { Choice, FormFooter, InstanceSelect, Modal, TextField, useSubmit } from './modal';
import type { Ui } from './ui';

/** What the source's version may become, and the parameter groups of the chosen version's family (from the API's catalogues). */
function useTargetChoices(source: Instance | undefined, version: string) {
  const [versions, setVersions] = useState<{ current: VersionChoice; targets: VersionChoice[] } | null>(null);
  const [groups, setGroups] = useState<string[]>([]);
  /** Why a catalogue could not be read (the API's words). */
  const [problem, setProblem] = useState<string | null>(null);
  const failed = (error: Error) => setProblem(error.message);
  useEffect(() => {
    setVersions(null);
    if (source) void versionChoices(source.engine, source.engineVersion).then(setVersions, failed);
  }, [source?.id, source?.engineVersion]);
  const family = version ? versions?.targets.find((t) => t.version === version)?.family : versions?.current.family;
  useEffect(() => {
    setGroups([]);
    if (family) void parameterGroups(family).then(setGroups, failed);
  }, [family]);
  return { versions, groups, family, problem };
}

export function CreateBlueGreenDialog(props: { ui: Ui; instances: readonly Instance[]; instanceId: string }) {
  const { ui } = props;
  const sources = props.instances.filter((i) => i.role !== 'read replica');
  const [sourceId, setSourceId] = useState(sources.some((i) => i.id === props.instanceId) ? props.instanceId : (sources[0]?.id ?? ''));
  const source = sources.find((i) => i.id === sourceId);
  const [name, setName] = useState('');
  const [version, setVersion] = useState('');
  const [group, setGroup] = useState('');
  const { versions, groups, family, problem } = useTargetChoices(source, version);
  const { busy, error, run } = useSubmit(
    async () =>
      ui.act(`Creating blue/green deployment ${name}`, 'CreateBlueGreenDeployment', {
        BlueGreenDeploymentName: name,
        Source: await instanceArn(sourceId),
        TargetEngineVersion: version,
        TargetDBParameterGroupName: group,
      }),
    ui.close,
  );
  return (
    <Modal title="Create blue/green deployment" onClose={ui.close} testId="create-blue-green-dialog">
      <form onSubmit={run}>
        <p class="muted">A green copy of the source (and of its read replicas), replicating from it, with the version and parameter group below.</p>
        <TextField label="Deployment name" name="name" value={name} onChange={setName} />
        <InstanceSelect
          label="Blue (source) DB instance"
          instances={sources}
          value={sourceId}
          onChange={(id) => {
            setSourceId(id);
            setVersion('');
            setGroup('');
          }}
        />
        <div class="row">
          <Choice
            label="Target engine version"
            name="targetEngineVersion"
            value={version}
            blank={source ? `${source.engineVersion} (blue's)` : '—'}
            choices={(versions?.targets ?? []).map((t) => t.version)}
            onChange={(v) => {
              setVersion(v);
              setGroup('');
            }}
          />
          <Choice
            label="Target parameter group"
            name="targetParameterGroup"
            value={group}
            blank={version ? `default (${family ?? '…'})` : "blue's"}
            choices={groups}
            onChange={setGroup}
          />
        </div>
        {problem && <p class="form-error">{problem}</p>}
        <FormFooter error={error} busy={busy} label="Create" busyLabel="Creating…" onCancel={ui.close} />
      </form>
    </Modal>
  );
}

export function SwitchoverDialog(props: { ui: Ui; deployment: BlueGreenDeployment }) {
  const { ui, deployment: d } = props;
  const [timeout, setSeconds] = useState('300');
  return (
    <ConfirmDialog
      confirmation={{
        title: `Switch over ${d.name}?`,
        body: `${d.source} becomes read-only until ${d.target} has applied all it wrote; then ${d.target} takes the name ${d.source} and its endpoint, and the old one is renamed ${d.source}-old1. Writes wait meanwhile; past the timeout, before the names move, the switchover is rolled back.`,
        action: 'Switch over',
        run: () => ui.act(`Switching over ${d.name}`, 'SwitchoverBlueGreenDeployment', { BlueGreenDeploymentIdentifier: d.id, SwitchoverTimeout: timeout }),
      }}
      onClose={ui.close}
    >
      <label>
        <span>
          Switchover timeout <span class="hint">(seconds, 30 to 3600)</span>
        </span>
        <input name="timeout" inputMode="numeric" value={timeout} onInput={(e) => setSeconds(e.currentTarget.value)} autocomplete="off" />
      </label>
    </ConfirmDialog>
  );
}

export function DeleteBlueGreenDialog(props: { ui: Ui; deployment: BlueGreenDeployment }) {
  const { ui, deployment: d } = props;
  const [deleteTarget, setDeleteTarget] = useState(false);
  return (
    <ConfirmDialog
      confirmation={{
        title: `Delete ${d.name}?`,
        body: 'The deployment goes; its instances stay, unless the green ones are deleted with it.',
        action: 'Delete',
        run: () => ui.act(`Deleting ${d.name}`, 'DeleteBlueGreenDeployment', { BlueGreenDeploymentIdentifier: d.id, DeleteTarget: String(deleteTarget) }),
      }}
      onClose={ui.close}
    >
      <label class="check">
        <input type="checkbox" name="deleteTarget" checked={deleteTarget} onChange={(e) => setDeleteTarget(e.currentTarget.checked)} />
        Delete the green (target) instances too
      </label>
    </ConfirmDialog>
  );
}

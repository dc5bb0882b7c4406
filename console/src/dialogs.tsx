import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Instance } from './api';
import { ClassSelect, FormFooter, Modal, useSubmit } from './modal';

export interface CreateInstanceValues {
  id: string;
  engine: string;
  instanceClass: string;
  username: string;
  password: string;
  dbName: string;
}

export function CreateInstanceDialog(props: { onSubmit: (v: CreateInstanceValues) => Promise<void>; onClose: () => void }) {
  const [v, setV] = useState<CreateInstanceValues>({
    id: '',
    engine: 'mariadb',
    instanceClass: 'db.t3.micro',
    username: 'admin',
    password: '',
    dbName: '',
  });
  const set = (field: keyof CreateInstanceValues) => (e: Event) => setV({ ...v, [field]: (e.currentTarget as HTMLInputElement).value });
  const { busy, error, run } = useSubmit(() => props.onSubmit(v), props.onClose);
  return (
    <Modal title="Create DB instance" onClose={props.onClose} testId="create-instance-dialog">
      <form onSubmit={run}>
        <label>
          DB instance identifier
          <input name="id" value={v.id} onInput={set('id')} placeholder="db1" required autocomplete="off" />
        </label>
        <div class="row">
          <label>
            Engine
            <select name="engine" value={v.engine} onChange={set('engine')}>
              <option value="mariadb">MariaDB</option>
              <option value="mysql">MySQL (served by MariaDB)</option>
            </select>
          </label>
          <ClassSelect value={v.instanceClass} onChange={(instanceClass) => setV({ ...v, instanceClass })} />
        </div>
        <div class="row">
          <label>
            Master username
            <input name="username" value={v.username} onInput={set('username')} required autocomplete="off" />
          </label>
          <label>
            Master password
            <input name="password" type="password" value={v.password} onInput={set('password')} required minLength={8} autocomplete="new-password" />
          </label>
        </div>
        <label>
          <span>
            Initial database <span class="hint">(optional)</span>
          </span>
          <input name="dbName" value={v.dbName} onInput={set('dbName')} autocomplete="off" />
        </label>
        <FormFooter error={error} busy={busy} label="Create" busyLabel="Creating…" onCancel={props.onClose} />
      </form>
    </Modal>
  );
}

export function CreateReplicaDialog(props: {
  source: Instance;
  onSubmit: (id: string) => Promise<void>;
  onClose: () => void;
}) {
  const [id, setId] = useState(`${props.source.id}-replica`);
  const { busy, error, run } = useSubmit(() => props.onSubmit(id), props.onClose);
  return (
    <Modal title="Create read replica" onClose={props.onClose} testId="create-replica-dialog">
      <form onSubmit={run}>
        <p class="muted">
          A hot copy of <strong>{props.source.id}</strong>, then replication from the copy's GTID position; the replica is read-only.
        </p>
        <label>
          Read replica identifier
          <input name="replicaId" value={id} onInput={(e) => setId(e.currentTarget.value)} required autocomplete="off" />
        </label>
        <FormFooter error={error} busy={busy} label="Create read replica" busyLabel="Creating…" onCancel={props.onClose} />
      </form>
    </Modal>
  );
}

export interface Confirmation {
  readonly title: string;
  readonly body: string;
  readonly action: string;
  /** Asks the user to type this (the identifier) before the button works. */
  readonly typeToConfirm?: string;
  readonly run: () => Promise<void>;
}

/** Asks before `run`; `children` are fields the action takes besides (their state is the caller's). */
export function ConfirmDialog(props: { confirmation: Confirmation; onClose: () => void; children?: ComponentChildren }) {
  const { confirmation: c } = props;
  const [typed, setTyped] = useState('');
  const { busy, error, run } = useSubmit(c.run, props.onClose);
  const ready = !c.typeToConfirm || typed === c.typeToConfirm;
  return (
    <Modal title={c.title} onClose={props.onClose} testId="confirm-dialog">
      <form onSubmit={(e) => (ready ? run(e) : e.preventDefault())}>
        <p>{c.body}</p>
        {c.typeToConfirm && (
          <label>
            Type <code>{c.typeToConfirm}</code> to confirm
            <input name="confirm" value={typed} onInput={(e) => setTyped(e.currentTarget.value)} autocomplete="off" />
          </label>
        )}
        {props.children}
        <FormFooter error={error} busy={busy} label={c.action} busyLabel="Working…" onCancel={props.onClose} tone="danger" disabled={!ready} />
      </form>
    </Modal>
  );
}

/** When the service requires a key (OPENRDS_API_*): the console signs in with it, once per session. */
export function SignInDialog(props: { onSubmit: (accessKeyId: string, secretAccessKey: string) => Promise<void>; onSignedIn: () => void }) {
  const [accessKeyId, setAccessKeyId] = useState('');
  const [secret, setSecret] = useState('');
  const { busy, error, run } = useSubmit(() => props.onSubmit(accessKeyId, secret), props.onSignedIn);
  return (
    <Modal title="Sign in to openrds" onClose={() => undefined} testId="sign-in-dialog">
      <form onSubmit={run}>
        <p class="hint">This openrds requires the access key it was started with (OPENRDS_API_ACCESS_KEY_ID).</p>
        <label>
          Access key ID
          <input name="accessKeyId" value={accessKeyId} onInput={(e) => setAccessKeyId(e.currentTarget.value)} required autocomplete="username" />
        </label>
        <label>
          Secret access key
          <input name="secretAccessKey" type="password" value={secret} onInput={(e) => setSecret(e.currentTarget.value)} required autocomplete="current-password" />
        </label>
        <FormFooter error={error} busy={busy} label="Sign in" busyLabel="Signing in…" />
      </form>
    </Modal>
  );
}

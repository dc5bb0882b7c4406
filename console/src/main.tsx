import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { fetchEvents, fetchInstances, fetchLag, fetchSession, rdsAction, signIn, subscribe, type Instance, type LagSample, type RdsEvent } from './api';
import { Badge, Details } from './details';
import { ConfirmDialog, CreateInstanceDialog, CreateReplicaDialog, SignInDialog, type Confirmation } from './dialogs';
import { formatBytes, formatEndpoint, formatLag, replicationTone, statusTone } from './format';
import { Topology } from './topology';
import './style.css';

const HOUR_MS = 3_600_000;

type Dialog = { kind: 'create' } | { kind: 'replica'; source: Instance } | { kind: 'confirm'; confirmation: Confirmation } | null;

interface Toast {
  readonly id: number;
  readonly tone: 'ok' | 'bad';
  readonly text: string;
}

/** Merges samples by time (the stream and GET .../lag may overlap), keeping the last hour. */
function mergeSamples(old: readonly LagSample[], added: readonly LagSample[]): LagSample[] {
  const byTime = new Map<number, LagSample>();
  for (const s of [...old, ...added]) byTime.set(s.at, s);
  const cutoff = Date.now() - HOUR_MS;
  return [...byTime.values()].filter((s) => s.at >= cutoff).sort((a, b) => a.at - b.at);
}

function App() {
  const [instances, setInstances] = useState<Instance[] | null>(null);
  const [connected, setConnected] = useState(false);
  /** Counts the stream's (re)connections: what was missed while disconnected is fetched again. */
  const [connections, setConnections] = useState(0);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [events, setEvents] = useState<Map<string, RdsEvent[]>>(new Map());
  const [lag, setLag] = useState<Map<string, LagSample[]>>(new Map());
  const [dialog, setDialog] = useState<Dialog>(null);
  const [toasts, setToasts] = useState<Toast[]>([]);
  const [now, setNow] = useState(Date.now());

  const toast = (tone: Toast['tone'], text: string) => {
    const id = Math.random();
    setToasts((t) => [...t, { id, tone, text }]);
    setTimeout(() => setToasts((t) => t.filter((x) => x.id !== id)), tone === 'bad' ? 8000 : 4000);
  };

  useEffect(() => {
    void fetchInstances().then(setInstances, () => setInstances([]));
    const unsubscribe = subscribe({
      instances: setInstances,
      connection: (open) => {
        setConnected(open);
        if (open) setConnections((n) => n + 1);
      },
      events: (added) =>
        setEvents((old) => {
          const next = new Map(old);
          // Only instances whose events were loaded keep a list; the others load theirs when selected.
          for (const e of added) if (next.has(e.instanceId)) next.set(e.instanceId, [e, ...next.get(e.instanceId)!]);
          return next;
        }),
      lag: (added) =>
        setLag((old) => {
          const next = new Map(old);
          for (const id of new Set(added.map((s) => s.instanceId))) {
            next.set(id, mergeSamples(next.get(id) ?? [], added.filter((s) => s.instanceId === id)));
          }
          return next;
        }),
    });
    const clock = setInterval(() => setNow(Date.now()), 5000);
    return () => {
      unsubscribe();
      clearInterval(clock);
    };
  }, []);

  // Select the first instance when nothing (or something deleted) is selected.
  useEffect(() => {
    if (!instances) return;
    if (selectedId === null || !instances.some((i) => i.id === selectedId)) setSelectedId(instances[0]?.id ?? null);
  }, [instances]);

  useEffect(() => {
    if (!selectedId) return;
    const id = selectedId;
    void fetchEvents(id).then((list) => setEvents((old) => new Map(old).set(id, list)), () => undefined);
    void fetchLag(id).then((list) => setLag((old) => new Map(old).set(id, mergeSamples(old.get(id) ?? [], list))), () => undefined);
  }, [selectedId, connections]);

  const selected = useMemo(() => instances?.find((i) => i.id === selectedId) ?? null, [instances, selectedId]);

  const act = async (label: string, action: string, params: Record<string, string | undefined>) => {
    await rdsAction(action, params);
    toast('ok', label);
  };
  /** For buttons outside dialogs: errors become toasts. */
  const tryAct = (label: string, action: string, params: Record<string, string | undefined>) =>
    act(label, action, params).catch((error: Error) => toast('bad', error.message));

  const confirm = (confirmation: Confirmation) => setDialog({ kind: 'confirm', confirmation });

  return (
    <div class="shell">
      <header class="topbar">
        <div class="brand">
          <svg viewBox="0 0 32 32" width="26" height="26" aria-hidden="true">
            <rect width="32" height="32" rx="7" fill="#2563eb" />
            <ellipse cx="16" cy="10" rx="9" ry="3.5" fill="white" />
            <path d="M7 10v12c0 2 4 3.5 9 3.5s9-1.5 9-3.5V10" fill="none" stroke="white" stroke-width="2.4" />
          </svg>
          <span>openrds</span>
          <span class="brand-sub">console</span>
        </div>
        <div class="topbar-right">
          <span class="api-endpoint" title="The RDS Query API: aws rds --endpoint-url …">
            RDS API <span class="mono">{location.origin}</span>
          </span>
          <span class={`live ${connected ? 'on' : 'off'}`} data-testid="live" title="Server-sent updates">
            {connected ? 'Live' : 'Reconnecting…'}
          </span>
          <button class="primary" onClick={() => setDialog({ kind: 'create' })}>
            Create DB instance
          </button>
        </div>
      </header>

      <main class="layout">
        <section class="main-col">
          <div class="card">
            <div class="card-head">
              <h2>Topology</h2>
              <span class="muted">sources → read replicas</span>
            </div>
            <div class="topology-wrap">
              {instances && <Topology instances={instances} selected={selectedId} onSelect={setSelectedId} />}
            </div>
          </div>

          <div class="card">
            <div class="card-head">
              <h2>DB instances</h2>
              <span class="muted">{instances ? `${instances.length} in all` : 'loading…'}</span>
            </div>
            <div class="table-wrap">
              <table class="instances">
                <thead>
                  <tr>
                    <th>DB identifier</th>
                    <th>Engine</th>
                    <th>Status</th>
                    <th>Endpoint</th>
                    <th>Role</th>
                    <th>Replication</th>
                    <th class="num">Lag</th>
                  </tr>
                </thead>
                <tbody>
                  {(instances ?? []).map((i) => (
                    <tr
                      key={i.id}
                      data-instance={i.id}
                      class={i.id === selectedId ? 'selected' : ''}
                      onClick={() => setSelectedId(i.id)}
                    >
                      <td class="id">{i.id}</td>
                      <td>
                        {i.engine} <span class="muted">{i.engineVersion}</span>
                      </td>
                      <td data-col="status">
                        <Badge tone={statusTone(i.status)}>{i.status}</Badge>
                        {i.bytesCopied !== null && <span class="muted small"> {formatBytes(i.bytesCopied)} copied</span>}
                      </td>
                      <td class="mono">{formatEndpoint(i)}</td>
                      <td data-col="role">{i.role === 'read replica' ? `replica of ${i.replicaOf}` : i.role}</td>
                      <td data-col="replication">
                        {i.replication ? <Badge tone={replicationTone(i.replication.status)}>{i.replication.status}</Badge> : <span class="muted">—</span>}
                      </td>
                      <td class="num" data-col="lag">
                        {i.replicaLag !== null && i.replicaLag < 0 ? <span class="muted">—</span> : formatLag(i.replicaLag)}
                      </td>
                    </tr>
                  ))}
                  {instances?.length === 0 && (
                    <tr>
                      <td colSpan={7} class="empty">
                        No DB instances. <button class="link" onClick={() => setDialog({ kind: 'create' })}>Create one</button>
                      </td>
                    </tr>
                  )}
                </tbody>
              </table>
            </div>
          </div>
        </section>

        <aside class="side-col">
          {selected ? (
            <Details
              instance={selected}
              events={events.get(selected.id)}
              samples={lag.get(selected.id) ?? []}
              now={now}
              onCreateReplica={() => setDialog({ kind: 'replica', source: selected })}
              onAction={(action) => {
                const id = selected.id;
                const params = { DBInstanceIdentifier: id };
                switch (action) {
                  case 'start':
                    return void tryAct(`Starting ${id}`, 'StartDBInstance', params);
                  case 'stop':
                    return confirm({
                      title: `Stop ${id}?`,
                      body: 'The server shuts down; its data stays. Applications lose their connections until it is started again.',
                      action: 'Stop',
                      run: () => act(`Stopping ${id}`, 'StopDBInstance', params),
                    });
                  case 'reboot':
                    return confirm({
                      title: `Reboot ${id}?`,
                      body: 'The server restarts; open connections are dropped.',
                      action: 'Reboot',
                      run: () => act(`Rebooting ${id}`, 'RebootDBInstance', params),
                    });
                  case 'promote':
                    return confirm({
                      title: `Promote ${id}?`,
                      body: `Replication from ${selected.replicaOf ?? 'its source'} ends for good: ${id} becomes a standalone, writable DB instance and reboots. This cannot be undone.`,
                      action: 'Promote',
                      run: () => act(`Promoting ${id}`, 'PromoteReadReplica', params),
                    });
                  case 'delete':
                    return confirm({
                      title: `Delete ${id}?`,
                      body:
                        selected.replicas.length > 0
                          ? `The instance and all its data are deleted, without a final snapshot. Its read replicas (${selected.replicas.join(', ')}) become standalone instances.`
                          : 'The instance and all its data are deleted, without a final snapshot.',
                      action: 'Delete',
                      typeToConfirm: id,
                      run: () => act(`Deleting ${id}`, 'DeleteDBInstance', { ...params, SkipFinalSnapshot: 'true' }),
                    });
                }
              }}
            />
          ) : (
            <div class="card empty">Select a DB instance to see its details.</div>
          )}
        </aside>
      </main>

      {dialog?.kind === 'create' && (
        <CreateInstanceDialog
          onClose={() => setDialog(null)}
          onSubmit={async (v) => {
            await act(`Creating ${v.id}`, 'CreateDBInstance', {
              DBInstanceIdentifier: v.id,
              Engine: v.engine,
              DBInstanceClass: v.instanceClass,
              MasterUsername: v.username,
              MasterUserPassword: v.password,
              DBName: v.dbName,
            });
            setSelectedId(v.id.toLowerCase());
          }}
        />
      )}
      {dialog?.kind === 'replica' && (
        <CreateReplicaDialog
          source={dialog.source}
          onClose={() => setDialog(null)}
          onSubmit={async (id) => {
            await act(`Creating read replica ${id}`, 'CreateDBInstanceReadReplica', {
              DBInstanceIdentifier: id,
              SourceDBInstanceIdentifier: dialog.source.id,
            });
            setSelectedId(id.toLowerCase());
          }}
        />
      )}
      {dialog?.kind === 'confirm' && <ConfirmDialog confirmation={dialog.confirmation} onClose={() => setDialog(null)} />}

      <div class="toasts" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} class={`toast tone-${t.tone}`}>
            {t.text}
          </div>
        ))}
      </div>
    </div>
  );
}

/** The console itself, behind a sign-in when the service requires a key. */
function Gate() {
  const [state, setState] = useState<'checking' | 'sign-in' | 'open'>('checking');
  useEffect(() => {
    void fetchSession().then(
      (s) => setState(s.required && !s.signedIn ? 'sign-in' : 'open'),
      () => setState('open'),
    );
  }, []);
  if (state === 'checking') return null;
  if (state === 'sign-in') return <SignInDialog onSubmit={signIn} onSignedIn={() => setState('open')} />;
  return <App />;
}

render(<Gate />, document.getElementById('app')!);

import { render, type VNode } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import {
  fetchEvents,
  fetchInstances,
  fetchLag,
  fetchSession,
  rdsAction,
  signIn,
  subscribe,
  type BlueGreenDeployment,
  type Instance,
  type LagSample,
  type RdsEvent,
  type Snapshot,
} from './api';
import { BlueGreenView } from './blue-green';
import { Details } from './details';
import { SignInDialog } from './dialogs';
import { createInstance, instanceAction } from './instance-actions';
import { InstancesView } from './instances';
import { SnapshotsView } from './snapshots';
import type { Ui } from './ui';
import './style.css';

const HOUR_MS = 3_600_000;

/** The views, by the URL's fragment (#snapshots): a reload keeps the view. */
const VIEWS = [
  { id: 'instances', label: 'DB instances' },
  { id: 'snapshots', label: 'Snapshots' },
  { id: 'blue-green', label: 'Blue/green' },
] as const;
type View = (typeof VIEWS)[number]['id'];
const viewOfHash = (): View => VIEWS.find((v) => `#${v.id}` === location.hash)?.id ?? 'instances';

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
  const [snapshots, setSnapshots] = useState<Snapshot[] | null>(null);
  const [deployments, setDeployments] = useState<BlueGreenDeployment[] | null>(null);
  const [view, setView] = useState<View>(viewOfHash());
  const [connected, setConnected] = useState(false);
  /** Counts the stream's (re)connections: what was missed while disconnected is fetched again. */
  const [connections, setConnections] = useState(0);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [events, setEvents] = useState<Map<string, RdsEvent[]>>(new Map());
  const [lag, setLag] = useState<Map<string, LagSample[]>>(new Map());
  const [dialog, setDialog] = useState<VNode | null>(null);
  const [toasts, setToasts] = useState<Toast[]>([]);
  const [now, setNow] = useState(Date.now());

  const toast = (tone: Toast['tone'], text: string) => {
    const id = Math.random();
    setToasts((t) => [...t, { id, tone, text }]);
    setTimeout(() => setToasts((t) => t.filter((x) => x.id !== id)), tone === 'bad' ? 8000 : 4000);
  };

  useEffect(() => {
    void fetchInstances().then(setInstances, () => setInstances([]));
    const onHash = () => setView(viewOfHash());
    window.addEventListener('hashchange', onHash);
    const unsubscribe = subscribe({
      instances: setInstances,
      snapshots: setSnapshots,
      blueGreenDeployments: setDeployments,
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
      window.removeEventListener('hashchange', onHash);
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

  const ui: Ui = {
    async act(label, action, params) {
      await rdsAction(action, params);
      toast('ok', label);
    },
    tryAct: (label, action, params) => void ui.act(label, action, params).catch((error: Error) => toast('bad', error.message)),
    open: setDialog,
    close: () => setDialog(null),
    select: setSelectedId,
  };

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
          <button class="primary" onClick={() => createInstance(ui)}>
            Create DB instance
          </button>
        </div>
      </header>
      <nav class="tabs">
        {VIEWS.map((v) => (
          <a key={v.id} href={`#${v.id}`} class={v.id === view ? 'tab active' : 'tab'} aria-current={v.id === view ? 'page' : undefined}>
            {v.label}
            <span class="count">{(v.id === 'instances' ? instances : v.id === 'snapshots' ? snapshots : deployments)?.length ?? ''}</span>
          </a>
        ))}
      </nav>

      <main class="layout">
        <section class="main-col">
          {view === 'instances' && <InstancesView instances={instances} selectedId={selectedId} onSelect={setSelectedId} onCreate={() => createInstance(ui)} />}
          {view === 'snapshots' && <SnapshotsView ui={ui} snapshots={snapshots} instances={instances ?? []} selectedId={selectedId} />}
          {view === 'blue-green' && <BlueGreenView ui={ui} deployments={deployments} instances={instances ?? []} selectedId={selectedId} />}
        </section>

        <aside class="side-col">
          {selected ? (
            <Details
              instance={selected}
              events={events.get(selected.id)}
              samples={lag.get(selected.id) ?? []}
              now={now}
              onAction={(action) => instanceAction(ui, action, selected, instances ?? [])}
            />
          ) : (
            <div class="card empty">Select a DB instance to see its details.</div>
          )}
        </aside>
      </main>

      {dialog}

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

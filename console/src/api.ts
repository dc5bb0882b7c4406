// What the console reads and does: the openrds JSON view (GET /openrds/v1/...), a server-sent event
// stream of changes, and the RDS Query API (POST /) for actions and the catalogues the dialogs offer
// (catalogues.ts), as every other client uses it.

// The JSON views are the server's own types, so the two cannot drift apart.
import type { BlueGreenView as BlueGreenDeployment } from '../../src/api/blue-green-json';
import type { EventView as RdsEvent } from '../../src/api/events-json';
import type { InstanceView as Instance } from '../../src/api/instances-json';
import type { SnapshotView as Snapshot } from '../../src/api/snapshots-json';
export type { BlueGreenDeployment, Instance, RdsEvent, Snapshot };

export interface LagSample {
  readonly instanceId: string;
  /** Milliseconds since the epoch. */
  readonly at: number;
  /** Seconds; -1 while not replicating. */
  readonly lag: number;
}

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

export const fetchInstances = () => getJson<{ instances: Instance[] }>('/openrds/v1/instances').then((r) => r.instances);
export const fetchEvents = (id: string) =>
  getJson<{ events: RdsEvent[] }>(`/openrds/v1/instances/${encodeURIComponent(id)}/events`).then((r) => r.events);
export const fetchLag = (id: string) =>
  getJson<{ samples: LagSample[] }>(`/openrds/v1/instances/${encodeURIComponent(id)}/lag`).then((r) => r.samples);

/** An AWS-shaped error from the Query API. */
export class RdsApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Calls an RDS Query API action (form POST, XML reply); throws RdsApiError with RDS's code and message. */
export async function rdsAction(action: string, params: Record<string, string | undefined> = {}): Promise<Document> {
  const body = new URLSearchParams({ Action: action, Version: '2014-10-31' });
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== '') body.set(name, value);
  const response = await fetch('/', { method: 'POST', body });
  const xml = new DOMParser().parseFromString(await response.text(), 'application/xml');
  if (!response.ok) {
    const code = xml.querySelector('Error > Code')?.textContent ?? `HTTP ${response.status}`;
    const message = xml.querySelector('Error > Message')?.textContent ?? response.statusText;
    throw new RdsApiError(code, message);
  }
  return xml;
}

export interface StreamHandlers {
  instances(instances: Instance[]): void;
  snapshots(snapshots: Snapshot[]): void;
  blueGreenDeployments(deployments: BlueGreenDeployment[]): void;
  events(events: RdsEvent[]): void;
  lag(samples: LagSample[]): void;
  connection(connected: boolean): void;
}

/** GET /openrds/v1/stream: what changed, pushed by the server (every list whole when it connects); EventSource reconnects by itself. */
export function subscribe(handlers: StreamHandlers): () => void {
  const source = new EventSource('/openrds/v1/stream');
  const on = <T>(name: string, handle: (data: T) => void) =>
    source.addEventListener(name, (event) => handle(JSON.parse((event as MessageEvent<string>).data) as T));
  on<{ instances: Instance[] }>('instances', (d) => handlers.instances(d.instances));
  on<{ snapshots: Snapshot[] }>('snapshots', (d) => handlers.snapshots(d.snapshots));
  on<{ deployments: BlueGreenDeployment[] }>('blueGreenDeployments', (d) => handlers.blueGreenDeployments(d.deployments));
  on<{ events: RdsEvent[] }>('events', (d) => handlers.events(d.events));
  on<{ samples: LagSample[] }>('lag', (d) => handlers.lag(d.samples));
  source.onopen = () => handlers.connection(true);
  source.onerror = () => handlers.connection(source.readyState === EventSource.OPEN);
  return () => source.close();
}

/** Whether the service requires a key, and whether this browser has signed in with it. */
export const fetchSession = () => getJson<{ required: boolean; signedIn: boolean }>('/openrds/v1/session');

/** Opens a console session (an HttpOnly cookie); throws with the service's message when refused. */
export async function signIn(accessKeyId: string, secretAccessKey: string): Promise<void> {
  const response = await fetch('/openrds/v1/session', { method: 'POST', body: new URLSearchParams({ accessKeyId, secretAccessKey }) });
  if (response.ok) return;
  const body = (await response.json().catch(() => ({}))) as { error?: { code: string; message: string } };
  throw new RdsApiError(body.error?.code ?? `HTTP ${response.status}`, body.error?.message ?? response.statusText);
}

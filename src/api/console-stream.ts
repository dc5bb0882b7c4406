import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { ControlPlane } from '../control/control-plane.js';
import type { ReplicationMonitor } from '../replication/monitor.js';
import type { EventRecord, LagSample } from '../store/store.js';
import { blueGreenViews } from './blue-green-json.js';
import { eventView } from './events-json.js';
import { instanceViews } from './instances-json.js';
import { snapshotViews } from './snapshots-json.js';

/** How often the stream looks for changes while at least one console is connected. */
const POLL_MS = 500;
/** A comment line now and then keeps idle connections (and proxies) from timing out. */
const HEARTBEAT_MS = 15_000;

/** How far a stream has pushed a time-ordered series: the newest time, and what was pushed at exactly that time. */
class Cursor<T, K extends string | number> {
  #keys = new Set<string>();

  constructor(
    public at: K,
    private readonly timeOf: (item: T) => K,
    private readonly keyOf: (item: T) => string,
  ) {}

  /** `items` (oldest first, from `at` on) less what was pushed already; moves the cursor past them. */
  advance(items: readonly T[]): T[] {
    const fresh = items.filter((item) => this.timeOf(item) !== this.at || !this.#keys.has(this.keyOf(item)));
    if (fresh.length === 0) return fresh;
    const newest = this.timeOf(fresh[fresh.length - 1]!);
    if (newest !== this.at) this.#keys = new Set();
    for (const item of fresh) if (this.timeOf(item) === newest) this.#keys.add(this.keyOf(item));
    this.at = newest;
    return fresh;
  }
}

/** A list pushed whole whenever anything in it changed: its event name, and how its data is read. */
interface WholeList {
  readonly event: string;
  read(): unknown;
  /** The JSON last pushed. */
  last: string;
}

/**
 * Pushes what changed to every connected console: `instances`, `snapshots` and
 * `blueGreenDeployments` (each list whole, when anything in it changed), `events` (new RDS events)
 * and `lag` (new lag samples). It polls the control plane only while someone listens.
 */
export class ChangeStream {
  readonly #clients = new Set<ServerResponse>();
  readonly #lists: readonly WholeList[];
  #timer: NodeJS.Timeout | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #events = ChangeStream.#eventCursor();
  #lag = ChangeStream.#lagCursor();

  constructor(
    private readonly control: ControlPlane,
    private readonly monitor: ReplicationMonitor,
    private readonly logger: Logger,
  ) {
    const list = (event: string, read: () => unknown): WholeList => ({ event, read, last: '' });
    this.#lists = [
      list('instances', () => ({ instances: instanceViews(control, monitor) })),
      list('snapshots', () => ({ snapshots: snapshotViews(control) })),
      list('blueGreenDeployments', () => ({ deployments: blueGreenViews(control) })),
    ];
  }

  static #eventCursor() {
    return new Cursor<EventRecord, string>(new Date().toISOString(), (e) => e.date, (e) => `${e.sourceIdentifier} ${e.eventId} ${e.message}`);
  }

  static #lagCursor() {
    return new Cursor<LagSample, number>(Date.now(), (s) => s.at, (s) => s.instanceId);
  }

  add(client: ServerResponse): void {
    if (this.#clients.size === 0) this.#start();
    this.#clients.add(client);
    client.on('close', () => {
      this.#clients.delete(client);
      if (this.#clients.size === 0) this.#stop();
    });
    for (const list of this.#lists) send(client, list.event, list.read());
  }

  close(): void {
    for (const client of this.#clients) client.end();
    this.#clients.clear();
    this.#stop();
  }

  #start(): void {
    for (const list of this.#lists) list.last = JSON.stringify(list.read());
    this.#events = ChangeStream.#eventCursor();
    this.#lag = ChangeStream.#lagCursor();
    this.#timer = setInterval(() => this.#poll(), POLL_MS);
    this.#heartbeat = setInterval(() => {
      for (const client of this.#clients) client.write(': ping\n\n');
    }, HEARTBEAT_MS);
  }

  #stop(): void {
    clearInterval(this.#timer);
    clearInterval(this.#heartbeat);
    this.#timer = this.#heartbeat = undefined;
  }

  #poll(): void {
    try {
      for (const list of this.#lists) {
        const data = list.read();
        const json = JSON.stringify(data);
        if (json === list.last) continue;
        list.last = json;
        this.#broadcast(list.event, data);
      }
      const events = this.#events.advance(this.control.events.list({ startTime: this.#events.at }));
      if (events.length > 0) this.#broadcast('events', { events: events.map(eventView) });
      const samples = this.#lag.advance(this.monitor.lagHistory({ since: this.#lag.at }));
      if (samples.length > 0) this.#broadcast('lag', { samples: samples.map(sampleView) });
    } catch (error) {
      // The store may be closing under a shutdown; the next poll (if any) tries again.
      this.logger.debug({ err: error }, 'console stream: poll failed');
    }
  }

  #broadcast(event: string, data: unknown): void {
    for (const client of this.#clients) send(client, event, data);
  }
}

function send(client: ServerResponse, event: string, data: unknown): void {
  client.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

export const sampleView = (s: LagSample) => ({ instanceId: s.instanceId, at: s.at, lag: s.lag });

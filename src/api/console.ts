import { readdir, readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, RawServerDefault } from 'fastify';
import type { Logger } from 'pino';
import type { ControlPlane } from '../control/control-plane.js';
import type { ReplicationMonitor } from '../replication/monitor.js';
import type { EventRecord, LagSample } from '../store/store.js';
import { instanceViews } from './instances-json.js';

/**
 * The web console's side of the server: its static files (built by Vite into dist/console/), the
 * JSON it reads besides GET /openrds/v1/instances, and a server-sent event stream of changes.
 * Actions go through the RDS Query API (POST /), like every other client's.
 */

/** Built by `npm run build:console` (this module runs from dist/src/api/). */
const CONSOLE_DIR = fileURLToPath(new URL('../../console/', import.meta.url));
/** How often the stream looks for changes while at least one console is connected. */
const POLL_MS = 500;
/** A comment line now and then keeps idle connections (and proxies) from timing out. */
const HEARTBEAT_MS = 15_000;
const EVENTS_PER_INSTANCE = 100;
/** The console loads nothing but its own files and talks only to this server. */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
};

interface StaticFile {
  readonly body: Buffer;
  readonly type: string;
}

/** Every file of the built console, by URL path under /console/ (read once: no path ever reaches the file system). */
async function loadConsoleFiles(): Promise<Map<string, StaticFile>> {
  const files = new Map<string, StaticFile>();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (!entry.name.startsWith('.')) {
        const type = CONTENT_TYPES[extname(entry.name)] ?? 'application/octet-stream';
        files.set(relative(CONSOLE_DIR, path).split('\\').join('/'), { body: await readFile(path), type });
      }
    }
  };
  try {
    await walk(CONSOLE_DIR);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return files;
}

export interface EventView {
  readonly instanceId: string;
  readonly date: string;
  readonly eventId: string;
  readonly message: string;
  readonly categories: readonly string[];
}

const eventView = (e: EventRecord): EventView => ({
  instanceId: e.sourceIdentifier,
  date: e.date,
  eventId: e.eventId,
  message: e.message,
  categories: e.categories,
});

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

/**
 * Pushes what changed to every connected console: `instances` (the whole list, when anything in it
 * changed), `events` (new RDS events) and `lag` (new lag samples). It polls the control plane only
 * while someone listens.
 */
class ChangeStream {
  readonly #clients = new Set<ServerResponse>();
  #timer: NodeJS.Timeout | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #instances = '';
  #events = ChangeStream.#eventCursor();
  #lag = ChangeStream.#lagCursor();

  constructor(
    private readonly control: ControlPlane,
    private readonly monitor: ReplicationMonitor,
    private readonly logger: Logger,
  ) {}

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
    send(client, 'instances', { instances: instanceViews(this.control, this.monitor) });
  }

  close(): void {
    for (const client of this.#clients) client.end();
    this.#clients.clear();
    this.#stop();
  }

  #start(): void {
    this.#instances = JSON.stringify(instanceViews(this.control, this.monitor));
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
      const views = instanceViews(this.control, this.monitor);
      const json = JSON.stringify(views);
      if (json !== this.#instances) {
        this.#instances = json;
        this.#broadcast('instances', { instances: views });
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

const sampleView = (s: LagSample) => ({ instanceId: s.instanceId, at: s.at, lag: s.lag });

/** Registers the console's routes: /console/, /openrds/v1/stream and the per-instance JSON. */
export async function registerConsole(
  app: FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, Logger>,
  control: ControlPlane,
  monitor: ReplicationMonitor,
): Promise<void> {
  const files = await loadConsoleFiles();
  const stream = new ChangeStream(control, monitor, app.log);
  // Open streams would hold the server's close forever: end them first.
  app.addHook('preClose', (done) => {
    stream.close();
    done();
  });

  app.get('/console', (_request, reply) => reply.redirect('/console/'));
  app.get<{ Params: { '*': string } }>('/console/*', (request, reply) => {
    const path = request.params['*'] || 'index.html';
    const file = files.get(path) ?? (path.includes('.') ? undefined : files.get('index.html'));
    if (!file) {
      const message = files.size === 0 ? 'The console is not built: run `npm run build:console`.' : 'Not found.';
      return reply.status(files.size === 0 ? 503 : 404).type('text/plain; charset=utf-8').send(message);
    }
    // Vite names assets by content hash: they never change under one name.
    const immutable = path.startsWith('assets/');
    return reply
      .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .type(file.type)
      .send(file.body);
  });

  app.get<{ Params: { id: string } }>('/openrds/v1/instances/:id/events', async (request) => {
    const events = control.events.list({ sourceIdentifier: request.params.id });
    return { events: events.slice(-EVENTS_PER_INSTANCE).reverse().map(eventView) };
  });

  app.get<{ Params: { id: string } }>('/openrds/v1/instances/:id/lag', async (request) => ({
    samples: monitor.lagHistory({ instanceId: request.params.id }).map(sampleView),
  }));

  app.get('/openrds/v1/stream', (request, reply) => {
    reply.hijack();
    const response = reply.raw;
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    response.write('retry: 1000\n\n');
    stream.add(response);
    request.raw.on('close', () => response.end());
  });
}

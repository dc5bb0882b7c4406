import { readdir, readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, RawServerDefault } from 'fastify';
import type { Logger } from 'pino';
import type { ControlPlane } from '../control/control-plane.js';
import type { ReplicationMonitor } from '../replication/monitor.js';
import { ChangeStream, sampleView } from './console-stream.js';
import { eventView } from './events-json.js';

/**
 * The web console's side of the server: its static files (built by Vite into dist/console/), the
 * JSON it reads besides GET /openrds/v1/instances, and a server-sent event stream of changes
 * (console-stream.ts).
 * Actions go through the RDS Query API (POST /), like every other client's.
 */

/** Built by `npm run build:console` (this module runs from dist/src/api/). */
const CONSOLE_DIR = fileURLToPath(new URL('../../console/', import.meta.url));
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

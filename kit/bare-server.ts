import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import type { Command, InstanceLayout, ServerSettings } from '../src/engine/engine.js';
import { LocalServer } from '../src/engine/local/local-server.js';
import { MariaDBAdapter } from '../src/engine/mariadb/mariadb-adapter.js';

const run = promisify(execFile);

/**
 * A bare mariadbd with the same option file as an openrds instance but none of openrds: the floor
 * that benchmarks measure openrds against, and the "external MySQL" of tests. Root logs in over
 * the socket without a password.
 */
export class BareServer implements AsyncDisposable {
  private constructor(
    readonly layout: InstanceLayout,
    readonly port: number,
    private readonly server: LocalServer,
  ) {}

  static layoutIn(dir: string): InstanceLayout {
    return {
      root: dir,
      dataDir: join(dir, 'data'),
      tmpDir: join(dir, 'tmp'),
      filesDir: join(dir, 'files'),
      runDir: dir,
      logDir: dir,
      socketPath: join(dir, 'mysqld.sock'),
      pidFile: join(dir, 'mysqld.pid'),
      errorLog: join(dir, 'error.log'),
      slowQueryLog: join(dir, 'slow-query.log'),
      generalLog: join(dir, 'general.log'),
      optionFile: join(dir, 'my.cnf'),
    };
  }

  /**
   * Initialises a fresh data directory (or uses `layout.dataDir` as it is) and starts the server;
   * `wrap` runs it through another program (e.g. `ip netns exec` for a host of its own).
   */
  static async start(
    settings: ServerSettings,
    options: { initialise?: boolean; layout?: InstanceLayout; wrap?: (command: Command) => Command } = {},
  ): Promise<BareServer> {
    const engine = await MariaDBAdapter.create();
    const layout = options.layout ?? BareServer.layoutIn(await mkdtemp(join(tmpdir(), 'openrds-bare-')));
    await mkdir(layout.dataDir, { recursive: true });
    await mkdir(layout.tmpDir, { recursive: true });
    await mkdir(layout.filesDir, { recursive: true });
    await writeFile(layout.optionFile, engine.optionFile(layout, settings, process.getuid?.() === 0));
    if (options.initialise ?? true) {
      const init = engine.initialiseCommand(layout, process.getuid?.() === 0);
      await run(init.file, [...init.args]);
    }
    const command = engine.serverCommand(layout);
    const server = await LocalServer.start(
      'bare',
      options.wrap ? options.wrap(command) : command,
      { host: '127.0.0.1', port: settings.port, socketPath: layout.socketPath },
      async () => `see ${layout.errorLog}`,
    );
    return new BareServer(layout, settings.port, server);
  }

  root(): Promise<mysql.Connection> {
    return mysql.createConnection({ socketPath: this.layout.socketPath, user: 'root', password: '', multipleStatements: true });
  }

  /** Stops the server, keeping its files. */
  async stop(): Promise<void> {
    await this.server.stop();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.server.stop();
    await rm(this.layout.root, { recursive: true, force: true });
  }
}

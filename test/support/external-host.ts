import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import type { InstanceLayout } from '../../src/engine/engine.js';
import { LocalServer } from '../../src/engine/local/local-server.js';
import { MariaDBAdapter } from '../../src/engine/mariadb/mariadb-adapter.js';

const run = promisify(execFile);

/**
 * An "external MySQL": a plain MariaDB server (no RDS personality) on its own host — a network
 * namespace with its own address, joined to this one by a veth pair. `cut()` and `heal()` pull the cable.
 */
export class ExternalHost implements AsyncDisposable {
  private constructor(
    readonly namespace: string,
    private readonly hostLink: string,
    /** The server's address, as an RDS instance would reach it. */
    readonly address: string,
    readonly port: number,
    private readonly server: LocalServer,
    private readonly dir: string,
    readonly socketPath: string,
  ) {}

  static async start(options: { serverId?: number } = {}): Promise<ExternalHost> {
    const n = (process.pid % 200) + 20;
    const namespace = `openrds-ext${n}`;
    const hostLink = `ordsh${n}`;
    const nsLink = `ordsn${n}`;
    const address = `10.250.${n}.2`;
    await run('ip', ['netns', 'del', namespace]).catch(() => undefined);
    await run('ip', ['link', 'del', hostLink]).catch(() => undefined);
    await run('ip', ['netns', 'add', namespace]);
    await run('ip', ['link', 'add', hostLink, 'type', 'veth', 'peer', 'name', nsLink]);
    await run('ip', ['link', 'set', nsLink, 'netns', namespace]);
    await run('ip', ['addr', 'add', `10.250.${n}.1/30`, 'dev', hostLink]);
    await run('ip', ['link', 'set', hostLink, 'up']);
    const inNs = (...args: string[]) => run('ip', ['netns', 'exec', namespace, ...args]);
    await inNs('ip', 'addr', 'add', `${address}/30`, 'dev', nsLink);
    await inNs('ip', 'link', 'set', nsLink, 'up');
    await inNs('ip', 'link', 'set', 'lo', 'up');

    const engine = await MariaDBAdapter.create();
    const dir = await mkdtemp(join(tmpdir(), 'openrds-ext-'));
    const layout: InstanceLayout = {
      root: dir,
      dataDir: join(dir, 'data'),
      tmpDir: join(dir, 'tmp'),
      runDir: dir,
      logDir: dir,
      socketPath: join(dir, 'mysqld.sock'),
      pidFile: join(dir, 'mysqld.pid'),
      errorLog: join(dir, 'error.log'),
      optionFile: join(dir, 'my.cnf'),
    };
    await mkdir(layout.dataDir);
    await mkdir(layout.tmpDir);
    const port = 3306;
    const optionText = engine.optionFile(layout, {
      serverId: options.serverId ?? 9000 + n,
      port,
      variables: { 'bind-address': address, replicate_ignore_table: 'mysql.none' },
    });
    await writeFile(layout.optionFile, optionText);
    const init = engine.initialiseCommand(layout);
    await run(init.file, [...init.args]);
    const command = engine.serverCommand(layout);
    const server = await LocalServer.start(
      'external',
      { file: 'ip', args: ['netns', 'exec', namespace, command.file, ...command.args] },
      { host: '127.0.0.1', port, socketPath: layout.socketPath },
      async () => 'see ' + layout.errorLog,
    );
    return new ExternalHost(namespace, hostLink, address, port, server, dir, layout.socketPath);
  }

  /** A root connection over the server's unix socket (the filesystem is shared with the namespace). */
  async rootConnection(options: mysql.ConnectionOptions = {}): Promise<mysql.Connection> {
    return mysql.createConnection({ socketPath: this.socketPath, user: 'root', password: '', ...options });
  }

  /** Cuts the network between this host and the external one. */
  async cut(): Promise<void> {
    await run('ip', ['link', 'set', this.hostLink, 'down']);
  }

  async heal(): Promise<void> {
    await run('ip', ['link', 'set', this.hostLink, 'up']);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.server.stop();
    await run('ip', ['link', 'del', this.hostLink]).catch(() => undefined);
    await run('ip', ['netns', 'del', this.namespace]).catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }
}

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { BareServer } from '../../kit/bare-server.js';

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
    private readonly server: BareServer,
  ) {}

  /** The server's unix socket (the filesystem is shared with the namespace). */
  get socketPath(): string {
    return this.server.layout.socketPath;
  }

  /** `slot` (0 or 1) tells apart two hosts of one test process. */
  static async start(options: { serverId?: number; slot?: 0 | 1 } = {}): Promise<ExternalHost> {
    const n = (process.pid % 100) * 2 + (options.slot ?? 0) + 20;
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

    const port = 3306;
    const server = await BareServer.start(
      { serverId: options.serverId ?? 9000 + n, port, variables: { 'bind-address': address, replicate_ignore_table: 'mysql.none' } },
      { wrap: (command) => ({ file: 'ip', args: ['netns', 'exec', namespace, command.file, ...command.args] }) },
    );
    return new ExternalHost(namespace, hostLink, address, port, server);
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
    await this.server[Symbol.asyncDispose]();
    await run('ip', ['link', 'del', this.hostLink]).catch(() => undefined);
    await run('ip', ['netns', 'del', this.namespace]).catch(() => undefined);
  }
}

import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, chown, mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import type {
  CopyPosition,
  Credentials,
  EngineAdapter,
  InstanceLayout,
  LogFile,
  LogKind,
  Placement,
  RunningServer,
  ServerEndpoint,
  ServerSettings,
  SnapshotCopy,
} from '../engine.js';
import { copyTree, directorySize, hotCopyInto, runPiped } from './local-copy.js';
import { LocalServer } from './local-server.js';
import type { ServerAccount } from './server-account.js';

const run = promisify(execFile);
/** Where every local server listens (and nowhere else). */
const LOOPBACK = '127.0.0.1';
/** Unix socket paths longer than this do not fit in sockaddr_un (108 bytes with the terminator). */
const MAX_SOCKET_PATH = 100;
const ERROR_LOG_TAIL_BYTES = 2000;

async function pathExists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Instances as child processes of this openrds process, with their files under one state directory. */
export class LocalPlacement implements Placement {
  readonly #templateBuilds = new Map<string, Promise<void>>();

  /**
   * @param account the OS account servers run as (undefined: openrds's own). Its servers then own
   *   only their data, temporary, files, run and log directories; the directories above them are
   *   root's and only traversable, and each option file is root's, readable by the account's group.
   */
  constructor(
    readonly engine: EngineAdapter,
    private readonly home: string,
    private readonly account?: ServerAccount,
  ) {}

  /** Creates the state directory, traversable by the servers' account and readable by nobody else. */
  async prepareHome(): Promise<void> {
    await mkdir(this.home, { recursive: true, mode: this.#sharedDirMode });
    await chmod(this.home, this.#sharedDirMode);
    await this.#removeUnfinishedTemplates();
  }

  /** A service killed while it built a template leaves the build's server running: stop it, drop the build. */
  async #removeUnfinishedTemplates(): Promise<void> {
    const templates = join(this.home, 'templates');
    const names = await readdir(templates).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.startsWith('.building-') && !n.endsWith(`-${process.pid}`))) {
      const layout = this.#layoutAt(join(templates, name));
      await this.#stopLeftoverAt(layout);
      await rm(layout.root, { recursive: true, force: true });
      await rm(layout.socketPath, { force: true });
    }
  }

  get #sharedDirMode(): number {
    return this.account ? 0o711 : 0o700;
  }

  /** How engine commands run: as the servers' account. */
  get #spawnAs(): { uid?: number; gid?: number } {
    return this.account ? { uid: this.account.uid, gid: this.account.gid } : {};
  }

  get #runsAsRoot(): boolean {
    return !this.account && process.getuid?.() === 0;
  }

  layout(instanceId: string): InstanceLayout {
    return this.#layoutAt(join(this.home, 'instances', instanceId));
  }

  #layoutAt(root: string): InstanceLayout {
    const runDir = join(root, 'run');
    let socketPath = join(runDir, 'mysqld.sock');
    if (socketPath.length > MAX_SOCKET_PATH) {
      const digest = createHash('sha256').update(root).digest('hex').slice(0, 20);
      socketPath = join(tmpdir(), 'openrds-sockets', `${digest}.sock`);
    }
    return Object.freeze({
      root,
      dataDir: join(root, 'data'),
      tmpDir: join(root, 'tmp'),
      filesDir: join(root, 'files'),
      runDir,
      logDir: join(root, 'logs'),
      socketPath,
      pidFile: join(runDir, 'mysqld.pid'),
      errorLog: join(root, 'logs', 'error.log'),
      slowQueryLog: join(root, 'logs', 'slow-query.log'),
      generalLog: join(root, 'logs', 'general.log'),
      optionFile: join(root, 'my.cnf'),
    });
  }

  endpoint(instanceId: string, port: number): ServerEndpoint {
    return { host: LOOPBACK, port, socketPath: this.layout(instanceId).socketPath };
  }

  portIsFree(port: number): Promise<boolean> {
    return new Promise((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen({ port, host: LOOPBACK, exclusive: true }, () => probe.close(() => resolve(true)));
    });
  }

  async logFiles(instanceId: string): Promise<LogFile[]> {
    const files: LogFile[] = [];
    for (const [kind, path] of this.#logPaths(instanceId)) {
      const s = await stat(path).catch(() => undefined);
      if (s?.isFile()) files.push({ kind, size: s.size, lastWritten: Math.floor(s.mtimeMs) });
    }
    return files;
  }

  async readLog(instanceId: string, kind: LogKind, start: number, end: number): Promise<Buffer> {
    const file = await open(this.#logPaths(instanceId).get(kind)!, 'r');
    try {
      const buffer = Buffer.alloc(Math.max(0, end - start));
      const { bytesRead } = await file.read(buffer, 0, buffer.length, start);
      return buffer.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
  }

  #logPaths(instanceId: string): ReadonlyMap<LogKind, string> {
    const layout = this.layout(instanceId);
    return new Map([
      ['error', layout.errorLog],
      ['slow-query', layout.slowQueryLog],
      ['general', layout.generalLog],
    ]);
  }

  async exists(instanceId: string): Promise<boolean> {
    return pathExists(this.layout(instanceId).dataDir);
  }

  async list(): Promise<string[]> {
    try {
      return await readdir(join(this.home, 'instances'));
    } catch {
      return [];
    }
  }

  ensureTemplate(key: string, prepare: (server: RunningServer) => Promise<void>): Promise<void> {
    let build = this.#templateBuilds.get(key);
    if (!build) {
      build = this.#buildTemplate(key, prepare);
      build.catch(() => this.#templateBuilds.delete(key));
      this.#templateBuilds.set(key, build);
    }
    return build;
  }

  async #buildTemplate(key: string, prepare: (server: RunningServer) => Promise<void>): Promise<void> {
    const finalRoot = join(this.home, 'templates', key);
    if (await pathExists(join(finalRoot, 'data'))) return;
    // Built aside and renamed into place, so a crash never leaves a half-made template behind.
    const buildRoot = join(this.home, 'templates', `.building-${key}-${process.pid}`);
    await rm(buildRoot, { recursive: true, force: true });
    const layout = this.#layoutAt(buildRoot);
    await this.#makeDirectories(layout);
    // The template is never a replication source: no binary log, no TCP port.
    const settings: ServerSettings = { serverId: 1, port: 0, variables: { log_bin: false, networking: false } };
    await this.#writeOptionFile(layout, settings);
    const init = this.engine.initialiseCommand(layout, this.#runsAsRoot);
    await run(init.file, [...init.args], { maxBuffer: 16 * 1024 * 1024, ...this.#spawnAs });
    const server = await LocalServer.start(
      `template ${key}`,
      this.engine.serverCommand(layout),
      this.#endpointOf(layout, 0),
      () => this.#errorLogTail(layout.errorLog),
      this.#spawnAs,
    );
    try {
      await prepare(server);
    } finally {
      await server.stop();
    }
    await rm(layout.runDir, { recursive: true, force: true });
    await rename(buildRoot, finalRoot);
  }

  async provision(instanceId: string, templateKey: string): Promise<void> {
    const layout = this.layout(instanceId);
    await rm(layout.root, { recursive: true, force: true });
    await this.#makeDirectories(layout, { withData: false });
    await copyTree(join(this.home, 'templates', templateKey, 'data'), layout.dataDir);
  }

  async copyFrom(
    sourceId: string,
    targetId: string,
    account: Credentials,
    onProgress?: (bytes: number) => void,
  ): Promise<CopyPosition> {
    const target = this.layout(targetId);
    await rm(target.root, { recursive: true, force: true });
    await this.#makeDirectories(target);
    return hotCopyInto(this.engine, this.layout(sourceId), target.dataDir, account, this.#spawnAs, onProgress);
  }

  async snapshot(
    instanceId: string,
    snapshotId: string,
    account: Credentials,
    onProgress?: (copied: number, total: number) => void,
  ): Promise<SnapshotCopy> {
    const source = this.layout(instanceId);
    const dataDir = await this.#newSnapshotDir(snapshotId);
    const total = await directorySize(source.dataDir);
    const position = await hotCopyInto(this.engine, source, dataDir, account, this.#spawnAs, (bytes) => onProgress?.(bytes, total));
    return { position, bytes: await directorySize(dataDir) };
  }

  async restoreSnapshot(snapshotId: string, instanceId: string): Promise<void> {
    const layout = this.layout(instanceId);
    await rm(layout.root, { recursive: true, force: true });
    await this.#makeDirectories(layout, { withData: false });
    await copyTree(this.#snapshotData(snapshotId), layout.dataDir);
  }

  async copySnapshot(sourceSnapshotId: string, targetSnapshotId: string): Promise<void> {
    const dataDir = await this.#newSnapshotDir(targetSnapshotId);
    await rm(dataDir, { recursive: true, force: true });
    await copyTree(this.#snapshotData(sourceSnapshotId), dataDir);
  }

  async destroySnapshot(snapshotId: string): Promise<void> {
    await rm(join(this.home, 'snapshots', snapshotId), { recursive: true, force: true });
  }

  async listSnapshots(): Promise<string[]> {
    return readdir(join(this.home, 'snapshots')).catch(() => []);
  }

  #snapshotData(snapshotId: string): string {
    return join(this.home, 'snapshots', snapshotId, 'data');
  }

  /** An empty data directory for a snapshot, which the servers' account may write (its hot copy runs as that account). */
  async #newSnapshotDir(snapshotId: string): Promise<string> {
    const root = join(this.home, 'snapshots', snapshotId);
    await rm(root, { recursive: true, force: true });
    await mkdir(root, { recursive: true, mode: this.#sharedDirMode });
    const dataDir = this.#snapshotData(snapshotId);
    await mkdir(dataDir, { mode: 0o700 });
    if (this.account) await chown(dataDir, this.account.uid, this.account.gid);
    return dataDir;
  }

  async replayBinlog(
    sourceId: string,
    targetId: string,
    from: Pick<CopyPosition, 'binlogFile' | 'binlogPosition'>,
    stop: { readonly time?: Date; readonly end?: { readonly file: string; readonly position: number } },
  ): Promise<void> {
    const source = this.layout(sourceId);
    const names = await this.engine.binaryLogFiles(source.dataDir);
    if (!names.includes(from.binlogFile)) throw new Error(`the binary log ${from.binlogFile} of ${sourceId} is gone`);
    const last = stop.end?.file;
    const files = names.filter((name) => name >= from.binlogFile && (last === undefined || name <= last));
    const position = last !== undefined && files.at(-1) === last ? stop.end!.position : undefined;
    await runPiped(
      this.engine.binlogEventsCommand(files.map((name) => join(source.dataDir, name)), from.binlogPosition, { time: stop.time, position }),
      this.engine.replayClientCommand(this.layout(targetId).socketPath),
      { TZ: 'UTC' },
      this.#spawnAs,
    );
  }

  async start(instanceId: string, settings: ServerSettings): Promise<RunningServer> {
    const layout = this.layout(instanceId);
    await this.#makeDirectories(layout);
    await this.#writeOptionFile(layout, settings);
    await rm(layout.socketPath, { force: true });
    return LocalServer.start(
      instanceId,
      this.engine.serverCommand(layout),
      this.#endpointOf(layout, settings.port),
      () => this.#errorLogTail(layout.errorLog),
      this.#spawnAs,
    );
  }

  startForRepair(instanceId: string, settings: ServerSettings): Promise<RunningServer> {
    return this.start(instanceId, {
      ...settings,
      variables: {
        ...settings.variables,
        skip_grant_tables: true,
        networking: false,
        skip_slave_start: true,
        event_scheduler: 'OFF',
      },
    });
  }

  async stopLeftover(instanceId: string): Promise<boolean> {
    return this.#stopLeftoverAt(this.layout(instanceId));
  }

  async #stopLeftoverAt(layout: InstanceLayout): Promise<boolean> {
    const pid = await this.#leftoverPid(layout);
    if (pid === undefined) return false;
    process.kill(pid, 'SIGTERM');
    // Not our child: watch /proc until it is gone (a clean InnoDB shutdown takes a moment).
    for (let waited = 0; await this.#isServerOf(pid, layout); waited += 20) {
      if (waited > 120_000) process.kill(pid, 'SIGKILL');
      await sleep(20);
    }
    return true;
  }

  async #leftoverPid(layout: InstanceLayout): Promise<number | undefined> {
    let pid: number;
    try {
      pid = Number.parseInt(await readFile(layout.pidFile, 'utf8'), 10);
    } catch {
      return undefined;
    }
    return Number.isInteger(pid) && (await this.#isServerOf(pid, layout)) ? pid : undefined;
  }

  /** True when `pid` is a live (not zombie) server started with this instance's option file. */
  async #isServerOf(pid: number, layout: InstanceLayout): Promise<boolean> {
    try {
      const [cmdline, status] = await Promise.all([
        readFile(`/proc/${pid}/cmdline`, 'utf8'),
        readFile(`/proc/${pid}/status`, 'utf8'),
      ]);
      return cmdline.includes(layout.optionFile) && !/^State:\s+Z/m.test(status);
    } catch {
      return false;
    }
  }

  async destroy(instanceId: string): Promise<void> {
    const layout = this.layout(instanceId);
    await rm(layout.root, { recursive: true, force: true });
    await rm(layout.socketPath, { force: true });
  }

  async rename(fromId: string, toId: string): Promise<void> {
    const from = this.layout(fromId);
    if (!(await pathExists(from.root))) return;
    const to = this.layout(toId);
    if (await pathExists(to.root)) throw new Error(`cannot rename ${fromId}: ${toId} has files already`);
    await rename(from.root, to.root);
    // A socket outside the instance's directory (a long path) is named after the directory.
    await rm(from.socketPath, { force: true });
  }

  #endpointOf(layout: InstanceLayout, port: number): ServerEndpoint {
    return { host: LOOPBACK, port, socketPath: layout.socketPath };
  }

  /** The option file is root's: a server that could rewrite it could name the user it starts as. */
  async #writeOptionFile(layout: InstanceLayout, settings: ServerSettings): Promise<void> {
    await writeFile(layout.optionFile, this.engine.optionFile(layout, settings, this.#runsAsRoot), { mode: 0o640 });
    await chmod(layout.optionFile, this.account ? 0o640 : 0o600);
    if (this.account) await chown(layout.optionFile, 0, this.account.gid);
  }

  async #makeDirectories(layout: InstanceLayout, { withData = true } = {}): Promise<void> {
    await mkdir(layout.root, { recursive: true, mode: this.#sharedDirMode });
    const owned = [layout.tmpDir, layout.filesDir, layout.runDir, layout.logDir, join(layout.socketPath, '..')];
    if (withData) owned.push(layout.dataDir);
    for (const dir of owned) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      if (this.account) await chown(dir, this.account.uid, this.account.gid);
    }
  }

  async #errorLogTail(path: string): Promise<string> {
    try {
      const text = await readFile(path, 'utf8');
      return text.slice(-ERROR_LOG_TAIL_BYTES).trim();
    } catch {
      return '(no error log)';
    }
  }
}

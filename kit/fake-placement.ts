import type {
  CopyPosition,
  Credentials,
  EngineAdapter,
  LogFile,
  LogKind,
  OperatorClient,
  OperatorStatus,
  Placement,
  RunningServer,
  ServerEndpoint,
  ServerExit,
  ServerSettings,
  SnapshotCopy,
} from '../src/engine/index.js';

/** A server of the fake placement: no process, it ends when stopped, killed or crashed. */
class FakeServer implements RunningServer {
  readonly exited: Promise<ServerExit>;
  #end!: (exit: ServerExit) => void;
  #ended = false;
  constructor(
    readonly instanceId: string,
    readonly endpoint: ServerEndpoint,
    readonly pid: number,
    readonly settings: ServerSettings,
  ) {
    this.exited = new Promise((resolve) => (this.#end = resolve));
  }
  end(exit: ServerExit): Promise<ServerExit> {
    if (!this.#ended) this.#end(exit);
    this.#ended = true;
    return this.exited;
  }
  stop = () => this.end({ code: 0, signal: null, requested: true });
  kill = () => this.end({ code: null, signal: 'SIGKILL', requested: true });
  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}

/** The operator side of a fake instance: records each verb, answers a healthy status. */
function fakeOperator(calls: string[], id: string): OperatorClient {
  const verb = (name: string) => async () => void calls.push(`${id}: ${name}`);
  const status: OperatorStatus = { replication: undefined, channels: [], binaryLogs: [], binlogRetentionHours: null, stopPoint: null, externalResets: 0, lastAction: null };
  return {
    closed: false,
    bootstrap: verb('bootstrap'), setMasterPassword: verb('setMasterPassword'), rotatePassword: verb('rotatePassword'),
    ensureReplicationUser: verb('ensureReplicationUser'), setupReplica: verb('setupReplica'), setBackupUser: verb('setBackupUser'),
    promote: verb('promote'), setReadOnly: verb('setReadOnly'), binlogPosition: async () => '0-1-1', waitForPosition: async () => true, setVariable: verb('setVariable'), terminateReplication: verb('terminateReplication'),
    rotateBinlog: verb('rotateBinlog'), purgeBinlogsTo: verb('purgeBinlogsTo'),
    guard: async () => null, skipReservedAccountError: async () => undefined, status: async () => status, ping: async () => undefined,
    [Symbol.asyncDispose]: async () => undefined,
  };
}

/** Scripts run nowhere: the control plane's tests fake the personality that runs them. */
const fakeScripts = { setVariables: async () => undefined, run: async () => undefined, unlogged: async () => undefined, [Symbol.asyncDispose]: async () => undefined };

/** An engine with no binaries: what the control plane asks of one, answered in memory. */
export function fakeEngine(calls: string[]): EngineAdapter {
  return {
    name: 'fake', parameters: [], bootstrapAccount: { user: 'root', password: '' },
    replicaDefaults: {}, externalSourceDefaults: {}, memorySettings: () => ({}),
    version: async () => '10.11.19',
    openOperator: async (endpoint) => fakeOperator(calls, endpoint.socketPath.replace('/fake/', '')),
    operatorFailure: () => 'other', repairReserved: async () => [],
    openScriptSession: async () => fakeScripts, openRepairScriptSession: async () => fakeScripts,
    optionFile: () => '', initialiseCommand: () => ({ file: 'true', args: [] }), serverCommand: () => ({ file: 'true', args: [] }),
    clientCommand: () => ({ file: 'true', args: [] }), hotCopyCommand: () => ({ file: 'true', args: [] }),
    prepareCommand: () => ({ file: 'true', args: [] }), readCopyPosition: async () => ({ binlogFile: 'binlog.000001', binlogPosition: 4, gtid: '' }),
    binaryLogFiles: async () => ['binlog.000001'], binlogEventsCommand: () => ({ file: 'true', args: [] }), replayClientCommand: () => ({ file: 'true', args: [] }),
  };
}

/** A placement in memory (the seam's proof): data directories are names, servers are promises. */
export class FakePlacement implements Placement {
  readonly calls: string[] = [];
  readonly engine: EngineAdapter = fakeEngine(this.calls);
  readonly servers = new Map<string, FakeServer>();
  readonly #data = new Set<string>();
  readonly #snapshots = new Set<string>();
  readonly #templates = new Map<string, Promise<void>>();
  #pid = 1000;

  async exists(id: string): Promise<boolean> {
    return this.#data.has(id);
  }
  ensureTemplate(key: string, prepare: (server: RunningServer) => Promise<void>): Promise<void> {
    let build = this.#templates.get(key);
    if (!build) {
      const server = new FakeServer(`template ${key}`, this.endpoint(`template-${key}`, 0), this.#pid++, { serverId: 1, port: 0 });
      build = prepare(server).finally(() => server.stop());
      this.#templates.set(key, build);
    }
    return build;
  }
  async copyFrom(sourceId: string, targetId: string, _account: Credentials, onProgress?: (bytes: number) => void): Promise<CopyPosition> {
    if (!this.servers.has(sourceId)) throw new Error(`${sourceId} is not running`);
    onProgress?.(1024);
    this.#data.add(targetId);
    return { binlogFile: 'binlog.000001', binlogPosition: 4, gtid: '0-1-1' };
  }
  async snapshot(id: string, snapshotId: string, _account: Credentials, onProgress?: (copied: number, total: number) => void): Promise<SnapshotCopy> {
    if (!this.servers.has(id)) throw new Error(`${id} is not running`);
    onProgress?.(512, 1024);
    this.#snapshots.add(snapshotId);
    return { position: { binlogFile: 'binlog.000001', binlogPosition: 4, gtid: '0-1-1' }, bytes: 1024 };
  }
  async restoreSnapshot(snapshotId: string, id: string): Promise<void> {
    if (!this.#snapshots.has(snapshotId)) throw new Error(`no snapshot ${snapshotId}`);
    this.#data.add(id);
  }
  async copySnapshot(sourceSnapshotId: string, targetSnapshotId: string): Promise<void> {
    if (!this.#snapshots.has(sourceSnapshotId)) throw new Error(`no snapshot ${sourceSnapshotId}`);
    this.#snapshots.add(targetSnapshotId);
  }
  async destroySnapshot(snapshotId: string): Promise<void> {
    this.#snapshots.delete(snapshotId);
  }
  async listSnapshots(): Promise<string[]> {
    return [...this.#snapshots];
  }
  /** Replays: which source into which target, up to when (the calls a unit test checks). */
  readonly replays: string[] = [];
  async replayBinlog(sourceId: string, targetId: string, from: { binlogFile: string; binlogPosition: number }, stop: { time?: Date }): Promise<void> {
    if (!this.servers.has(targetId)) throw new Error(`${targetId} is not running`);
    this.replays.push(`${sourceId} ${from.binlogFile}:${from.binlogPosition} -> ${targetId} until ${stop.time?.toISOString() ?? 'the end'}`);
  }
  async provision(id: string, templateKey: string): Promise<void> {
    if (!this.#templates.has(templateKey)) throw new Error(`no template ${templateKey}`);
    this.#data.add(id);
  }
  async start(id: string, settings: ServerSettings): Promise<RunningServer> {
    if (!this.#data.has(id)) throw new Error(`${id} has no data directory`);
    if (this.servers.has(id)) throw new Error(`${id} is already running`);
    const server = new FakeServer(id, this.endpoint(id, settings.port), this.#pid++, settings);
    this.servers.set(id, server);
    void server.exited.then(() => this.servers.get(id) === server && this.servers.delete(id));
    return server;
  }
  startForRepair(id: string, settings: ServerSettings): Promise<RunningServer> {
    return this.start(id, { ...settings, port: 0 });
  }
  /** An unexpected exit, as a crash of the server would be. */
  crash(id: string): Promise<ServerExit> | undefined {
    return this.servers.get(id)?.end({ code: null, signal: 'SIGSEGV', requested: false });
  }
  async stopLeftover(): Promise<boolean> {
    return false;
  }
  async destroy(id: string): Promise<void> {
    await this.servers.get(id)?.stop();
    this.#data.delete(id);
  }
  async rename(fromId: string, toId: string): Promise<void> {
    if (this.servers.has(fromId)) throw new Error(`${fromId} is running`);
    if (!this.#data.delete(fromId)) return;
    this.#data.add(toId);
  }
  /** Log lines written by the fake servers, by instance (only the error log exists). */
  readonly logs = new Map<string, string>();
  async logFiles(id: string): Promise<LogFile[]> {
    const text = this.logs.get(id);
    return text === undefined ? [] : [{ kind: 'error', size: Buffer.byteLength(text), lastWritten: Date.now() }];
  }
  async readLog(id: string, kind: LogKind, start: number, end: number): Promise<Buffer> {
    if (kind !== 'error' || !this.logs.has(id)) throw new Error(`no ${kind} log`);
    return Buffer.from(this.logs.get(id)!).subarray(start, end);
  }
  endpoint(id: string, port: number): ServerEndpoint {
    return { host: '127.0.0.1', port, socketPath: `/fake/${id}` };
  }
  async list(): Promise<string[]> {
    return [...this.#data];
  }
  async prepareHome(): Promise<void> {}
  async portIsFree(port: number): Promise<boolean> {
    return ![...this.servers.values()].some((server) => server.endpoint.port === port);
  }
}

/**
 * The seam between openrds and the database servers it runs.
 *
 * An {@link EngineAdapter} knows one engine (binaries, option files, how to initialise a data
 * directory); a {@link Placement} knows where instances live and how their processes run.
 * Nothing outside engine/ knows a path, a binary name or a process id.
 */

import type { OperatorClient, OperatorFailure, ReservedSecrets } from './operator.js';

export type * from './operator.js';

/** A server option's value; a list is the option repeated, one value a line (MariaDB reads each). */
export type ServerVariable = string | number | boolean | readonly string[];

export interface ServerSettings {
  /** Unique replication server_id. */
  readonly serverId: number;
  /** TCP port on 127.0.0.1. */
  readonly port: number;
  /** Extra server variables (already validated by the caller). */
  readonly variables?: Readonly<Record<string, ServerVariable>>;
}

/** Where an instance's files are, as the engine needs them to write an option file. */
export interface InstanceLayout {
  readonly root: string;
  readonly dataDir: string;
  readonly tmpDir: string;
  /** The only directory LOAD DATA INFILE / SELECT ... INTO OUTFILE may touch (secure_file_priv). */
  readonly filesDir: string;
  readonly runDir: string;
  readonly logDir: string;
  readonly socketPath: string;
  readonly pidFile: string;
  readonly errorLog: string;
  readonly slowQueryLog: string;
  readonly generalLog: string;
  readonly optionFile: string;
}

export interface Command {
  readonly file: string;
  readonly args: readonly string[];
}

/** The logs a server writes (the slow query and general logs only when a parameter group turns them on). */
export type LogKind = 'error' | 'slow-query' | 'general';

/** A log file of an instance. */
export interface LogFile {
  readonly kind: LogKind;
  readonly size: number;
  /** Milliseconds since the epoch. */
  readonly lastWritten: number;
}

/** How to reach a running server. */
export interface ServerEndpoint {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly socketPath: string;
}

export interface ServerExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** True when openrds asked the server to stop (stop() or kill()). */
  readonly requested: boolean;
}

/** A started server process. Disposing it stops the server cleanly. */
export interface RunningServer extends AsyncDisposable {
  readonly instanceId: string;
  readonly endpoint: ServerEndpoint;
  readonly pid: number;
  /** Settles when the process ends, for whatever reason. */
  readonly exited: Promise<ServerExit>;
  /** Clean shutdown (SIGTERM), waiting for the process to end. */
  stop(): Promise<ServerExit>;
  /** Immediate kill (SIGKILL), for faults and tests. */
  kill(): Promise<ServerExit>;
}

/** Where a physical copy stands in its source's binary log. */
export interface CopyPosition {
  readonly binlogFile: string;
  readonly binlogPosition: number;
  /** The GTID position to replicate from ('' when the source has written no GTID yet). */
  readonly gtid: string;
}

/** Where a binary log replay stops: before the first event of `time` (a whole second), or at `position` of the last file. */
export interface BinlogStop {
  readonly time?: Date;
  readonly position?: number;
}

/** A snapshot's copy: where it stands in its instance's binary log, and the bytes its files take. */
export interface SnapshotCopy {
  readonly position: CopyPosition;
  readonly bytes: number;
}

/** An account the copy may log in to the source with (socket only). */
export interface Credentials {
  readonly user: string;
  readonly password: string;
}

/** A session that runs SQL scripts (the personality's template) on a server, over its socket. */
export interface ScriptSession extends AsyncDisposable {
  /** Sets user variables the scripts read (`@name`). */
  setVariables(values: Readonly<Record<string, string>>): Promise<void>;
  /** Runs one script of several statements. */
  run(script: string): Promise<void>;
}

/** A script session on a server started for repair, with every privilege. */
export interface RepairScriptSession extends ScriptSession {
  /** From now on nothing the session runs is binary-logged, and it may create routines while binary logging is on. */
  unlogged(): Promise<void>;
}

/** A server variable as DB parameter groups show it (DescribeDBParameters). */
export interface ParameterDefinition {
  readonly name: string;
  readonly dataType: 'boolean' | 'integer' | 'float' | 'string';
  /** `min-max` for numbers; a comma list of choices, or a regular expression for free strings. */
  readonly allowedValues: string;
  /** Dynamic: applied at once; static: at the next reboot. */
  readonly dynamic: boolean;
  readonly modifiable: boolean;
  readonly defaultValue: string;
  /** Where a DB parameter group family's default differs from `defaultValue` (RDS sets some per version). */
  readonly familyDefaults?: Readonly<Record<string, string>>;
  readonly description: string;
}


export interface EngineAdapter {
  readonly name: string;
  /** A session as the operator on a running server (its socket), with the operator's password. */
  openOperator(endpoint: ServerEndpoint, password: string): Promise<OperatorClient>;
  /** How an operator call failed: a timeout to retry, a broken operator path, or anything else. */
  operatorFailure(error: unknown): OperatorFailure;
  /**
   * On a server started for repair (Placement.startForRepair): repairs the reserved accounts until
   * a pass finds nothing, at most `passes` passes (then it throws); returns what was repaired.
   */
  repairReserved(endpoint: ServerEndpoint, secrets: ReservedSecrets, passes: number): Promise<string[]>;
  /** A script session as `account` on a running server (a fresh one's bootstrap account). */
  openScriptSession(endpoint: ServerEndpoint, account: Credentials): Promise<ScriptSession>;
  /** A script session on a server started for repair (Placement.startForRepair), with every privilege. */
  openRepairScriptSession(endpoint: ServerEndpoint): Promise<RepairScriptSession>;
  /** The server version, e.g. `10.11.19`. */
  version(): Promise<string>;
  /** Option file content for an instance; `runsAsRoot`: the server process will be root's (it must be told). */
  optionFile(layout: InstanceLayout, settings: ServerSettings, runsAsRoot: boolean): string;
  /** Initialises an empty data directory from the option file. */
  initialiseCommand(layout: InstanceLayout, runsAsRoot: boolean): Command;
  /** Runs the server in the foreground. */
  serverCommand(layout: InstanceLayout): Command;
  /** Server settings of an instance that is not a read replica (its replication sources are external). */
  readonly externalSourceDefaults: Readonly<Record<string, ServerVariable>>;
  /**
   * Server variables for read replicas, under what their parameter group sets: how a replica
   * applies its source's writes fast enough to catch up, while staying safe under kill -9.
   */
  readonly replicaDefaults: Readonly<Record<string, ServerVariable>>;
  /**
   * Server variables sized from the instance's memory (RDS's DBInstanceClassMemory, in bytes),
   * under what its parameter group sets.
   */
  memorySettings(classMemory: number): Readonly<Record<string, string | number | boolean>>;
  /** The server variables DB parameter groups may show and set. */
  readonly parameters: readonly ParameterDefinition[];
  /** The interactive client connected to a server as `user` (password from MYSQL_PWD), with extra arguments. */
  clientCommand(address: { readonly host: string; readonly port: number }, user: string, extraArgs: readonly string[]): Command;
  /** Takes a hot physical copy of a running server into an empty directory (password from MYSQL_PWD). */
  hotCopyCommand(source: InstanceLayout, user: string, targetDir: string): Command;
  /** Makes an unpacked copy consistent, ready to start. */
  prepareCommand(dataDir: string): Command;
  /** The source binary log position recorded with a prepared copy. */
  readCopyPosition(dataDir: string): Promise<CopyPosition>;
  /** The binary log files of a data directory, oldest first (their names, as SHOW BINARY LOGS gives them). */
  binaryLogFiles(dataDir: string): Promise<string[]>;
  /**
   * Prints, as SQL a client replays, the events of the binary log `files` (paths, in order) from
   * `startPosition` in the first, and before `stop`: the first event of that second (UTC), or
   * that position in the last file.
   */
  binlogEventsCommand(files: readonly string[], startPosition: number, stop: BinlogStop): Command;
  /** A client on the socket of a server started for repair that runs what it reads, with every privilege. */
  replayClientCommand(socketPath: string): Command;
  /** The account an initialised data directory can be administered with (before the personality removes it). */
  readonly bootstrapAccount: { readonly user: string; readonly password: string };
}

/** Where instances live and how their processes run (local child processes now; Kubernetes later). */
export interface Placement {
  readonly engine: EngineAdapter;
  /** True when the instance has a data directory. */
  exists(instanceId: string): Promise<boolean>;
  /**
   * Makes sure a template data directory for `key` exists, creating it once with `prepare`, which
   * receives a running server on the fresh data directory and the bootstrap account.
   */
  ensureTemplate(key: string, prepare: (server: RunningServer) => Promise<void>): Promise<void>;
  /**
   * Gives `targetId` a data directory that is a hot physical copy of the running `sourceId`,
   * taken while it takes writes; `onProgress` hears the bytes copied so far.
   */
  copyFrom(
    sourceId: string,
    targetId: string,
    account: Credentials,
    onProgress?: (bytes: number) => void,
  ): Promise<CopyPosition>;
  /**
   * Keeps a prepared hot copy of the running `instanceId` as the snapshot `snapshotId`, apart from
   * every instance; `onProgress` hears the bytes copied so far and the bytes of the instance's data.
   */
  snapshot(
    instanceId: string,
    snapshotId: string,
    account: Credentials,
    onProgress?: (copied: number, total: number) => void,
  ): Promise<SnapshotCopy>;
  /** Gives an instance its own data directory, copied from a snapshot. */
  restoreSnapshot(snapshotId: string, instanceId: string): Promise<void>;
  /** A new snapshot with the files of another. */
  copySnapshot(sourceSnapshotId: string, targetSnapshotId: string): Promise<void>;
  /** Removes every file of a snapshot. */
  destroySnapshot(snapshotId: string): Promise<void>;
  /** Snapshots that have files on this placement. */
  listSnapshots(): Promise<string[]>;
  /**
   * Replays the binary log of `sourceId` from `from` up to `stop` into `targetId`, whose server
   * runs for repair (startForRepair): a point-in-time restore's second half.
   */
  replayBinlog(sourceId: string, targetId: string, from: Pick<CopyPosition, 'binlogFile' | 'binlogPosition'>, stop: { readonly time?: Date; readonly end?: { readonly file: string; readonly position: number } }): Promise<void>;
  /** Gives an instance its own data directory, copied from the template `key`. */
  provision(instanceId: string, templateKey: string): Promise<void>;
  /** Writes the option file and starts the server; resolves when it accepts connections. */
  start(instanceId: string, settings: ServerSettings): Promise<RunningServer>;
  /**
   * Starts the (stopped) server for repair only: grant tables off, no TCP, no replication, so
   * whoever reaches its local socket may do anything and nobody else can reach it. Used to mend an
   * operator account the control plane can no longer log in with; stop it and start() again after.
   */
  startForRepair(instanceId: string, settings: ServerSettings): Promise<RunningServer>;
  /** Ends a server left over from an earlier run of openrds (after a crash of the service). */
  stopLeftover(instanceId: string): Promise<boolean>;
  /** Removes every file of the instance. */
  destroy(instanceId: string): Promise<void>;
  /**
   * Moves a stopped instance's files to a new identifier (a rename). Done again after a crash, it
   * finishes: nothing happens when `fromId` has no files left and `toId` has them.
   */
  rename(fromId: string, toId: string): Promise<void>;
  /** The instance's log files that exist now. */
  logFiles(instanceId: string): Promise<LogFile[]>;
  /** Bytes [start, end) of one of them (fewer at its end). */
  readLog(instanceId: string, kind: LogKind, start: number, end: number): Promise<Buffer>;
  endpoint(instanceId: string, port: number): ServerEndpoint;
  /** Instances that have files on this placement. */
  list(): Promise<string[]>;
  /** Creates the state directory with the modes the placement's processes need. */
  prepareHome(): Promise<void>;
  /** True when nothing else uses `port` where this placement's servers listen. */
  portIsFree(port: number): Promise<boolean>;
}

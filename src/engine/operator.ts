/**
 * The operator's side of an instance, engine-neutral: the verbs the control plane and the monitor
 * use (an engine implements them with its own routines, statements and error numbers), and what
 * an instance's replication looks like.
 */

/** A new instance's master user. */
export interface MasterUser {
  readonly username: string;
  readonly password: string;
  readonly dbName: string | null;
}

/** An instance's replication connection (the default one), as the monitor reads it. */
export interface ReplicationState {
  readonly ioThread: 'running' | 'connecting' | 'stopped';
  readonly sqlThread: 'running' | 'stopped';
  /** The SQL thread's last error, else the IO thread's; '' when none. */
  readonly lastError: string;
  /** Seconds behind the source; null when unknown. */
  readonly secondsBehindSource: number | null;
  /** True while an UNTIL stop point is set on the SQL thread. */
  readonly untilSet: boolean;
  /** The source's binary log the SQL thread has applied up to (what the replica still needs). */
  readonly sourceLogFile: string | null;
  readonly sourceHost: string | null;
  readonly sourcePort: number | null;
}

/** A named replication channel (multi-source replication, the *_for_channel procedures). */
export interface ChannelStatus {
  readonly channel: string;
  readonly replication: ReplicationState;
  /** The channel's stop point of rds_start_replication_until_for_channel, or null. */
  readonly stopPoint: string | null;
  /** The channel's last replication action; null when none. */
  readonly lastAction: string | null;
}

/** What the operator reports about an instance in one round trip. */
export interface OperatorStatus {
  /** The default channel's; undefined when it is not configured. */
  readonly replication: ReplicationState | undefined;
  /** The named channels, by name. */
  readonly channels: readonly ChannelStatus[];
  readonly binaryLogs: readonly { readonly name: string; readonly size: number }[];
  readonly binlogRetentionHours: number | null;
  /** The stop point of rds_start_replication_until, or null. */
  readonly stopPoint: string | null;
  /** How many times a user (not the operator) has reset replication with rds_reset_external_master. */
  readonly externalResets: number;
  /** The last replication action of the procedures (`stop slave`, `start slave`, ...); null when none. */
  readonly lastAction: string | null;
}

/** The passwords the reserved accounts must have (clear text; hashed before they reach the server). */
export interface ReservedSecrets {
  readonly operator: string;
  /** The replication account's, once a read replica uses it; null otherwise. */
  readonly replication: string | null;
  /** Whether a hot copy's backup account may exist now. */
  readonly backupAllowed: boolean;
}

/** How an operator call failed, as the guard needs to know. */
export type OperatorFailure =
  /** It waited too long on a lock another session holds: try again on the next pass. */
  | 'timeout'
  /** The operator path itself is broken (login refused, routines without grants): repair offline. */
  | 'broken'
  | 'other';

/** A session as the operator on one instance. */
export interface OperatorClient extends AsyncDisposable {
  /** True once the session has ended (the server stopped, or it was closed). */
  readonly closed: boolean;
  bootstrap(master: MasterUser, newOperatorPassword: string): Promise<void>;
  setMasterPassword(password: string): Promise<void>;
  rotatePassword(password: string): Promise<void>;
  ensureReplicationUser(user: string, password: string): Promise<void>;
  /** Replicates from `source` by GTID from `gtid`; null keeps the replica's own position (a source that moved). */
  setupReplica(source: { readonly host: string; readonly port: number }, user: string, password: string, gtid: string | null): Promise<void>;
  setBackupUser(password: string | null): Promise<void>;
  promote(): Promise<void>;
  /** read_only on or off now (a blue/green switchover stops writes on blue, and keeps old blue read-only). */
  setReadOnly(on: boolean): Promise<void>;
  /** The GTID position of everything this instance has written to its binary log. */
  binlogPosition(): Promise<string>;
  /** Waits until this replica has applied `gtid`, at most `timeoutMs`; false when it has not by then. */
  waitForPosition(gtid: string, timeoutMs: number): Promise<boolean>;
  setVariable(name: string, value: string, numeric: boolean): Promise<void>;
  terminateReplication(): Promise<void>;
  rotateBinlog(): Promise<void>;
  purgeBinlogsTo(file: string): Promise<void>;
  /** One guard pass: what it found and undid, or null. */
  guard(secrets: ReservedSecrets): Promise<string | null>;
  /**
   * A replicated statement on a reserved account that stopped this replica is skipped; returns
   * its error text, or undefined when replication did not stop so.
   */
  skipReservedAccountError(): Promise<string | undefined>;
  status(): Promise<OperatorStatus>;
  /** A round trip that does nothing (a floor for benchmarks). */
  ping(): Promise<void>;
}

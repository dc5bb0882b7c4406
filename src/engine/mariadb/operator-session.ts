import { createHash } from 'node:crypto';
import mysql from 'mysql2/promise';
import type { ServerEndpoint } from '../engine.js';
import { repairConnection } from './script-session.js';
import type { MasterUser, OperatorClient, OperatorFailure, OperatorStatus, ReplicationState, ReservedSecrets } from '../operator.js';

/** The operator account the control plane logs in with (over the unix socket only). */
export const OPERATOR_USER = 'rdsadmin';

/** mysql_native_password's stored form of a password: '*' and SHA1(SHA1(password)) in upper-case hex. */
export function nativePasswordHash(password: string): string {
  const inner = createHash('sha1').update(password, 'utf8').digest();
  return '*' + createHash('sha1').update(inner).digest('hex').toUpperCase();
}

/** Seconds an operator statement waits for a lock another session holds. */
const OPERATOR_LOCK_WAIT_S = 3;
/** Seconds any operator statement may run (rds_start_replication's own wait is 5 s). */
const OPERATOR_STATEMENT_S = 30;
/** Seconds a guard pass may take before it gives up (the next pass tries again). */
const GUARD_STATEMENT_S = 5;

/** ER_LOCK_WAIT_TIMEOUT (row and metadata locks) and ER_STATEMENT_TIMEOUT (max_statement_time). */
const TIMEOUT_ERRNOS = new Set([1205, 1969]);

/**
 * MariaDB errors that mean the operator path itself is broken (not a passing failure): the login
 * is refused, locked, expired or limited, or the routines have lost their grants or their definer.
 */
const BROKEN_OPERATOR_ERRNOS = new Set([
  1044, // ER_DBACCESS_DENIED_ERROR
  1045, // ER_ACCESS_DENIED_ERROR: renamed, dropped, re-passworded
  1142, // ER_TABLEACCESS_DENIED_ERROR: rds_definer stripped
  1143, // ER_COLUMNACCESS_DENIED_ERROR
  1226, // ER_USER_LIMIT_REACHED: MAX_QUERIES_PER_HOUR and the like
  1227, // ER_SPECIFIC_ACCESS_DENIED_ERROR
  1251, // ER_NOT_SUPPORTED_AUTH_MODE: plugin changed
  1370, // ER_PROCACCESS_DENIED_ERROR: EXECUTE revoked, or rds_definer dropped
  1449, // ER_NO_SUCH_USER: a definer that does not exist
  1698, // ER_ACCESS_DENIED_NO_PASSWORD_ERROR: unix_socket plugin
  1820, // ER_MUST_CHANGE_PASSWORD: PASSWORD EXPIRE
  1862, // ER_MUST_CHANGE_PASSWORD_LOGIN
  4151, // ER_ACCOUNT_HAS_BEEN_LOCKED
]);

/** Operation CREATE USER / DROP USER / ... failed: how a replicated statement on an account stops a replica. */
const ER_CANNOT_USER = 1396;

/** Names of the accounts and roles that are openrds's own, as MariaDB quotes them in errors. */
const RESERVED_NAME = /'(rdsadmin|rdsrepladmin|rdsbackup|mariadb\.sys|rds_definer)'/;

/** How an operator call failed (see OperatorFailure). */
export function operatorFailure(error: unknown): OperatorFailure {
  const e = error as { errno?: number; message?: string; code?: string };
  if (e.errno !== undefined && TIMEOUT_ERRNOS.has(e.errno)) return 'timeout';
  if (e.errno !== undefined && BROKEN_OPERATOR_ERRNOS.has(e.errno)) return 'broken';
  if (e.code === 'AUTH_SWITCH_PLUGIN_ERROR' || e.code === 'HANDSHAKE_NO_SSL_SUPPORT') return 'broken';
  // The guard routine SIGNALs this when what it found needs the grant tables off.
  if (e.errno === 1644 && /repair offline/.test(e.message ?? '')) return 'broken';
  return 'other';
}

/** The hashes a guard pass compares the reserved accounts with (calls show in the processlist). */
function guardArguments(secrets: ReservedSecrets): [string, string | null, 0 | 1] {
  return [nativePasswordHash(secrets.operator), secrets.replication === null ? null : nativePasswordHash(secrets.replication), secrets.backupAllowed ? 1 : 0];
}

/** SHOW SLAVE STATUS's row, engine-neutral. */
function replicationState(row: mysql.RowDataPacket | undefined): ReplicationState | undefined {
  if (!row) return undefined;
  const io = row.Slave_IO_Running;
  return {
    ioThread: io === 'Yes' ? 'running' : io === 'Connecting' ? 'connecting' : 'stopped',
    sqlThread: row.Slave_SQL_Running === 'Yes' ? 'running' : 'stopped',
    lastError: String(row.Last_SQL_Error || row.Last_IO_Error || ''),
    secondsBehindSource: typeof row.Seconds_Behind_Master === 'number' ? row.Seconds_Behind_Master : null,
    untilSet: row.Until_Condition !== undefined && row.Until_Condition !== 'None',
    sourceLogFile: row.Relay_Master_Log_File ? String(row.Relay_Master_Log_File) : null,
    sourceHost: typeof row.Master_Host === 'string' && row.Master_Host ? row.Master_Host : null,
    sourcePort: row.Master_Port == null ? null : Number(row.Master_Port),
  };
}

/**
 * With grant tables off (a server started for repair; any name logs in over the socket): guard
 * repair passes until one finds nothing; what they repaired. Still damaged after `passes`, it throws.
 */
export async function repairReserved(endpoint: ServerEndpoint, secrets: ReservedSecrets, passes: number): Promise<string[]> {
  const conn = await repairConnection(endpoint, 'openrds-repair');
  const found: string[] = [];
  try {
    // What a later pass still finds was left by a step that failed or by the order of the first.
    for (let pass = 1; ; pass++) {
      const [results] = await conn.query<mysql.RowDataPacket[][]>('CALL mysql.rds_guard_repair(?, ?, ?, 1)', guardArguments(secrets));
      const repaired = results[0]?.[0]?.repaired;
      if (repaired == null) return found;
      if (pass === passes) throw new Error(`still damaged after ${pass} repair passes: ${String(repaired)}`);
      found.push(...String(repaired).split('; '));
    }
  } finally {
    await conn.end();
  }
}

/** A connection as the operator, over the unix socket (sql/template/8*-rds_operator_*.sql). */
export class OperatorSession implements OperatorClient {
  #closed = false;

  private constructor(readonly connection: mysql.Connection) {
    connection.on('error', () => (this.#closed = true));
    connection.on('end', () => (this.#closed = true));
  }

  /** True once the connection has ended (the server stopped, or the session was closed). */
  get closed(): boolean {
    return this.#closed;
  }

  static async open(endpoint: ServerEndpoint, password: string): Promise<OperatorSession> {
    const connection = await mysql.createConnection({ socketPath: endpoint.socketPath, user: OPERATOR_USER, password });
    // The operator never waits long on the master user's locks: row and metadata locks give up
    // with ERROR 1205; a grant table's lock (a SELECT SLEEP() FROM mysql.global_priv holds it) is
    // not bound by lock_wait_timeout (measured: DROP USER waited it out), so every statement is.
    await connection.query(
      `SET SESSION lock_wait_timeout = ${OPERATOR_LOCK_WAIT_S}, innodb_lock_wait_timeout = ${OPERATOR_LOCK_WAIT_S},` +
        ` max_statement_time = ${OPERATOR_STATEMENT_S}`,
    );
    return new OperatorSession(connection);
  }

  /** Calls an operator routine `mysql.<name>` with its arguments as data. */
  async #call(routine: string, args: ReadonlyArray<string | number | null>): Promise<void> {
    await this.connection.query(`CALL mysql.${routine}(${args.map(() => '?').join(', ')})`, [...args]);
  }

  // The operator's verbs (sql/template/8*-rds_operator_*.sql). Passwords travel as hashes where the
  // routine allows: the routines' statements show in SHOW PROCESSLIST while they run.

  /** A new instance's master user (and database), and a password of the operator's own. */
  bootstrap(master: MasterUser, newOperatorPassword: string): Promise<void> {
    const hash = nativePasswordHash;
    return this.#call('rds_operator_bootstrap', [master.username, hash(master.password), master.dbName, hash(newOperatorPassword)]);
  }

  /** The master user's password (re-creating the master user if it was dropped). */
  setMasterPassword(password: string): Promise<void> {
    return this.#call('rds_operator_set_master_password', [nativePasswordHash(password)]);
  }

  /** A new password for the operator account itself. */
  rotatePassword(password: string): Promise<void> {
    return this.#call('rds_operator_rotate_password', [nativePasswordHash(password)]);
  }

  /** The account read replicas replicate as, with this password. */
  ensureReplicationUser(user: string, password: string): Promise<void> {
    return this.#call('rds_operator_ensure_repl_user', [user, nativePasswordHash(password)]);
  }

  /** Makes this instance a read replica of `source` from the GTID position `gtid`. */
  setupReplica(source: { readonly host: string; readonly port: number }, user: string, password: string, gtid: string | null): Promise<void> {
    return this.#call('rds_operator_setup_replica', [source.host, source.port, user, password, gtid]);
  }

  /** The hot copy's backup account: made with this password, or dropped (null). */
  setBackupUser(password: string | null): Promise<void> {
    return this.#call('rds_operator_backup_user', [password === null ? null : nativePasswordHash(password)]);
  }

  /** Ends replication for good (PromoteReadReplica) and makes the instance writable. */
  async promote(): Promise<void> {
    await this.#call('rds_operator_promote', []);
    await this.#call('rds_operator_set_read_only', [0]);
  }

  setReadOnly(on: boolean): Promise<void> {
    return this.#call('rds_operator_set_read_only', [on ? 1 : 0]);
  }

  async binlogPosition(): Promise<string> {
    const [rows] = await this.connection.query<mysql.RowDataPacket[]>('SELECT @@GLOBAL.gtid_binlog_pos AS pos');
    return String(rows[0]?.pos ?? '');
  }

  /** MASTER_GTID_WAIT: 0 once the position is applied, -1 at the timeout (its own, under the statement limit). */
  async waitForPosition(gtid: string, timeoutMs: number): Promise<boolean> {
    const seconds = Math.max(0, Math.min(timeoutMs, (OPERATOR_STATEMENT_S - 1) * 1000)) / 1000;
    const [rows] = await this.connection.query<mysql.RowDataPacket[]>('SELECT MASTER_GTID_WAIT(?, ?) AS waited', [gtid, seconds]);
    return Number(rows[0]?.waited) === 0;
  }

  /** Sets a server variable now (a dynamic DB parameter). */
  setVariable(name: string, value: string, numeric: boolean): Promise<void> {
    return this.#call('rds_operator_set_variable', [name, value, numeric ? 1 : 0]);
  }

  /** Ends a read replica's replication for good (the 30-day rule). */
  terminateReplication(): Promise<void> {
    return this.#call('rds_operator_terminate_replication', []);
  }

  /** Closes the current binary log and opens the next (FLUSH BINARY LOGS). */
  rotateBinlog(): Promise<void> {
    return this.#call('rds_operator_rotate_binlog', []);
  }

  /** Purges the binary logs before `file`. */
  purgeBinlogsTo(file: string): Promise<void> {
    return this.#call('rds_operator_purge_binlogs', [file]);
  }

  async skipReservedAccountError(): Promise<string | undefined> {
    const [rows] = await this.connection.query<mysql.RowDataPacket[]>("SHOW SLAVE '' STATUS");
    const row = rows[0];
    const error = String(row?.Last_SQL_Error ?? '');
    if (!row || row.Slave_SQL_Running !== 'No' || Number(row.Last_SQL_Errno) !== ER_CANNOT_USER || !RESERVED_NAME.test(error)) return undefined;
    await this.#call('rds_operator_skip_account_error', []);
    return error;
  }

  async ping(): Promise<void> {
    await this.connection.query('SELECT 1');
  }

  /**
   * One guard pass (sql/template/89-*.sql) with the password hashes the reserved accounts must
   * have; what it found and undid, or null. A pass interrupted by its time limit ends the session:
   * the routine's error handlers did not run, so it may have left sql_log_bin = 0 in it.
   */
  async guard(secrets: ReservedSecrets): Promise<string | null> {
    try {
      const [results] = await this.connection.query<mysql.RowDataPacket[][]>(
        `SET STATEMENT max_statement_time = ${GUARD_STATEMENT_S} FOR CALL mysql.rds_operator_guard(?, ?, ?)`,
        guardArguments(secrets),
      );
      const repaired = results[0]?.[0]?.repaired;
      return repaired == null ? null : String(repaired);
    } catch (error) {
      if (operatorFailure(error) === 'timeout') {
        this.#closed = true;
        this.connection.destroy();
      }
      throw error;
    }
  }

  /** One round trip: every channel's status, binary logs, retention setting, stop points. */
  async status(): Promise<OperatorStatus> {
    const [results] = await this.connection.query<mysql.RowDataPacket[][]>('CALL mysql.rds_operator_status()');
    const [slaves, logs, retention, actions, resets] = results;
    const actionOf = (channel: string) => {
      const row = actions?.find((a) => a.channel_name === channel);
      const stopPoint = row?.replication_stop_point;
      return {
        stopPoint: stopPoint == null ? null : `${row!.replication_log_file}:${stopPoint}`,
        lastAction: row?.last_action == null ? null : String(row.last_action),
      };
    };
    const named = (slaves ?? []).filter((row) => row.Connection_name !== '');
    return {
      replication: replicationState(slaves?.find((row) => row.Connection_name === '')),
      channels: named.map((row) => ({ channel: String(row.Connection_name), replication: replicationState(row)!, ...actionOf(String(row.Connection_name)) })),
      binaryLogs: (logs ?? []).map((row) => ({ name: String(row.Log_name), size: Number(row.File_size) })),
      binlogRetentionHours: retention?.[0]?.binlog_retention_hours == null ? null : Number(retention[0].binlog_retention_hours),
      externalResets: Number(resets?.[0]?.external_resets ?? 0),
      ...actionOf(''),
    };
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.#closed = true;
    await this.connection.end().catch(() => undefined);
  }
}

import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import type { ServerEndpoint } from '../engine/index.js';
import { SQL_DIR } from '../paths.js';

/** The operator account the control plane logs in with (over the unix socket only). */
export const OPERATOR_USER = 'rdsadmin';

interface SqlFile {
  readonly name: string;
  readonly text: string;
}

export interface MasterUser {
  readonly username: string;
  readonly password: string;
  readonly dbName: string | null;
}

/** mysql_native_password's stored form of a password: '*' and SHA1(SHA1(password)) in upper-case hex. */
export function nativePasswordHash(password: string): string {
  const inner = createHash('sha1').update(password, 'utf8').digest();
  return '*' + createHash('sha1').update(inner).digest('hex').toUpperCase();
}

/** A fresh secret for the operator account. */
export function newOperatorPassword(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * The RDS personality: the accounts, `mysql.rds_*` tables and procedures of sql/template/, applied
 * once to a template data directory, and the operator routines the control plane calls on each instance.
 */
export class Personality {
  private constructor(
    private readonly files: readonly SqlFile[],
    /** Changes whenever a template file changes, so templates are rebuilt on upgrade. */
    readonly digest: string,
  ) {}

  static async load(): Promise<Personality> {
    const dir = join(SQL_DIR, 'template');
    const names = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
    const files = await Promise.all(names.map(async (name) => ({ name, text: await readFile(join(dir, name), 'utf8') })));
    const hash = createHash('sha256');
    for (const file of files) hash.update(file.name).update('\0').update(file.text).update('\0');
    return new Personality(Object.freeze(files), hash.digest('hex').slice(0, 12));
  }

  /** Installs the personality into a freshly initialised server, as its bootstrap account. */
  async installTemplate(
    endpoint: ServerEndpoint,
    bootstrap: { readonly user: string; readonly password: string },
    operatorPassword: string,
  ): Promise<void> {
    const conn = await mysql.createConnection({
      socketPath: endpoint.socketPath,
      user: bootstrap.user,
      password: bootstrap.password,
      multipleStatements: true,
    });
    try {
      await conn.query('SET @operator_password = ?', [operatorPassword]);
      for (const file of this.files) {
        try {
          await conn.query(file.text);
        } catch (error) {
          throw new Error(`sql/template/${file.name}: ${(error as Error).message}`);
        }
      }
    } finally {
      await conn.end();
    }
  }

  /** Creates the master user (and database) on a new instance and gives the operator a password of its own. */
  async bootstrapInstance(
    endpoint: ServerEndpoint,
    operatorPassword: string,
    master: MasterUser,
    newOperatorPassword: string,
  ): Promise<void> {
    await using operator = await OperatorSession.open(endpoint, operatorPassword);
    await operator.bootstrap(master, newOperatorPassword);
  }

  /** ModifyDBInstance MasterUserPassword: sets the password, re-creating the master user if it was dropped. */
  async setMasterPassword(endpoint: ServerEndpoint, operatorPassword: string, password: string): Promise<void> {
    await using operator = await OperatorSession.open(endpoint, operatorPassword);
    await operator.setMasterPassword(password);
  }
}

/** What rds_operator_status() reports about an instance. */
export interface OperatorStatus {
  readonly slave: Record<string, unknown> | undefined;
  readonly binaryLogs: readonly { readonly name: string; readonly size: number }[];
  readonly binlogRetentionHours: number | null;
  /** The stop point of rds_start_replication_until, or null. */
  readonly stopPoint: string | null;
  /** How many times a user (not the operator) has reset replication with rds_reset_external_master. */
  readonly externalResets: number;
  /** The last replication action of the procedures (`stop slave`, `start slave`, ...); null when none. */
  readonly lastAction: string | null;
}

/** Seconds an operator statement waits for a lock another session holds. */
const OPERATOR_LOCK_WAIT_S = 3;
/** Seconds any operator statement may run (rds_start_replication's own wait is 5 s). */
const OPERATOR_STATEMENT_S = 30;
/** Seconds a guard pass may take before it gives up (the next pass tries again). */
const GUARD_STATEMENT_S = 5;

/** ER_LOCK_WAIT_TIMEOUT (row and metadata locks) and ER_STATEMENT_TIMEOUT (max_statement_time). */
export function isOperatorTimeout(error: unknown): boolean {
  const errno = (error as { errno?: number }).errno;
  return errno === 1205 || errno === 1969;
}

/** A connection as the operator, over the unix socket. */
export class OperatorSession implements AsyncDisposable {
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
  setupReplica(source: { readonly host: string; readonly port: number }, user: string, password: string, gtid: string): Promise<void> {
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

  /** Skips the replicated statement on a reserved account that stopped this replica. */
  skipAccountError(): Promise<void> {
    return this.#call('rds_operator_skip_account_error', []);
  }

  /** The SQL thread's state and last error (of the default replication connection). */
  async sqlThread(): Promise<{ readonly running: boolean; readonly errno: number; readonly error: string } | undefined> {
    const [rows] = await this.connection.query<mysql.RowDataPacket[]>("SHOW SLAVE '' STATUS");
    const row = rows[0];
    if (!row) return undefined;
    return { running: row.Slave_SQL_Running === 'Yes', errno: Number(row.Last_SQL_Errno), error: String(row.Last_SQL_Error ?? '') };
  }

  /**
   * One guard pass (sql/template/89-*.sql) with the password hashes the reserved accounts must
   * have; what it found and undid, or null. A pass interrupted by its time limit ends the session:
   * the routine's error handlers did not run, so it may have left sql_log_bin = 0 in it.
   */
  async guard(operatorHash: string, replicationHash: string | null, backup: 0 | 1): Promise<string | null> {
    try {
      const [results] = await this.connection.query<mysql.RowDataPacket[][]>(
        `SET STATEMENT max_statement_time = ${GUARD_STATEMENT_S} FOR CALL mysql.rds_operator_guard(?, ?, ?)`,
        [operatorHash, replicationHash, backup],
      );
      const repaired = results[0]?.[0]?.repaired;
      return repaired == null ? null : String(repaired);
    } catch (error) {
      if (isOperatorTimeout(error)) {
        this.#closed = true;
        this.connection.destroy();
      }
      throw error;
    }
  }

  /** One round trip: replication status, binary logs, retention setting, stop point. */
  async status(): Promise<OperatorStatus> {
    const [results] = await this.connection.query<mysql.RowDataPacket[][]>('CALL mysql.rds_operator_status()');
    const [slave, logs, retention, stop] = results;
    const stopPoint = stop?.[0]?.replication_stop_point;
    return {
      slave: slave?.[0],
      binaryLogs: (logs ?? []).map((row) => ({ name: String(row.Log_name), size: Number(row.File_size) })),
      binlogRetentionHours: retention?.[0]?.binlog_retention_hours == null ? null : Number(retention[0].binlog_retention_hours),
      stopPoint: stopPoint == null ? null : `${stop![0]!.replication_log_file}:${stopPoint}`,
      externalResets: Number(stop?.[0]?.external_resets ?? 0),
      lastAction: stop?.[0]?.last_action == null ? null : String(stop[0].last_action),
    };
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.#closed = true;
    await this.connection.end().catch(() => undefined);
  }
}

import type { Logger } from 'pino';
import mysql from 'mysql2/promise';
import type { ServerEndpoint } from '../engine/index.js';
import { isOperatorTimeout, nativePasswordHash } from '../personality/personality.js';
import type { InstanceEventId } from '../model/events.js';
import type { InstanceRecord } from '../model/instance-record.js';
import type { OperatorSession } from '../personality/personality.js';

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

/** Repair passes offline before the instance is declared failed. */
const OFFLINE_PASSES = 3;

/** After a failed offline repair, the next try waits this long. */
const OFFLINE_RETRY_MS = 30_000;

/** Events about passes that could not finish: at most this often per instance. */
const UNFINISHED_EVENT_EVERY_MS = 60_000;

/** Operation CREATE USER / DROP USER / ... failed: how a replicated statement on an account stops a replica. */
const ER_CANNOT_USER = 1396;

/** Names of the accounts and roles that are openrds's own. */
const RESERVED_NAME = /'(rdsadmin|rdsrepladmin|rdsbackup|mariadb\.sys|rds_definer)'/;

interface Secrets {
  readonly operator: string;
  readonly replication: string | null;
  readonly backup: 0 | 1;
}

export interface GuardOutcome {
  /** What was found tampered with and undone; empty when everything was as it must be. */
  readonly repaired: readonly string[];
  /** True when the server had to be restarted for the repair (the operator could not log in). */
  readonly offline: boolean;
}

/** What the guard needs of the instances it guards (the control plane gives it). */
export interface GuardedInstances {
  replicasOf(id: string): InstanceRecord[];
  isCopying(id: string): boolean;
  /** The operator's password and, once made, the replication account's, in the clear. */
  reservedSecrets(id: string): { operator: string; replication: string | undefined };
  withOperator<T>(id: string, work: (op: OperatorSession) => Promise<T>): Promise<T>;
  repairOffline(id: string, repair: (endpoint: ServerEndpoint) => Promise<void>): Promise<void>;
  readonly events: { record(instanceId: string, eventId: InstanceEventId, detail?: string): void };
}

/**
 * The operator guard: on every monitor pass, asks each available instance (as the operator) to
 * check its reserved accounts and role against what they must be and to undo any change
 * (mysql.rds_operator_guard, sql/template/89-rds_operator_guard.sql). When the operator cannot log
 * in or its routines fail for lack of privileges, the instance is repaired offline: restarted
 * once with its grant tables off and only its socket open. Every repair is an event
 * (OPENRDS-EVENT-0003) with what was found.
 */
export class OperatorGuard {
  /** Instances being repaired offline (one repair at a time per instance). */
  readonly #repairing = new Set<string>();
  /** When an offline repair last failed, per instance: no restart loop, one try per OFFLINE_RETRY_MS. */
  readonly #failedAt = new Map<string, number>();
  /** When a pass that could not finish was last recorded as an event, per instance. */
  readonly #unfinishedAt = new Map<string, number>();

  constructor(
    private readonly control: GuardedInstances,
    private readonly logger: Logger,
  ) {}

  /** One pass on one instance; a failure is only logged (the next pass tries again). */
  async checkQuietly(id: string): Promise<void> {
    await this.check(id).catch((error: unknown) => this.logger.debug({ instance: id, err: error }, 'operator guard pass failed'));
  }

  /** The password hashes the reserved accounts must have (hashes only: calls show in the processlist). */
  #secrets(id: string): Secrets {
    const { operator, replication: password } = this.control.reservedSecrets(id);
    const replicas = this.control.replicasOf(id);
    // A source's replication account is guarded once a replica uses it (while the first one is
    // being made, the control plane is creating it); rdsbackup may exist only during a hot copy.
    const replication = password && replicas.some((r) => r.status !== 'creating') ? nativePasswordHash(password) : null;
    return { operator: nativePasswordHash(operator), replication, backup: this.control.isCopying(id) ? 1 : 0 };
  }

  /** Checks (and repairs) one running, available instance. */
  async check(id: string): Promise<GuardOutcome> {
    if (this.#repairing.has(id)) return { repaired: [], offline: false };
    if (Date.now() - (this.#failedAt.get(id) ?? -Infinity) < OFFLINE_RETRY_MS) return { repaired: [], offline: false };
    const secrets = this.#secrets(id);
    let repaired: string | null;
    try {
      repaired = await this.control.withOperator(id, async (op) => {
        const guarded = await op.guard(secrets.operator, secrets.replication, secrets.backup);
        const found = guarded === null ? [] : [guarded];
        // A replica stopped by a replicated statement on a reserved account (see 89-*.sql)
        const sql = await op.sqlThread();
        if (sql && !sql.running && sql.errno === ER_CANNOT_USER && RESERVED_NAME.test(sql.error)) {
          await op.skipAccountError();
          found.push(`replicated statement on a reserved account skipped (${sql.error.slice(0, 200)})`);
        }
        return found.length ? found.join('; ') : null;
      });
    } catch (error) {
      if (isOperatorTimeout(error)) return this.#unfinished(id, error as Error);
      if (!isBrokenOperator(error)) throw error;
      return this.#repairOffline(id, secrets, error as Error);
    }
    if (repaired === null) return { repaired: [], offline: false };
    const found = repaired.split('; ');
    this.logger.warn({ instance: id, repaired: found }, 'reserved accounts repaired');
    this.control.events.record(id, 'OPENRDS-EVENT-0003', repaired);
    return { repaired: found, offline: false };
  }

  /**
   * A pass that waited too long on a lock another session holds (the master user's, on a grant
   * table): nothing is hung, the next pass tries again; said once a minute as an event.
   */
  #unfinished(id: string, cause: Error): GuardOutcome {
    this.logger.warn({ instance: id, err: cause }, 'operator guard pass could not finish');
    const now = Date.now();
    if (now - (this.#unfinishedAt.get(id) ?? -Infinity) >= UNFINISHED_EVENT_EVERY_MS) {
      this.#unfinishedAt.set(id, now);
      this.control.events.record(id, 'OPENRDS-EVENT-0004', `${cause.message}; retried on the next pass`);
    }
    return { repaired: [], offline: false };
  }

  async #repairOffline(id: string, secrets: Secrets, cause: Error): Promise<GuardOutcome> {
    this.#repairing.add(id);
    this.logger.warn({ instance: id, err: cause }, 'operator path broken: repairing offline');
    let found: string[] = [];
    try {
      await this.control.repairOffline(id, async (endpoint: ServerEndpoint) => {
        // Grant tables are off: any name logs in over the socket (and only over it: no TCP).
        const conn = await mysql.createConnection({ socketPath: endpoint.socketPath, user: 'openrds-repair' });
        try {
          // Loads the grant tables, so account statements work; this session keeps every privilege.
          await conn.query('FLUSH PRIVILEGES');
          // Passes until one finds nothing: what a later pass still finds was left by a step that
          // failed or by the order of the first; still there after OFFLINE_PASSES, it is an error.
          for (let pass = 1; ; pass++) {
            const [results] = await conn.query<mysql.RowDataPacket[][]>('CALL mysql.rds_guard_repair(?, ?, ?, 1)', [
              secrets.operator,
              secrets.replication,
              secrets.backup,
            ]);
            const repaired = results[0]?.[0]?.repaired;
            if (repaired == null) break;
            if (pass === OFFLINE_PASSES) throw new Error(`still damaged after ${pass} repair passes: ${String(repaired)}`);
            found.push(...String(repaired).split('; '));
          }
        } finally {
          await conn.end();
        }
      });
    } catch (error) {
      this.#failedAt.set(id, Date.now());
      this.logger.error({ instance: id, err: error }, 'offline repair of the operator failed');
      throw error;
    } finally {
      this.#repairing.delete(id);
    }
    this.#failedAt.delete(id);
    const detail = [`the operator could not work (${cause.message})`, ...found].join('; ');
    this.control.events.record(id, 'OPENRDS-EVENT-0003', detail);
    return { repaired: found, offline: true };
  }
}

function isBrokenOperator(error: unknown): boolean {
  const e = error as { errno?: number; sqlState?: string; message?: string; code?: string };
  if (e.errno !== undefined && BROKEN_OPERATOR_ERRNOS.has(e.errno)) return true;
  if (e.code === 'AUTH_SWITCH_PLUGIN_ERROR' || e.code === 'HANDSHAKE_NO_SSL_SUPPORT') return true;
  return e.errno === 1644 && /repair offline/.test(e.message ?? '');
}

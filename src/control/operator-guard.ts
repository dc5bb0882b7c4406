import type { Logger } from 'pino';
import type { EngineAdapter, OperatorClient, ReservedSecrets, ServerEndpoint } from '../engine/index.js';
import type { EventRecorder } from '../model/events.js';
import type { InstanceRecord } from '../model/instance-record.js';

/** Repair passes offline before the instance is declared failed. */
const OFFLINE_PASSES = 3;

/** After a failed offline repair, the next try waits this long. */
const OFFLINE_RETRY_MS = 30_000;

/** Events about passes that could not finish: at most this often per instance. */
const UNFINISHED_EVENT_EVERY_MS = 60_000;

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
  withOperator<T>(id: string, work: (op: OperatorClient) => Promise<T>): Promise<T>;
  repairOffline(id: string, repair: (endpoint: ServerEndpoint) => Promise<void>): Promise<void>;
  readonly events: EventRecorder;
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
    /** The engine knows how its operator calls fail and how to repair a server started for repair. */
    private readonly engine: Pick<EngineAdapter, 'operatorFailure' | 'repairReserved'>,
    private readonly logger: Logger,
  ) {}

  /** One pass on one instance; a failure is only logged (the next pass tries again). */
  async checkQuietly(id: string): Promise<void> {
    await this.check(id).catch((error: unknown) => this.logger.debug({ instance: id, err: error }, 'operator guard pass failed'));
  }

  /** The passwords the reserved accounts must have now. */
  #secrets(id: string): ReservedSecrets {
    const { operator, replication: password } = this.control.reservedSecrets(id);
    const replicas = this.control.replicasOf(id);
    // A source's replication account is guarded once a replica uses it (while the first one is
    // being made, the control plane is creating it); rdsbackup may exist only during a hot copy.
    const replication = password && replicas.some((r) => r.status !== 'creating') ? password : null;
    return { operator, replication, backupAllowed: this.control.isCopying(id) };
  }

  /** Checks (and repairs) one running, available instance. */
  async check(id: string): Promise<GuardOutcome> {
    if (this.#repairing.has(id)) return { repaired: [], offline: false };
    if (Date.now() - (this.#failedAt.get(id) ?? -Infinity) < OFFLINE_RETRY_MS) return { repaired: [], offline: false };
    const secrets = this.#secrets(id);
    let repaired: string | null;
    try {
      repaired = await this.control.withOperator(id, async (op) => {
        const guarded = await op.guard(secrets);
        const found = guarded === null ? [] : [guarded];
        // A replica stopped by a replicated statement on a reserved account (see 89-*.sql)
        const skipped = await op.skipReservedAccountError();
        if (skipped !== undefined) found.push(`replicated statement on a reserved account skipped (${skipped.slice(0, 200)})`);
        return found.length ? found.join('; ') : null;
      });
    } catch (error) {
      const failure = this.engine.operatorFailure(error);
      if (failure === 'timeout') return this.#unfinished(id, error as Error);
      if (failure !== 'broken') throw error;
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

  async #repairOffline(id: string, secrets: ReservedSecrets, cause: Error): Promise<GuardOutcome> {
    this.#repairing.add(id);
    this.logger.warn({ instance: id, err: cause }, 'operator path broken: repairing offline');
    let found: string[] = [];
    try {
      // Grant tables are off: any name logs in over the socket (and only over it: no TCP).
      await this.control.repairOffline(id, async (endpoint: ServerEndpoint) => {
        found = await this.engine.repairReserved(endpoint, secrets, OFFLINE_PASSES);
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

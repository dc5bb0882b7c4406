import type { Logger } from 'pino';
import type { EventRecorder } from '../model/events.js';
import type { InstanceRecord, ReplicaStatus, ReplicationRecord } from '../model/instance-record.js';
import type { OperatorClient, OperatorStatus } from '../engine/index.js';
import type { LagSample, Store } from '../store/store.js';
import { observeReplica } from './replica-state.js';

/** What the monitor needs of the instances it watches (the control plane gives it). */
export interface MonitoredInstances {
  describe(): InstanceRecord[];
  replicasOf(id: string): InstanceRecord[];
  isRunning(id: string): boolean;
  withOperator<T>(id: string, work: (op: OperatorClient) => Promise<T>): Promise<T>;
  updateReplication(id: string, replication: ReplicationRecord): void;
  updateExternalResets(id: string, count: number): void;
  /** The oldest binary log of an instance that point-in-time restores still need (kept with the later ones). */
  binlogRetainedFrom?(id: string): string | undefined;
  readonly events: EventRecorder;
}

export interface MonitorOptions {
  readonly control: MonitoredInstances;
  /** Checks (and repairs) one instance's reserved accounts; the operator guard, handed in. */
  readonly guard: (id: string) => Promise<void>;
  /** Where lag history is kept (the console's chart). */
  readonly store: Store;
  readonly logger: Logger;
  /** How often every instance is looked at. */
  readonly intervalMs: number;
  /** Replication stopped longer than this is terminated for good (RDS: 30 days). */
  readonly terminateAfterMs: number;
  readonly now?: () => number;
}

const HOUR_MS = 3_600_000;
/** Lag history (the console's chart): one sample per replica at most this often, kept an hour. */
const LAG_SAMPLE_EVERY_MS = 2_000;
const LAG_HISTORY_MS = HOUR_MS;
const STOPPED: readonly ReplicaStatus[] = ['stopped', 'error'];
/**
 * Instances asked at once in a pass. Asking all 50 of a fleet at once wrote 50 queries in one go;
 * each write wakes its server, and on a small machine the write returns only when the CPU comes
 * back (~1.5 ms each on 2 cores): the event loop stood still 70-300 ms every pass and API requests
 * waited. A few at a time, with the loop free between them, a pass takes as long (~100 ms) and
 * requests go through it.
 */
const AT_ONCE = 4;

/** `work` for every item, at most `limit` at a time, yielding to the event loop between items. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** A source outside openrds that an instance replicates from (rds_set_external_master, or a channel of *_for_channel). */
export interface ExternalSource {
  /** The replication channel; '' for the default one. */
  readonly channel: string;
  readonly host: string;
  readonly port: number;
  readonly status: Exclude<ReplicaStatus, 'terminated'> | 'unknown';
  readonly message: string;
  readonly lag: number;
}

/**
 * Watches read replicas and their sources: the replica status RDS shows (StatusInfos), ReplicaLag,
 * the read replica events, the 30-day rule, and binary log retention on sources (never purge a
 * log that a non-terminated replica, running or stopped, still needs, nor one a point-in-time
 * restore needs).
 */
export class ReplicationMonitor implements AsyncDisposable {
  readonly #lag = new Map<string, number>();
  readonly #external = new Map<string, readonly ExternalSource[]>();
  /** When each binary log file was first seen closed (a newer file existed), per source. */
  readonly #closedAt = new Map<string, Map<string, number>>();
  /** When each replica's lag was last stored, and when old samples were last pruned. */
  readonly #lastSampleAt = new Map<string, number>();
  #lastPruneAt = 0;
  #timer: NodeJS.Timeout | undefined;
  #tick: Promise<void> | undefined;

  constructor(private readonly options: MonitorOptions) {}

  start(): void {
    const loop = () => {
      this.#tick = this.runOnce()
        .catch((error: unknown) => this.options.logger.warn({ err: error }, 'replication monitor pass failed'))
        .finally(() => {
          if (this.#timer !== undefined) this.#timer = setTimeout(loop, this.options.intervalMs);
        });
    };
    this.#timer = setTimeout(loop, 0);
  }

  /** The external sources an instance replicates from, one per channel ('' first), as last seen. */
  externalSources(id: string): readonly ExternalSource[] {
    return this.#external.get(id) ?? [];
  }

  /** ReplicaLag in seconds; -1 when replication is not active; undefined for a non-replica. */
  lag(id: string): number | undefined {
    return this.#lag.get(id);
  }

  /** One pass over every instance. */
  async runOnce(): Promise<void> {
    const { control } = this.options;
    const records = control.describe().filter((r) => r.status === 'available' && control.isRunning(r.id));
    // Reserved accounts (operator-guard.ts), a few instances at a time (AT_ONCE).
    await eachLimited(records, AT_ONCE, (record) => this.options.guard(record.id));
    const statuses = new Map<string, OperatorStatus>();
    await eachLimited(records, AT_ONCE, async (record) => {
      try {
        statuses.set(record.id, await control.withOperator(record.id, (op) => op.status()));
      } catch (error) {
        this.options.logger.debug({ instance: record.id, err: error }, 'no status');
      }
    });
    for (const record of records) {
      const status = statuses.get(record.id);
      if (!status) continue;
      if (record.replicaOf) {
        await this.#watchReplica(record, status);
        this.#sampleLag(record.id);
      } else this.#watchExternalReplication(record, status);
    }
    for (const record of records) {
      const status = statuses.get(record.id);
      if (status) await this.#retainBinaryLogs(record, status, statuses);
    }
  }

  async #watchReplica(record: InstanceRecord, status: OperatorStatus): Promise<void> {
    const { control } = this.options;
    const now = this.options.now?.() ?? Date.now();
    const previous = record.replication;
    if (previous?.status === 'terminated') {
      this.#lag.set(record.id, -1);
      return;
    }
    const seen = observeReplica(status.replication, status.stopPoint, status.lastAction);
    this.#lag.set(record.id, seen.lag);
    // A server that is still starting its replication: nothing to conclude yet.
    if (seen.status === 'unknown') return;
    if (previous && STOPPED.includes(previous.status) && STOPPED.includes(seen.status)) {
      if (now - Date.parse(previous.since) > this.options.terminateAfterMs) {
        await control.withOperator(record.id, (op) => op.terminateReplication());
        control.updateReplication(record.id, { status: 'terminated', message: '', since: new Date(now).toISOString() });
        control.events.record(record.id, 'RDS-EVENT-0057');
        this.#lag.set(record.id, -1);
        return;
      }
    }
    if (previous?.status === seen.status && previous.message === seen.message) return;
    // A stop that began earlier keeps its start time when only the message changes.
    const since = previous && STOPPED.includes(previous.status) && STOPPED.includes(seen.status) ? previous.since : new Date(now).toISOString();
    control.updateReplication(record.id, { status: seen.status, message: seen.message, since });
    if (previous?.status === seen.status) return;
    if (seen.status === 'stopped') control.events.record(record.id, 'RDS-EVENT-0062');
    else if (seen.status === 'error') control.events.record(record.id, 'RDS-EVENT-0045', seen.message);
    else if (seen.status === 'replicating' && previous && STOPPED.includes(previous.status)) {
      control.events.record(record.id, 'RDS-EVENT-0046');
    }
  }

  // ── Lag history ─────────────────────────────────────────────────────────────────────────────

  /** The store, for lag history. */
  get #store(): Store {
    return this.options.store;
  }

  /** Stores the replica's current lag, at most every LAG_SAMPLE_EVERY_MS, and prunes samples past an hour. */
  #sampleLag(id: string): void {
    const lag = this.#lag.get(id);
    const now = this.options.now?.() ?? Date.now();
    if (lag === undefined || now - (this.#lastSampleAt.get(id) ?? -Infinity) < LAG_SAMPLE_EVERY_MS) return;
    this.#lastSampleAt.set(id, now);
    this.#store.addLagSample({ instanceId: id, at: now, lag });
    if (now - this.#lastPruneAt >= LAG_SAMPLE_EVERY_MS * 30) {
      this.#lastPruneAt = now;
      this.#store.pruneLagSamples(now - LAG_HISTORY_MS);
    }
  }

  /** Lag samples of the last hour taken at or after `since` (ms): of one replica, or of all. */
  lagHistory(query: { readonly instanceId?: string; readonly since?: number } = {}): LagSample[] {
    const now = this.options.now?.() ?? Date.now();
    return this.#store.listLagSamples({ instanceId: query.instanceId, since: Math.max(query.since ?? 0, now - LAG_HISTORY_MS) });
  }

  /** Replication from outside openrds: what the console draws, and RDS-EVENT-0063 for each reset. */
  #watchExternalReplication(record: InstanceRecord, status: OperatorStatus): void {
    const channels = [{ channel: '', replication: status.replication, stopPoint: status.stopPoint, lastAction: status.lastAction }, ...status.channels];
    const sources = channels.flatMap(({ channel, replication: row, stopPoint, lastAction }) =>
      row?.sourceHost ? [{ channel, host: row.sourceHost, port: row.sourcePort ?? 0, ...observeReplica(row, stopPoint, lastAction) }] : [],
    );
    if (sources.length) this.#external.set(record.id, sources);
    else this.#external.delete(record.id);
    const reported = record.externalResets ?? 0;
    if (status.externalResets <= reported) return;
    for (let i = reported; i < status.externalResets; i++) this.options.control.events.record(record.id, 'RDS-EVENT-0063');
    this.options.control.updateExternalResets(record.id, status.externalResets);
  }

  /**
   * Purges the source's binary logs that no replica needs and that are past the retention period.
   * A replica that could not be asked (stopped server, unreachable) pins everything.
   */
  async #retainBinaryLogs(source: InstanceRecord, status: OperatorStatus, all: ReadonlyMap<string, OperatorStatus>): Promise<void> {
    const logs = status.binaryLogs.map((l) => l.name);
    if (logs.length < 2) return;
    const now = this.options.now?.() ?? Date.now();
    const closedAt = this.#closedAt.get(source.id) ?? new Map<string, number>();
    this.#closedAt.set(source.id, closedAt);
    for (const name of logs.slice(0, -1)) if (!closedAt.has(name)) closedAt.set(name, now);

    let needed = logs[logs.length - 1]!;
    const restorable = this.options.control.binlogRetainedFrom?.(source.id);
    if (restorable !== undefined && restorable < needed) needed = restorable;
    for (const replica of this.options.control.replicasOf(source.id)) {
      if (replica.replication?.status === 'terminated') continue;
      const file = all.get(replica.id)?.replication?.sourceLogFile;
      if (typeof file !== 'string' || !file) return;
      if (file < needed) needed = file;
    }
    const retentionMs = status.binlogRetentionHours === null ? 0 : status.binlogRetentionHours * HOUR_MS;
    let keepFrom = logs[0]!;
    for (const name of logs) {
      keepFrom = name;
      if (name >= needed || now - (closedAt.get(name) ?? now) < retentionMs) break;
    }
    if (keepFrom === logs[0]) return;
    await this.options.control.withOperator(source.id, (op) => op.purgeBinlogsTo(keepFrom));
    for (const name of logs) if (name < keepFrom) closedAt.delete(name);
    this.options.logger.info({ instance: source.id, keepFrom }, 'purged binary logs');
  }

  async [Symbol.asyncDispose](): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#tick;
  }
}

import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InstanceRecord } from '../model/instance-record.js';
import type { ParameterGroupRecord } from '../model/parameter-group-record.js';
import type { SubnetGroupRecord } from '../model/subnet-group-record.js';
import type { SnapshotRecord } from '../model/snapshot-record.js';
import { SQL_DIR } from '../paths.js';
import type { EventQuery, EventRecord, LagSample, Store } from './store.js';

interface EventRow {
  source_identifier: string;
  source_type: 'db-instance';
  event_time: string;
  event_id: string;
  message: string;
  categories: string;
}

/** A record as the table holds it (a JSON round trip), frozen: cached records are shared by every reader. */
function frozenRecord(json: string): InstanceRecord {
  const record = JSON.parse(json) as InstanceRecord;
  for (const tag of record.tags ?? []) Object.freeze(tag);
  Object.freeze(record.tags);
  if (record.replication) Object.freeze(record.replication);
  return Object.freeze(record);
}

/**
 * The store in one SQLite file (`state.db`).
 *
 * Instance records are also kept in memory, written through: DescribeDBInstances, the monitor and
 * the operator guard read every record many times a second, and parsing each row's JSON on every
 * read was most of their cost. A record read is the same (frozen) object until the instance is
 * written again, so callers may cache what they derive from it by identity (db-instance-xml.ts).
 * A write by any other connection to the file (PRAGMA data_version) drops the cache.
 */
export class SqliteStore implements Store {
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();
  /** Every instance record by id, in id order; undefined until read (or after another connection's write). */
  #instances: Map<string, InstanceRecord> | undefined;
  #dataVersion = -1;

  constructor(file: string) {
    // The operator, replication and backup passwords live here: readable by this OS user only
    // (SQLite gives its -wal and -shm files the database file's mode).
    closeSync(openSync(file, 'a', 0o600));
    for (const path of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(path)) chmodSync(path, 0o600);
    this.#db = new Database(file);
    this.#db.exec(readFileSync(join(SQL_DIR, 'store', 'schema.sql'), 'utf8'));
  }

  /** A prepared statement, prepared once. */
  #sql(source: string): Database.Statement {
    let statement = this.#statements.get(source);
    if (!statement) this.#statements.set(source, (statement = this.#db.prepare(source)));
    return statement;
  }

  /** The cached records, (re)loaded when absent or when another connection changed the file. */
  #cached(): Map<string, InstanceRecord> {
    const version = this.#sql('PRAGMA data_version').pluck().get() as number;
    if (this.#instances && version === this.#dataVersion) return this.#instances;
    const rows = this.#sql('SELECT id, record FROM instances ORDER BY id').all() as { id: string; record: string }[];
    this.#instances = new Map(rows.map((row) => [row.id, frozenRecord(row.record)]));
    this.#dataVersion = version;
    return this.#instances;
  }

  /** Keeps the cache in step with one of this connection's own writes. */
  #cache(id: string, json: string | undefined): void {
    const cache = this.#cached();
    if (json === undefined) {
      cache.delete(id);
    } else if (cache.has(id)) {
      cache.set(id, frozenRecord(json));
    } else {
      // Kept in id order (as `ORDER BY id`): rebuilt on the rare insert.
      const entries = [...cache, [id, frozenRecord(json)] as const].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      this.#instances = new Map(entries);
    }
  }

  getInstance(id: string): InstanceRecord | undefined {
    return this.#cached().get(id);
  }

  listInstances(): InstanceRecord[] {
    return [...this.#cached().values()];
  }

  putInstance(record: InstanceRecord): void {
    const json = JSON.stringify(record);
    this.#sql('INSERT OR REPLACE INTO instances (id, record) VALUES (?, ?)').run(record.id, json);
    this.#cache(record.id, json);
  }

  insertInstance(record: InstanceRecord): boolean {
    const json = JSON.stringify(record);
    const result = this.#sql('INSERT OR IGNORE INTO instances (id, record) VALUES (?, ?)').run(record.id, json);
    if (result.changes === 1) this.#cache(record.id, json);
    return result.changes === 1;
  }

  deleteInstance(id: string): void {
    this.#sql('DELETE FROM instances WHERE id = ?').run(id);
    this.#cache(id, undefined);
    // A new instance with the same identifier starts with no lag history.
    this.#db.prepare('DELETE FROM lag_samples WHERE instance_id = ?').run(id);
  }

  renameInstance(fromId: string, record: InstanceRecord): boolean {
    const json = JSON.stringify(record);
    // The old identifier's lag samples stay: RDS keeps an identifier's metrics with the name.
    const moved = this.#db.transaction(() => {
      if (this.#sql('INSERT OR IGNORE INTO instances (id, record) VALUES (?, ?)').run(record.id, json).changes !== 1) return false;
      this.#sql('DELETE FROM instances WHERE id = ?').run(fromId);
      return true;
    })();
    if (moved) {
      this.#cache(fromId, undefined);
      this.#cache(record.id, json);
    }
    return moved;
  }

  getParameterGroup(name: string): ParameterGroupRecord | undefined {
    const row = this.#db.prepare<[string], { record: string }>('SELECT record FROM parameter_groups WHERE name = ?').get(name);
    return row ? (JSON.parse(row.record) as ParameterGroupRecord) : undefined;
  }

  listParameterGroups(): ParameterGroupRecord[] {
    return this.#db
      .prepare<[], { record: string }>('SELECT record FROM parameter_groups ORDER BY name')
      .all()
      .map((row) => JSON.parse(row.record) as ParameterGroupRecord);
  }

  insertParameterGroup(group: ParameterGroupRecord): boolean {
    return this.#db.prepare('INSERT OR IGNORE INTO parameter_groups (name, record) VALUES (?, ?)').run(group.name, JSON.stringify(group)).changes === 1;
  }

  putParameterGroup(group: ParameterGroupRecord): void {
    this.#db.prepare('INSERT OR REPLACE INTO parameter_groups (name, record) VALUES (?, ?)').run(group.name, JSON.stringify(group));
  }

  deleteParameterGroup(name: string): void {
    this.#db.prepare('DELETE FROM parameter_groups WHERE name = ?').run(name);
  }

  getSnapshot(id: string): SnapshotRecord | undefined {
    const row = this.#sql('SELECT record FROM snapshots WHERE id = ?').get(id) as { record: string } | undefined;
    return row ? (JSON.parse(row.record) as SnapshotRecord) : undefined;
  }

  listSnapshots(): SnapshotRecord[] {
    const rows = this.#sql('SELECT record FROM snapshots ORDER BY id').all() as { record: string }[];
    return rows.map((row) => JSON.parse(row.record) as SnapshotRecord);
  }

  insertSnapshot(snapshot: SnapshotRecord): boolean {
    return this.#sql('INSERT OR IGNORE INTO snapshots (id, record) VALUES (?, ?)').run(snapshot.id, JSON.stringify(snapshot)).changes === 1;
  }

  putSnapshot(snapshot: SnapshotRecord): void {
    this.#sql('INSERT OR REPLACE INTO snapshots (id, record) VALUES (?, ?)').run(snapshot.id, JSON.stringify(snapshot));
  }

  deleteSnapshot(id: string): void {
    this.#sql('DELETE FROM snapshots WHERE id = ?').run(id);
  }

  getSubnetGroup(name: string): SubnetGroupRecord | undefined {
    const row = this.#sql('SELECT record FROM subnet_groups WHERE name = ?').get(name) as { record: string } | undefined;
    return row ? (JSON.parse(row.record) as SubnetGroupRecord) : undefined;
  }

  listSubnetGroups(): SubnetGroupRecord[] {
    return (this.#sql('SELECT record FROM subnet_groups ORDER BY name').all() as { record: string }[]).map((row) => JSON.parse(row.record) as SubnetGroupRecord);
  }

  insertSubnetGroup(group: SubnetGroupRecord): boolean {
    return this.#sql('INSERT OR IGNORE INTO subnet_groups (name, record) VALUES (?, ?)').run(group.name, JSON.stringify(group)).changes === 1;
  }

  putSubnetGroup(group: SubnetGroupRecord): void {
    this.#sql('INSERT OR REPLACE INTO subnet_groups (name, record) VALUES (?, ?)').run(group.name, JSON.stringify(group));
  }

  deleteSubnetGroup(name: string): void {
    this.#sql('DELETE FROM subnet_groups WHERE name = ?').run(name);
  }

  addEvent(event: EventRecord): void {
    this.#db
      .prepare(
        'INSERT INTO events (source_identifier, source_type, event_time, event_id, message, categories) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(event.sourceIdentifier, event.sourceType, event.date, event.eventId, event.message, JSON.stringify(event.categories));
  }

  listEvents(query: EventQuery): EventRecord[] {
    const rows = this.#db
      .prepare<[Record<string, string | null>], EventRow>(
        `SELECT * FROM events
          WHERE (@source IS NULL OR source_identifier = @source) AND (@type IS NULL OR source_type = @type)
            AND (@start IS NULL OR event_time >= @start) AND (@end IS NULL OR event_time <= @end)
          ORDER BY seq`,
      )
      .all({
        source: query.sourceIdentifier ?? null,
        type: query.sourceType ?? null,
        start: query.startTime ?? null,
        end: query.endTime ?? null,
      });
    return rows.map((row) => ({
      sourceIdentifier: row.source_identifier,
      sourceType: row.source_type,
      date: row.event_time,
      eventId: row.event_id,
      message: row.message,
      categories: JSON.parse(row.categories) as string[],
    }));
  }

  addLagSample(sample: LagSample): void {
    this.#db.prepare('INSERT INTO lag_samples (instance_id, sampled_at, lag) VALUES (?, ?, ?)').run(sample.instanceId, sample.at, sample.lag);
  }

  listLagSamples(query: { readonly instanceId?: string; readonly since: number }): LagSample[] {
    return this.#db
      .prepare<[{ id: string | null; since: number }], { instance_id: string; sampled_at: number; lag: number }>(
        `SELECT instance_id, sampled_at, lag FROM lag_samples
          WHERE (@id IS NULL OR instance_id = @id) AND sampled_at >= @since
          ORDER BY sampled_at, rowid`,
      )
      .all({ id: query.instanceId ?? null, since: query.since })
      .map((row) => ({ instanceId: row.instance_id, at: row.sampled_at, lag: row.lag }));
  }

  pruneLagSamples(before: number): void {
    this.#db.prepare('DELETE FROM lag_samples WHERE sampled_at < ?').run(before);
  }

  getSetting(name: string): string | undefined {
    return this.#db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE name = ?').get(name)?.value;
  }

  setSetting(name: string, value: string): void {
    this.#db.prepare('INSERT OR REPLACE INTO settings (name, value) VALUES (?, ?)').run(name, value);
  }

  nextCounter(name: string, start: number): number {
    return this.#db.transaction(() => {
      const next = Number(this.getSetting(name) ?? start - 1) + 1;
      this.setSetting(name, String(next));
      return next;
    })();
  }

  [Symbol.dispose](): void {
    this.#db.close();
  }
}

import type { InstanceRecord } from '../src/model/instance-record.js';
import type { ParameterGroupRecord } from '../src/model/parameter-group-record.js';
import type { SubnetGroupRecord } from '../src/model/subnet-group-record.js';
import type { SnapshotRecord } from '../src/model/snapshot-record.js';
import type { EventQuery, EventRecord, LagSample, Store } from '../src/store/store.js';

/** The Store in memory, for unit tests (the SQLite store is tested end to end). */
export class MemoryStore implements Store {
  readonly #instances = new Map<string, InstanceRecord>();
  readonly #groups = new Map<string, ParameterGroupRecord>();
  readonly #subnetGroups = new Map<string, SubnetGroupRecord>();
  readonly #snapshots = new Map<string, SnapshotRecord>();
  readonly #events: EventRecord[] = [];
  #samples: LagSample[] = [];
  readonly #settings = new Map<string, string>();

  getInstance(id: string): InstanceRecord | undefined {
    return this.#instances.get(id);
  }
  listInstances(): InstanceRecord[] {
    return [...this.#instances.values()];
  }
  putInstance(record: InstanceRecord): void {
    this.#instances.set(record.id, JSON.parse(JSON.stringify(record)) as InstanceRecord);
  }
  insertInstance(record: InstanceRecord): boolean {
    if (this.#instances.has(record.id)) return false;
    this.putInstance(record);
    return true;
  }
  deleteInstance(id: string): void {
    this.#instances.delete(id);
  }
  renameInstance(fromId: string, record: InstanceRecord): boolean {
    if (!this.insertInstance(record)) return false;
    this.#instances.delete(fromId);
    return true;
  }
  getParameterGroup(name: string): ParameterGroupRecord | undefined {
    return this.#groups.get(name);
  }
  listParameterGroups(): ParameterGroupRecord[] {
    return [...this.#groups.values()];
  }
  insertParameterGroup(group: ParameterGroupRecord): boolean {
    if (this.#groups.has(group.name)) return false;
    this.#groups.set(group.name, group);
    return true;
  }
  putParameterGroup(group: ParameterGroupRecord): void {
    this.#groups.set(group.name, group);
  }
  deleteParameterGroup(name: string): void {
    this.#groups.delete(name);
  }
  getSnapshot(id: string): SnapshotRecord | undefined {
    return this.#snapshots.get(id);
  }
  listSnapshots(): SnapshotRecord[] {
    return [...this.#snapshots.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  }
  insertSnapshot(snapshot: SnapshotRecord): boolean {
    if (this.#snapshots.has(snapshot.id)) return false;
    this.putSnapshot(snapshot);
    return true;
  }
  putSnapshot(snapshot: SnapshotRecord): void {
    this.#snapshots.set(snapshot.id, JSON.parse(JSON.stringify(snapshot)) as SnapshotRecord);
  }
  deleteSnapshot(id: string): void {
    this.#snapshots.delete(id);
  }
  getSubnetGroup(name: string): SubnetGroupRecord | undefined {
    return this.#subnetGroups.get(name);
  }
  listSubnetGroups(): SubnetGroupRecord[] {
    return [...this.#subnetGroups.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  }
  insertSubnetGroup(group: SubnetGroupRecord): boolean {
    if (this.#subnetGroups.has(group.name)) return false;
    this.#subnetGroups.set(group.name, group);
    return true;
  }
  putSubnetGroup(group: SubnetGroupRecord): void {
    this.#subnetGroups.set(group.name, group);
  }
  deleteSubnetGroup(name: string): void {
    this.#subnetGroups.delete(name);
  }
  addEvent(event: EventRecord): void {
    this.#events.push(event);
  }
  listEvents(query: EventQuery): EventRecord[] {
    return this.#events.filter(
      (e) =>
        (query.sourceIdentifier === undefined || e.sourceIdentifier === query.sourceIdentifier) &&
        (query.startTime === undefined || e.date >= query.startTime) &&
        (query.endTime === undefined || e.date <= query.endTime),
    );
  }
  addLagSample(sample: LagSample): void {
    this.#samples.push(sample);
  }
  listLagSamples(query: { readonly instanceId?: string; readonly since: number }): LagSample[] {
    return this.#samples.filter((s) => s.at >= query.since && (query.instanceId === undefined || s.instanceId === query.instanceId));
  }
  pruneLagSamples(before: number): void {
    this.#samples = this.#samples.filter((s) => s.at >= before);
  }
  getSetting(name: string): string | undefined {
    return this.#settings.get(name);
  }
  setSetting(name: string, value: string): void {
    this.#settings.set(name, value);
  }
  nextCounter(name: string, start: number): number {
    const next = Number(this.#settings.get(name) ?? start - 1) + 1;
    this.#settings.set(name, String(next));
    return next;
  }
  [Symbol.dispose](): void {}
}

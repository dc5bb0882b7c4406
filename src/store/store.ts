import type { InstanceRecord } from '../model/instance-record.js';
import type { ParameterGroupRecord } from '../model/parameter-group-record.js';
import type { SubnetGroupRecord } from '../model/subnet-group-record.js';
import type { SnapshotRecord } from '../model/snapshot-record.js';

export interface EventRecord {
  readonly sourceIdentifier: string;
  readonly sourceType: 'db-instance' | 'blue-green-deployment';
  readonly date: string;
  readonly eventId: string;
  readonly message: string;
  readonly categories: readonly string[];
}

export interface EventQuery {
  readonly sourceIdentifier?: string;
  readonly sourceType?: string;
  readonly startTime?: string;
  readonly endTime?: string;
}

/** One sample of a read replica's lag. */
export interface LagSample {
  readonly instanceId: string;
  /** Milliseconds since the epoch. */
  readonly at: number;
  /** Seconds behind the source; -1 while replication is not running. */
  readonly lag: number;
}

/** Embedded state. An interface so that a shared database can back a multi-host deployment later. */
export interface Store extends Disposable {
  getInstance(id: string): InstanceRecord | undefined;
  listInstances(): InstanceRecord[];
  /** Inserts or replaces. */
  putInstance(record: InstanceRecord): void;
  /** Inserts only when no instance has the id; returns false when one does. */
  insertInstance(record: InstanceRecord): boolean;
  deleteInstance(id: string): void;
  /** Moves an instance's record to `record.id` in one step; false (nothing moved) when an instance has that id. */
  renameInstance(fromId: string, record: InstanceRecord): boolean;
  getParameterGroup(name: string): ParameterGroupRecord | undefined;
  listParameterGroups(): ParameterGroupRecord[];
  /** Inserts only when no group has the name; returns false when one does. */
  insertParameterGroup(group: ParameterGroupRecord): boolean;
  putParameterGroup(group: ParameterGroupRecord): void;
  deleteParameterGroup(name: string): void;
  getSubnetGroup(name: string): SubnetGroupRecord | undefined;
  /** Every DB subnet group, in name order. */
  listSubnetGroups(): SubnetGroupRecord[];
  /** Inserts only when no subnet group has the name; returns false when one does. */
  insertSubnetGroup(group: SubnetGroupRecord): boolean;
  putSubnetGroup(group: SubnetGroupRecord): void;
  deleteSubnetGroup(name: string): void;
  getSnapshot(id: string): SnapshotRecord | undefined;
  /** Every snapshot, in id order. */
  listSnapshots(): SnapshotRecord[];
  /** Inserts only when no snapshot has the id; returns false when one does. */
  insertSnapshot(snapshot: SnapshotRecord): boolean;
  putSnapshot(snapshot: SnapshotRecord): void;
  deleteSnapshot(id: string): void;
  addEvent(event: EventRecord): void;
  listEvents(query: EventQuery): EventRecord[];
  addLagSample(sample: LagSample): void;
  /** Samples taken at or after `since` (ms), oldest first; of one instance, or of all. */
  listLagSamples(query: { readonly instanceId?: string; readonly since: number }): LagSample[];
  /** Forgets samples taken before `before` (ms). */
  pruneLagSamples(before: number): void;
  getSetting(name: string): string | undefined;
  setSetting(name: string, value: string): void;
  /** Atomically increments a counter and returns the new value. */
  nextCounter(name: string, start: number): number;
}

import type { EventQuery, EventRecord, Store } from '../store/store.js';

/** RDS event messages for DB instances (RDS User Guide, USER_Events.Messages), by event id. */
export const INSTANCE_EVENTS = {
  'RDS-EVENT-0003': { category: 'deletion', message: 'DB instance deleted' },
  'RDS-EVENT-0004': { category: 'availability', message: 'DB instance shutdown' },
  'RDS-EVENT-0005': { category: 'creation', message: 'DB instance created' },
  'RDS-EVENT-0006': { category: 'availability', message: 'DB instance restarted' },
  'RDS-EVENT-0016': { category: 'configuration change', message: 'Reset master credentials' },
  'RDS-EVENT-0031': { category: 'failure', message: 'DB instance put into failed state' },
  'RDS-EVENT-0087': { category: 'notification', message: 'DB instance stopped' },
  'RDS-EVENT-0088': { category: 'notification', message: 'DB instance started' },
  'RDS-EVENT-0089': { category: 'notification', message: 'DB instance is being started' },
  /** openrds's own notice; RDS has no such event. */
  'OPENRDS-EVENT-0001': { category: 'notification', message: 'Engine served by MariaDB' },
} as const;

export type InstanceEventId = keyof typeof INSTANCE_EVENTS;

export class EventLog {
  constructor(private readonly store: Store) {}

  /** Records an event; `detail` is appended to RDS's message (e.g. a failure's cause). */
  record(instanceId: string, eventId: InstanceEventId, detail?: string): void {
    const { category, message } = INSTANCE_EVENTS[eventId];
    this.store.addEvent({
      sourceIdentifier: instanceId,
      sourceType: 'db-instance',
      date: new Date().toISOString(),
      eventId,
      message: detail ? `${message}: ${detail}` : message,
      categories: [category],
    });
  }

  list(query: EventQuery): EventRecord[] {
    return this.store.listEvents(query);
  }
}

import { INSTANCE_EVENTS, type EventRecorder, type InstanceEventId } from '../model/events.js';
import type { EventQuery, EventRecord, Store } from '../store/store.js';

export class EventLog implements EventRecorder {
  constructor(private readonly store: Store) {}

  /** Records an event; `detail` is appended to RDS's message (e.g. a failure's cause). */
  record(instanceId: string, eventId: InstanceEventId, detail?: string): void {
    const entry = INSTANCE_EVENTS[eventId];
    const { category, message } = entry;
    const separator = 'separator' in entry ? entry.separator : ': ';
    this.store.addEvent({
      sourceIdentifier: instanceId,
      sourceType: 'db-instance',
      date: new Date().toISOString(),
      eventId,
      message: detail ? `${message}${separator}${detail}` : message,
      categories: [category],
    });
  }

  list(query: EventQuery): EventRecord[] {
    return this.store.listEvents(query);
  }
}

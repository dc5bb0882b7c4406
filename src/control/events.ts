import { DEPLOYMENT_EVENTS, INSTANCE_EVENTS, type DeploymentEventId, type EventRecorder, type InstanceEventId } from '../model/events.js';
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

  /** Records an event of a blue/green deployment, with RDS's message. */
  recordDeployment(deploymentId: string, eventId: DeploymentEventId): void {
    const entry = DEPLOYMENT_EVENTS[eventId];
    this.store.addEvent({
      sourceIdentifier: deploymentId,
      sourceType: 'blue-green-deployment',
      date: new Date().toISOString(),
      eventId,
      message: entry.message,
      categories: [entry.category],
    });
  }

  list(query: EventQuery): EventRecord[] {
    return this.store.listEvents(query);
  }
}

import type { EventRecord } from '../store/store.js';

/** An RDS event as the console shows it; `instanceId` is the event's source (an instance or a blue/green deployment). */
export interface EventView {
  readonly instanceId: string;
  readonly date: string;
  readonly eventId: string;
  readonly message: string;
  readonly categories: readonly string[];
}

export const eventView = (e: EventRecord): EventView => ({
  instanceId: e.sourceIdentifier,
  date: e.date,
  eventId: e.eventId,
  message: e.message,
  categories: e.categories,
});

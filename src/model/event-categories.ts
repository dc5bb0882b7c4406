import { DEPLOYMENT_EVENTS, INSTANCE_EVENTS } from './events.js';

/** RDS's event source types (DescribeEvents, DescribeEventCategories). */
export const EVENT_SOURCE_TYPES = [
  'db-instance',
  'db-cluster',
  'db-parameter-group',
  'db-security-group',
  'db-snapshot',
  'db-cluster-snapshot',
  'db-proxy',
  'blue-green-deployment',
  'custom-engine-version',
] as const;
export type EventSourceType = (typeof EVENT_SOURCE_TYPES)[number];

/**
 * The categories of the events openrds records, by source type (DescribeEventCategories): DB
 * instances and blue/green deployments, each with the categories of its events' catalogue.
 */
export function eventCategories(): ReadonlyMap<EventSourceType, readonly string[]> {
  const categories = new Set(Object.values(INSTANCE_EVENTS).map((event) => event.category));
  const deployment = new Set(Object.values(DEPLOYMENT_EVENTS).map((event) => event.category));
  return new Map([
    ['db-instance', [...categories].sort()],
    ['blue-green-deployment', [...deployment].sort()],
  ]);
}

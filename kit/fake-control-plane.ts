import { pino } from 'pino';
import { ControlPlane, type ControlPlaneOptions } from '../src/control/control-plane.js';
import { servedFamilies } from '../src/personality/engine-versions.js';
import { FakePlacement } from './fake-placement.js';
import { MemoryStore } from './memory-store.js';

/** A personality that installs nothing; `reapply` is the unit tests' to watch. */
export const NO_PERSONALITY: ControlPlaneOptions['personality'] = { digest: 'fake', installTemplate: async () => undefined, reapply: async () => undefined };

/**
 * A control plane on the fake placement and an in-memory store (the unit tests' service), with
 * `events(id)`: the messages of an instance's RDS events, oldest first.
 */
export function fakeControlPlane(options: { now?: () => number; placement?: FakePlacement; personality?: ControlPlaneOptions['personality'] } = {}) {
  const placement = options.placement ?? new FakePlacement();
  const store = new MemoryStore();
  const control = new ControlPlane({
    store,
    placement,
    personality: options.personality ?? NO_PERSONALITY,
    ports: { first: 40000, last: 40099 },
    logger: pino({ level: 'silent' }),
    parameterFamilies: servedFamilies(),
    now: options.now,
  });
  const events = (id: string) => control.events.list({ sourceIdentifier: id }).map((e) => e.message);
  return { control, placement, store, events };
}

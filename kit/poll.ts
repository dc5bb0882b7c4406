import { setTimeout as sleep } from 'node:timers/promises';

export interface PollOptions {
  /** How long to wait before failing (default 30 s). */
  readonly timeoutMs?: number;
  /** Time between two looks (default 50 ms). */
  readonly intervalMs?: number;
}

/** A look at something awaited: `done` with its value, or what was seen instead. */
export type Look<T> = { readonly done: true; readonly value: T } | { readonly done: false; readonly seen: unknown };

export const done = <T>(value: T): Look<T> => ({ done: true, value });
export const notYet = (seen: unknown): Look<never> => ({ done: false, seen });

/** Thrown by a look to stop waiting at once (the awaited thing can no longer happen). */
export class GiveUp extends Error {}

/** A timeout in ms, or the options. */
export type Wait = number | PollOptions;
const optionsOf = (wait: Wait = {}): PollOptions => (typeof wait === 'number' ? { timeoutMs: wait } : wait);

/**
 * The one poll helper: looks until `look` says done and returns its value, or fails after the
 * timeout with what was awaited and what was last seen. A look that throws counts as not yet
 * (its error is what was seen).
 */
export async function poll<T>(what: string, look: () => Promise<Look<T>>, wait: Wait = {}): Promise<T> {
  const options = optionsOf(wait);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  let seen: unknown = 'nothing yet';
  for (;;) {
    try {
      const result = await look();
      if (result.done) return result.value;
      seen = result.seen;
    } catch (error) {
      if (error instanceof GiveUp) throw error;
      seen = error instanceof Error ? `error: ${error.message}` : error;
    }
    if (Date.now() > deadline) {
      const last = typeof seen === 'string' ? seen : JSON.stringify(seen);
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${last}`);
    }
    await sleep(options.intervalMs ?? 50);
  }
}

/** poll() for a yes/no check: waits until `check` resolves true. */
export async function eventually(what: string, check: () => Promise<boolean>, wait: Wait = {}): Promise<void> {
  await poll(what, async () => ((await check()) ? done(undefined) : notYet(false)), wait);
}

/** poll() for a check that returns what it found (truthy), or nothing yet (falsy). */
export async function waitFor<T>(what: string, check: () => Promise<T>, wait: Wait = {}): Promise<NonNullable<T>> {
  return poll(what, async () => {
    const value = await check();
    return value ? done(value as NonNullable<T>) : notYet(value);
  }, wait);
}

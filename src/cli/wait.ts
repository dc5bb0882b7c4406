import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitSteps<T> {
  /** The state line of what was read (printed on stderr as `<label>: <state>` when it changes). */
  readonly state: (value: T) => string;
  readonly done: (value: T) => boolean;
  /** A failure's message, when what was read says the wait is over in vain. */
  readonly failed?: (value: T) => string | undefined;
  /** More progress to print from what was read (a copy's bytes). */
  readonly report?: (value: T) => Promise<void>;
}

/** The CLI's one wait: reads every 100 ms until `done`, printing each change of state. */
export async function waitUntil<T>(label: string, read: () => Promise<T>, steps: WaitSteps<T>): Promise<T> {
  let last: string | undefined;
  for (;;) {
    const value = await read();
    const state = steps.state(value);
    if (state !== last) process.stderr.write(`${label}: ${(last = state)}\n`);
    await steps.report?.(value);
    const failure = steps.failed?.(value);
    if (failure !== undefined) throw new Error(failure);
    if (steps.done(value)) return value;
    await sleep(100);
  }
}

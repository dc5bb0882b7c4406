import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';

/** A named step of a long operation. */
export type Phase = readonly [name: string, run: () => Promise<void>];

/** An error from one phase: its message names the operation and the phase it failed in. */
export class PhaseError extends Error {
  constructor(
    readonly operation: string,
    readonly phase: string,
    cause: unknown,
  ) {
    super(`${operation} failed in ${phase}: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}

/**
 * Runs an instance's operation in the background, one phase after the other, logging each
 * phase's time (debug) and failing with the phase's name; `settled()` waits for all of them.
 */
export class Operations {
  readonly #running = new Set<Promise<unknown>>();
  /** The background operations of each instance, for idle(). */
  readonly #byInstance = new Map<string, Promise<void>>();

  constructor(
    private readonly logger: Logger,
    /** Called when a background operation fails (the instance goes to `failed`). */
    private readonly onFailure: (id: string, error: Error) => void,
  ) {}

  /** Runs `phases` of `operation` in order, now, returning when the last ends. */
  async phases(id: string, operation: string, phases: readonly Phase[]): Promise<void> {
    for (const [name, run] of phases) {
      const started = performance.now();
      try {
        await run();
      } catch (error) {
        if (error instanceof PhaseError) throw error;
        throw new PhaseError(operation, name, error);
      }
      this.logger.debug({ instance: id, operation, phase: name, ms: Math.round(performance.now() - started) }, 'phase done');
    }
  }

  /** Runs `operation` without waiting; a failure is logged and handed to onFailure. */
  background(id: string, operation: () => Promise<void>): void {
    const running = operation().catch((error: unknown) => {
      this.logger.error({ instance: id, err: error }, 'operation failed');
      this.onFailure(id, error as Error);
    });
    this.track(running);
    const previous = this.#byInstance.get(id) ?? Promise.resolve();
    const all = Promise.all([previous, running]).then(() => undefined);
    this.#byInstance.set(id, all);
    void all.finally(() => this.#byInstance.get(id) === all && this.#byInstance.delete(id));
  }

  /** Resolves when the background operations begun for `id` so far have ended (a failure too). */
  async idle(id: string): Promise<void> {
    await this.#byInstance.get(id);
  }

  /** Counts `work` as in flight until it settles (for settled()). */
  track<T>(work: Promise<T>): Promise<T> {
    this.#running.add(work);
    void work.catch(() => undefined).finally(() => this.#running.delete(work));
    return work;
  }

  /** Resolves when no operation is in flight. */
  async settled(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }
}

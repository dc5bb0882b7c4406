import type { OperatorClient, ServerEndpoint } from '../engine/index.js';

/**
 * One operator session per running instance, kept open: the monitor asks every instance every
 * second, and a new connection each time cost the service and the server memory and time.
 */
export class OperatorSessions {
  readonly #sessions = new Map<string, Promise<OperatorClient>>();

  constructor(
    private readonly open: (endpoint: ServerEndpoint, password: string) => Promise<OperatorClient>,
    /** The endpoint of a running instance's server; undefined when it is not running. */
    private readonly endpointOf: (id: string) => ServerEndpoint | undefined,
    private readonly passwordOf: (id: string) => string,
  ) {}

  /** Runs `work` in the instance's operator session, opening one if it has none (or it closed). */
  async with<T>(id: string, work: (op: OperatorClient) => Promise<T>): Promise<T> {
    const endpoint = this.endpointOf(id);
    if (!endpoint) throw new Error(`${id} is not running`);
    let session = this.#sessions.get(id);
    if (!session || (await session.catch(() => undefined))?.closed !== false) {
      const opened = this.open(endpoint, this.passwordOf(id));
      this.#sessions.set(id, opened);
      opened.catch(() => {
        if (this.#sessions.get(id) === opened) this.#sessions.delete(id);
      });
      session = opened;
    }
    return work(await session);
  }

  /** Ends the kept session of an instance (its server stops, or its password changes). */
  async close(id: string): Promise<void> {
    const session = this.#sessions.get(id);
    this.#sessions.delete(id);
    const op = await session?.catch(() => undefined);
    await op?.[Symbol.asyncDispose]();
  }
}

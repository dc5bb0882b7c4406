import type { Credentials, OperatorClient } from '../engine/index.js';
import { newOperatorPassword } from '../personality/personality.js';

/** The short-lived account a hot copy logs in to its source with. */
const BACKUP_USER = 'rdsbackup';

/**
 * Hot copies of running instances (read replicas and snapshots): each runs with a backup account
 * that exists only meanwhile, and copies of one source run one at a time (they share that account
 * and the source's disk). The operator guard allows the account while `isCopying`.
 */
export class HotCopies {
  readonly #queues = new Map<string, Promise<unknown>>();

  constructor(private readonly withOperator: <T>(id: string, work: (op: OperatorClient) => Promise<T>) => Promise<T>) {}

  /** Runs `copy` with the backup account of `sourceId`, after every earlier copy of it has ended. */
  run<T>(sourceId: string, copy: (account: Credentials) => Promise<T>): Promise<T> {
    return this.#queue(sourceId, async () => {
      const password = newOperatorPassword();
      await this.withOperator(sourceId, (op) => op.setBackupUser(password));
      try {
        return await copy({ user: BACKUP_USER, password });
      } finally {
        await this.withOperator(sourceId, (op) => op.setBackupUser(null));
      }
    });
  }

  /** True while a hot copy of `sourceId` is queued or running (its backup account may exist). */
  isCopying(sourceId: string): boolean {
    return this.#queues.has(sourceId);
  }

  #queue<T>(sourceId: string, copy: () => Promise<T>): Promise<T> {
    const previous = this.#queues.get(sourceId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(copy);
    this.#queues.set(sourceId, next);
    void next.catch(() => undefined).finally(() => {
      if (this.#queues.get(sourceId) === next) this.#queues.delete(sourceId);
    });
    return next;
  }
}

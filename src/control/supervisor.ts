import type { Logger } from 'pino';
import type { Placement, RunningServer, ServerEndpoint, ServerExit, ServerSettings } from '../engine/index.js';
import type { InstanceRecord } from '../model/instance-record.js';
import type { EventLog } from './events.js';
import type { InstanceStates } from './instance-states.js';
import type { Operations } from './operations.js';

export interface SupervisorOptions {
  readonly placement: Placement;
  readonly states: InstanceStates;
  readonly events: EventLog;
  readonly operations: Operations;
  readonly logger: Logger;
  /** The settings an instance's server starts with. */
  readonly settingsOf: (record: InstanceRecord) => ServerSettings;
  /** Called when an instance's server is stopped or ends (its operator session goes with it). */
  readonly onServerGone: (id: string) => Promise<void>;
  /** Unexpected exits tolerated within `crashWindowMs` before an instance is declared failed. */
  readonly maxRestarts?: number;
  readonly crashWindowMs?: number;
  /** The clock the crash window is measured with. */
  readonly now?: () => number;
}

/**
 * The instances' servers: started, stopped, restarted when they end unexpectedly (a crash
 * window decides when to give up), and restarted once for an offline repair.
 */
export class Supervisor {
  readonly #servers = new Map<string, RunningServer>();
  readonly #crashes = new Map<string, number[]>();
  #closing = false;

  constructor(private readonly options: SupervisorOptions) {}

  isRunning(id: string): boolean {
    return this.#servers.has(id);
  }

  endpointOf(id: string): ServerEndpoint | undefined {
    return this.#servers.get(id)?.endpoint;
  }

  async start(record: InstanceRecord): Promise<RunningServer> {
    const server = await this.options.placement.start(record.id, this.options.settingsOf(record));
    if (record.parameterApplyStatus === 'pending-reboot') this.options.states.update(record.id, { parameterApplyStatus: 'in-sync' });
    this.#servers.set(record.id, server);
    void server.exited.then((exit) => this.#onExit(record.id, server, exit));
    return server;
  }

  async stop(id: string): Promise<void> {
    await this.options.onServerGone(id);
    await this.#servers.get(id)?.stop();
  }

  /** Stops the server (without waiting) and records the instance as failed, with the cause. */
  fail(id: string, reason: string): void {
    void this.#servers.get(id)?.stop();
    this.options.states.setStatus(id, 'failed');
    this.options.events.record(id, 'RDS-EVENT-0031', reason);
  }

  /** Runs `work` while the (stopped) server of `record` runs for repair: socket only, grant tables off. */
  async runForRepair(record: InstanceRecord, work: (endpoint: ServerEndpoint) => Promise<void>): Promise<void> {
    const server = await this.options.placement.startForRepair(record.id, this.options.settingsOf(record));
    try {
      await work(server.endpoint);
    } finally {
      await server.stop();
    }
  }

  /**
   * Restarts the server for repair (grant tables off, no TCP, no replication: every session
   * ends), runs `repair` on its socket, then starts it normally. A repair that fails leaves the
   * damage in place, so the server stays down and the instance says so (failed, with the cause)
   * rather than coming back available as it was.
   */
  async repairOffline(record: InstanceRecord, repair: (endpoint: ServerEndpoint) => Promise<void>): Promise<void> {
    const id = record.id;
    let failure: Error | undefined;
    try {
      await this.stop(id);
      const server = await this.options.placement.startForRepair(id, this.options.settingsOf(record));
      try {
        await repair(server.endpoint);
      } finally {
        await server.stop();
      }
    } catch (error) {
      failure = error as Error;
    }
    if (failure) {
      this.fail(id, `the operator guard could not repair it: ${failure.message}`);
      throw failure;
    }
    try {
      await this.start(this.options.states.get(id));
      this.options.states.setStatus(id, 'available');
      this.options.events.record(id, 'RDS-EVENT-0006', 'restarted to repair its operator account');
    } catch (error) {
      this.fail(id, (error as Error).message);
    }
  }

  /** Stops every server cleanly; nothing is restarted from here on. */
  async close(): Promise<void> {
    this.#closing = true;
    await Promise.all([...this.#servers.keys()].map((id) => this.stop(id)));
  }

  /** A server that ended without being asked to is restarted, and that is an event. */
  async #onExit(id: string, server: RunningServer, exit: ServerExit): Promise<void> {
    if (this.#servers.get(id) === server) this.#servers.delete(id);
    void this.options.onServerGone(id);
    if (exit.requested || this.#closing) return;
    const record = this.options.states.find(id);
    if (!record || record.status === 'deleting' || record.status === 'creating') return;
    const now = (this.options.now ?? Date.now)();
    const window = this.options.crashWindowMs ?? 60_000;
    const crashes = [...(this.#crashes.get(id) ?? []).filter((t) => now - t < window), now];
    this.#crashes.set(id, crashes);
    this.options.logger.warn({ instance: id, code: exit.code, signal: exit.signal }, 'server ended unexpectedly');
    if (crashes.length > (this.options.maxRestarts ?? 5)) {
      this.fail(id, `the server ended ${crashes.length} times within ${window / 1000} s`);
      return;
    }
    this.options.operations.background(id, async () => {
      await this.start(record);
      this.options.events.record(id, 'RDS-EVENT-0006', `recovered after the server ended (${exit.signal ?? `exit code ${exit.code}`})`);
    });
  }
}

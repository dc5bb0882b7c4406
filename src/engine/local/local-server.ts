import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Command, RunningServer, ServerEndpoint, ServerExit } from '../engine.js';

const READY_POLL_MS = 5;
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 120_000;

/** True once the server's socket accepts a connection and sends its greeting packet. */
function greets(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection(socketPath);
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('data', () => done(true));
    socket.once('error', () => done(false));
    socket.setTimeout(1000, () => done(false));
  });
}

/** A mariadbd child process of this openrds process. */
export class LocalServer implements RunningServer {
  readonly exited: Promise<ServerExit>;
  #stopRequested = false;
  #ended = false;

  private constructor(
    readonly instanceId: string,
    readonly endpoint: ServerEndpoint,
    private readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.#ended = true;
        resolve({ code, signal, requested: this.#stopRequested });
      });
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Starts the server and resolves once it accepts connections; rejects with its error log's tail if it dies first. */
  static async start(
    instanceId: string,
    command: Command,
    endpoint: ServerEndpoint,
    describeFailure: () => Promise<string>,
    as: { readonly uid?: number; readonly gid?: number } = {},
  ): Promise<LocalServer> {
    const child = spawn(command.file, [...command.args], { stdio: 'ignore', ...as });
    const spawned = new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    await spawned;
    const server = new LocalServer(instanceId, endpoint, child);
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!server.#ended) {
      if (await greets(endpoint.socketPath)) return server;
      if (Date.now() > deadline) {
        await server.kill();
        throw new Error(`MariaDB for ${instanceId} did not accept connections within ${READY_TIMEOUT_MS} ms`);
      }
      await sleep(READY_POLL_MS);
    }
    const exit = await server.exited;
    throw new Error(
      `MariaDB for ${instanceId} exited during start-up (code ${exit.code}, signal ${exit.signal}): ${await describeFailure()}`,
    );
  }

  async stop(): Promise<ServerExit> {
    return this.#end('SIGTERM', STOP_TIMEOUT_MS);
  }

  async kill(): Promise<ServerExit> {
    return this.#end('SIGKILL', STOP_TIMEOUT_MS);
  }

  async #end(signal: NodeJS.Signals, timeoutMs: number): Promise<ServerExit> {
    if (!this.#ended) {
      this.#stopRequested = true;
      this.child.kill(signal);
      const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
      try {
        return await this.exited;
      } finally {
        clearTimeout(timer);
      }
    }
    return this.exited;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}

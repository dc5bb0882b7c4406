import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Command, CopyPosition, Credentials, EngineAdapter, InstanceLayout } from '../engine.js';

const run = promisify(execFile);

/** How engine commands run: as the servers' OS account (empty: openrds's own). */
export type SpawnAs = { uid?: number; gid?: number };

/**
 * A prepared hot copy of the server running on `source` into the empty `targetDir` (read
 * replicas and snapshots both take theirs so); `onProgress` hears the bytes copied so far.
 */
export async function hotCopyInto(
  engine: EngineAdapter,
  source: InstanceLayout,
  targetDir: string,
  account: Credentials,
  as: SpawnAs,
  onProgress?: (bytes: number) => void,
): Promise<CopyPosition> {
  const backup = engine.hotCopyCommand(source, account.user, targetDir);
  // Progress: the size of what has arrived so far, looked at a few times a second.
  const progress = setInterval(() => {
    void directorySize(targetDir).then((bytes) => onProgress?.(bytes));
  }, 200);
  try {
    // The password travels in the environment (readable by this user only), not in argv.
    await runLogged(backup, { MYSQL_PWD: account.password }, as);
  } finally {
    clearInterval(progress);
  }
  onProgress?.(await directorySize(targetDir));
  await runLogged(engine.prepareCommand(targetDir), {}, as);
  return engine.readCopyPosition(targetDir);
}

/** A copy of a directory tree that keeps owners and modes (reflinks where the file system has them). */
export async function copyTree(from: string, to: string): Promise<void> {
  await run('cp', ['-a', '--reflink=auto', from, to]);
}

/** Bytes in the files under `dir` (0 while it does not exist). */
export async function directorySize(dir: string): Promise<number> {
  let total = 0;
  try {
    for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
      if (entry.isFile()) total += await stat(join(entry.parentPath ?? entry.path, entry.name)).then((s) => s.size, () => 0);
    }
  } catch {
    return 0;
  }
  return total;
}

function tail(text: string): string {
  return text.trim().split('\n').slice(-3).join(' | ');
}

export async function runLogged(command: Command, env: NodeJS.ProcessEnv = {}, as: SpawnAs = {}): Promise<void> {
  try {
    await run(command.file, [...command.args], { maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env }, ...as });
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`${command.file} failed: ${tail(e.stderr ?? e.message)}`);
  }
}

/** `first`'s output piped into `second`, both as `as`; fails with the stderr of whichever failed. */
export async function runPiped(first: Command, second: Command, env: NodeJS.ProcessEnv, as: SpawnAs): Promise<void> {
  const options = { env: { ...process.env, ...env }, ...as };
  const producer = spawn(first.file, [...first.args], { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  // The consumer reads the producer's pipe itself: no copy through this process's event loop,
  // which a busy API would slow down.
  const consumer = spawn(second.file, [...second.args], { ...options, stdio: [producer.stdout, 'ignore', 'pipe'] });
  // Only the consumer holds the read end now: if it dies, the producer's next write fails (EPIPE).
  producer.stdout.destroy();
  const ended = (child: ChildProcess, command: Command) =>
    new Promise<void>((resolve, reject) => {
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
      child.once('error', reject);
      child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command.file} failed: ${tail(stderr) || `exit ${code}`}`))));
    });
  // The consumer's failure first: a producer's EPIPE only says that the consumer died.
  const results = await Promise.allSettled([ended(consumer, second), ended(producer, first)]);
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
}

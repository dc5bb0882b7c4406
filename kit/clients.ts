import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** `aws rds <args>` against an openrds endpoint (any credentials: the API is unauthenticated by default); its stdout. */
export async function awsRds(endpoint: string, args: readonly string[]): Promise<string> {
  const env = { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'us-east-1' };
  const { stdout } = await run('aws', ['rds', ...args, '--endpoint-url', endpoint], { env });
  return stdout;
}

/** A Python script run by Debian's python3 (with Debian's boto3), with `args` as sys.argv[1:]; its stdout. */
export async function python(script: string, args: readonly string[]): Promise<string> {
  const { stdout } = await run('/usr/bin/python3', ['-c', script, ...args]);
  return stdout;
}

/** What a CLI run gave: its exit code and output. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const OPENRDS_BIN = fileURLToPath(new URL('../../bin/openrds.js', import.meta.url));

/** Runs the openrds CLI (bin/openrds.js) with `args`; a failing run resolves with its exit code. */
export function openrdsCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [OPENRDS_BIN, ...args], { env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

import { DescribeDBInstancesCommand, RDSClient, type DBInstance } from '@aws-sdk/client-rds';
import assert from 'node:assert/strict';
import { done, GiveUp, notYet, poll, type Wait } from './poll.js';

/** An AWS SDK client for an openrds endpoint (no retries: a test sees the first answer). */
export function rdsClientFor(endpoint: string, credentials = { accessKeyId: 'test', secretAccessKey: 'test' }): RDSClient {
  return new RDSClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
}

export async function describeOne(rds: RDSClient, id: string): Promise<DBInstance> {
  return (await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }))).DBInstances![0]!;
}

/** Polls DescribeDBInstances until the instance has `status` (fails at once on `failed`). */
export async function waitForStatus(rds: RDSClient, id: string, status: string, wait: Wait = { timeoutMs: 60_000, intervalMs: 20 }): Promise<DBInstance> {
  return poll(
    `${id} to be ${status}`,
    async () => {
      const instance = await describeOne(rds, id);
      if (instance.DBInstanceStatus === status) return done(instance);
      if (instance.DBInstanceStatus === 'failed') throw new GiveUp(`${id} failed`);
      return notYet(instance.DBInstanceStatus);
    },
    typeof wait === 'number' ? { timeoutMs: wait, intervalMs: 20 } : wait,
  );
}

/** Polls the replica status RDS shows (StatusInfos[0].Status) until it is `status`. */
export async function waitForReplicaStatus(rds: RDSClient, id: string, status: string, wait: Wait = 60_000): Promise<DBInstance> {
  return poll(
    `${id}'s replica status to be ${status}`,
    async () => {
      const instance = await describeOne(rds, id);
      const info = instance.StatusInfos?.[0];
      return info?.Status === status ? done(instance) : notYet(`${info?.Status} (${info?.Message})`);
    },
    wait,
  );
}

/** The error an SDK call fails with: its RDS code, HTTP status and message (fails if the call succeeds). */
export async function rdsFailure(promise: Promise<unknown>): Promise<{ code: string; status: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { Code?: string; name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { code: e.Code ?? e.name, status: e.$metadata?.httpStatusCode ?? 0, message: e.message };
  }
  assert.fail('the call succeeded');
}

import { RDSClient } from '@aws-sdk/client-rds';

/** The CLI speaks to the service through the same RDS API as the AWS CLI. */
export function rdsClient(endpoint: string): RDSClient {
  return new RDSClient({
    endpoint,
    region: process.env.AWS_REGION ?? 'us-east-1',
    credentials: { accessKeyId: 'openrds', secretAccessKey: 'openrds' },
    maxAttempts: 1,
  });
}

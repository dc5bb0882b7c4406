import { RDSClient } from '@aws-sdk/client-rds';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';

const REGION = process.env.AWS_REGION ?? 'us-east-1';

/**
 * The key the CLI signs with: the service's own when it requires one (OPENRDS_API_*), else the
 * AWS CLI's environment; any key works while the service does not check signatures.
 */
function credentials(): { accessKeyId: string; secretAccessKey: string } {
  const env = process.env;
  if (env.OPENRDS_API_ACCESS_KEY_ID && env.OPENRDS_API_SECRET_ACCESS_KEY) {
    return { accessKeyId: env.OPENRDS_API_ACCESS_KEY_ID, secretAccessKey: env.OPENRDS_API_SECRET_ACCESS_KEY };
  }
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY };
  return { accessKeyId: 'openrds', secretAccessKey: 'openrds' };
}

/** The CLI speaks to the service through the same RDS API as the AWS CLI. */
export function rdsClient(endpoint: string): RDSClient {
  return new RDSClient({ endpoint, region: REGION, credentials: credentials(), maxAttempts: 1 });
}

/** A GET of openrds's JSON view, signed as the SDK signs (the service may require it). */
export async function signedGet(url: URL): Promise<Response> {
  const signer = new SignatureV4({ credentials: credentials(), region: REGION, service: 'rds', sha256: Hash.bind(null, 'sha256') });
  const signed = await signer.sign({
    method: 'GET',
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port) || undefined,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: { host: url.host },
  });
  return fetch(url, { headers: signed.headers });
}

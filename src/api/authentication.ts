import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { RdsError } from '../errors.js';

/** The one access key the API accepts, when the user configured one. */
export interface ApiCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** What of a request the signature covers. */
export interface SignedRequest {
  readonly method: string;
  /** Path and query string, as received. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

/** AWS accepts a signature this far from its own clock. */
const MAX_SKEW_MS = 15 * 60_000;
/** A console sign-in lasts this long. */
const SESSION_MS = 12 * 3_600_000;
export const SESSION_COOKIE = 'openrds_session';

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/\s,]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;.-]+),\s*Signature=([0-9a-f]{64})$/;

const refused = {
  missing: () => new RdsError('MissingAuthenticationToken', 'Request is missing Authentication Token'),
  incomplete: (what: string) => new RdsError('IncompleteSignature', `The request signature does not conform to AWS standards: ${what}.`),
  unknownKey: () => new RdsError('InvalidClientTokenId', 'The security token included in the request is invalid.'),
  mismatch: () =>
    new RdsError(
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    ),
  expired: (date: string) => new RdsError('SignatureDoesNotMatch', `Signature expired: ${date} is more than 15 minutes away from the server's time.`),
};

/**
 * Optional authentication (SigV4, as the AWS CLI and SDKs sign every request): when credentials
 * are configured, a request must carry a valid signature for them, or come from a web console
 * session opened with them. The signature is computed again with @smithy/signature-v4 over the
 * headers the client says it signed, and compared in constant time.
 */
export class Authenticator {
  readonly #sessions = new Map<string, number>();

  constructor(
    readonly credentials: ApiCredentials | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  get required(): boolean {
    return this.credentials !== undefined;
  }

  /** Throws RdsError when authentication is on and the request is neither signed nor in a session. */
  async check(request: SignedRequest): Promise<void> {
    if (!this.credentials) return;
    const authorization = header(request, 'authorization');
    if (authorization === undefined) {
      if (this.hasSession(header(request, 'cookie'))) return;
      throw refused.missing();
    }
    const match = AUTHORIZATION.exec(authorization);
    if (!match) throw refused.incomplete('Authorization must be AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...');
    const [, accessKeyId, , region, service, signedList, signature] = match as unknown as string[];
    if (accessKeyId !== this.credentials.accessKeyId) throw refused.unknownKey();
    const amzDate = header(request, 'x-amz-date');
    const signed = signedList!.split(';');
    if (!amzDate || !signed.includes('x-amz-date') || !signed.includes('host')) {
      throw refused.incomplete('the signed headers must include host and x-amz-date');
    }
    const signingDate = parseAmzDate(amzDate);
    if (!signingDate) throw refused.incomplete(`X-Amz-Date ${amzDate} is not of the form YYYYMMDDTHHMMSSZ`);
    if (Math.abs(this.now() - signingDate.getTime()) > MAX_SKEW_MS) throw refused.expired(amzDate);

    // The signer takes a signed x-amz-content-sha256 as the body's hash: it must be the body's.
    const contentHash = header(request, 'x-amz-content-sha256');
    if (contentHash !== undefined && contentHash !== createHash('sha256').update(request.body).digest('hex')) throw refused.mismatch();

    const url = new URL(request.url, 'http://openrds.invalid');
    const headers: Record<string, string> = {};
    for (const name of signed) {
      const value = header(request, name);
      if (value === undefined) throw refused.incomplete(`the signed header ${name} is missing`);
      headers[name] = value;
    }
    // Loaded only when authentication is on: the service runs for days, most often without it.
    const [{ SignatureV4 }, { Hash }] = await Promise.all([import('@smithy/signature-v4'), import('@smithy/hash-node')]);
    const signer = new SignatureV4({
      credentials: this.credentials,
      region: region!,
      service: service!,
      sha256: Hash.bind(null, 'sha256'),
      applyChecksum: false,
    });
    const again = await signer.sign(
      {
        method: request.method,
        protocol: 'http:',
        hostname: headers.host!.replace(/:\d+$/, ''),
        path: url.pathname,
        query: queryOf(url),
        headers,
        body: request.body,
      },
      { signingDate, signingRegion: region, signingService: service, signableHeaders: new Set(signed) },
    );
    const expected = /Signature=([0-9a-f]{64})/.exec(String(again.headers.authorization))?.[1];
    if (!expected || !timingSafeEqual(Buffer.from(expected), Buffer.from(signature!))) throw refused.mismatch();
  }

  /** Opens a console session for whoever knows the secret; returns the cookie's value. */
  openSession(accessKeyId: string, secretAccessKey: string): string {
    if (!this.credentials) throw new Error('authentication is off');
    if (accessKeyId !== this.credentials.accessKeyId) throw refused.unknownKey();
    const given = Buffer.from(secretAccessKey);
    const known = Buffer.from(this.credentials.secretAccessKey);
    if (given.length !== known.length || !timingSafeEqual(given, known)) throw refused.mismatch();
    const token = randomBytes(32).toString('hex');
    this.#sessions.set(token, this.now() + SESSION_MS);
    return token;
  }

  hasSession(cookie: string | undefined): boolean {
    const token = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([0-9a-f]{64})(?:;|$)`).exec(cookie ?? '')?.[1];
    const until = token === undefined ? undefined : this.#sessions.get(token);
    if (until === undefined) return false;
    if (until < this.now()) {
      this.#sessions.delete(token!);
      return false;
    }
    return true;
  }
}

function header(request: SignedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** `20260101T120000Z` → a Date. */
function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)) : undefined;
}

function queryOf(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const seen = query[key];
    query[key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return query;
}

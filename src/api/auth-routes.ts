import type { FastifyInstance, FastifyReply, FastifyRequest, RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { Readable } from 'node:stream';
import { RdsError } from '../errors.js';
import { SESSION_COOKIE, type Authenticator } from './authentication.js';
import { errorXml, newRequestId } from './xml.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The body as received, for the signature check (only kept when authentication is on). */
    rawBody?: Buffer;
  }
}

/**
 * What is served to anyone: the console's own files (it signs in through /openrds/v1/session), and
 * a bare GET / (a browser opening the API's address is sent to the console).
 */
const OPEN_PATH = /^\/console(\/|$)|^\/openrds\/v1\/session$/;
const isOpen = (request: FastifyRequest) => OPEN_PATH.test(request.url.split('?')[0]!) || (request.method === 'GET' && request.url === '/');

/** A refused request: AWS's XML error for the Query API, the same code and message as JSON elsewhere. */
export function sendRefusal(request: FastifyRequest, reply: FastifyReply, error: RdsError): FastifyReply {
  const requestId = newRequestId();
  reply.status(error.httpStatus).header('x-amzn-RequestId', requestId);
  if (request.url.startsWith('/openrds/')) return reply.send({ error: { code: error.code, message: error.message } });
  return reply.type('text/xml').send(errorXml(error, requestId));
}

/**
 * Authentication, when the user configured an access key: every request but the console's files
 * must be signed (SigV4) or come from a console session. The console signs in with the key and
 * secret at POST /openrds/v1/session and gets an HttpOnly, SameSite=Strict cookie.
 */
export function registerAuthentication(
  app: FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, Logger>,
  authenticator: Authenticator,
  bodyLimit: number,
): void {
  app.get('/openrds/v1/session', async (request) => ({
    required: authenticator.required,
    signedIn: !authenticator.required || authenticator.hasSession(request.headers.cookie),
  }));
  app.post<{ Body: Record<string, string> }>('/openrds/v1/session', async (request, reply) => {
    if (!authenticator.required) return reply.status(204).send();
    try {
      const token = authenticator.openSession(String(request.body?.accessKeyId ?? ''), String(request.body?.secretAccessKey ?? ''));
      return reply.header('set-cookie', `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`).status(204).send();
    } catch (error) {
      if (error instanceof RdsError) return sendRefusal(request, reply, error);
      throw error;
    }
  });
  if (!authenticator.required) return;

  // The signature covers the exact bytes: kept aside (up to the body limit) before the form parser.
  app.addHook('preParsing', async (request, _reply, payload) => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of payload) {
      size += (chunk as Buffer).length;
      if (size > bodyLimit) throw Object.assign(new Error('Request body is too large'), { statusCode: 413 });
      chunks.push(chunk as Buffer);
    }
    request.rawBody = Buffer.concat(chunks);
    return Readable.from([request.rawBody]);
  });
  app.addHook('preHandler', async (request, reply) => {
    if (isOpen(request)) return;
    try {
      await authenticator.check({ method: request.method, url: request.url, headers: request.headers, body: request.rawBody ?? Buffer.alloc(0) });
    } catch (error) {
      if (!(error instanceof RdsError)) throw error;
      return sendRefusal(request, reply, error);
    }
  });
}

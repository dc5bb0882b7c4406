import formbody from '@fastify/formbody';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { ControlPlane } from '../control/control-plane.js';
import { RdsError } from '../errors.js';
import type { ReplicationMonitor } from '../replication/monitor.js';
import type { RequestContext } from './action.js';
import { ACCOUNT_ID } from './arn.js';
import { ACTIONS } from './actions/index.js';
import { registerConsole } from './console.js';
import { instanceViews } from './instances-json.js';
import { AS_IS } from './params.js';
import { expandQueryParams } from './query-params.js';
import { checkGetAction, checkRequest, ownHosts } from './request-guard.js';
import { registerAuthentication, sendRefusal } from './auth-routes.js';
import { Authenticator } from './authentication.js';
import { errorXml, newRequestId, successXml } from './xml.js';

const API_VERSION = '2014-10-31';
/** A Query request is a form of short values; anything bigger is not one. */
const BODY_LIMIT = 256 * 1024;

export interface ApiOptions {
  readonly control: ControlPlane;
  /** Replica lag and external sources, as the monitor last saw them. */
  readonly monitor: ReplicationMonitor;
  readonly logger: Logger;
  /** Checks signatures when the user configured an access key (authentication.ts). */
  readonly authenticator?: Authenticator;
}

/** `Credential=AKID/20260101/eu-west-1/rds/aws4_request` → `eu-west-1`. */
function regionOf(authorization: string | undefined): string {
  const match = /Credential=[^/]+\/\d{8}\/([a-z0-9-]+)\/rds\//.exec(authorization ?? '');
  return match?.[1] ?? 'us-east-1';
}

/** zod's first complaint, phrased like RDS's parameter errors. */
function toRdsError(error: z.ZodError, action: string): RdsError {
  const issue = error.issues[0]!;
  const name = issue.path.join('.') || 'request';
  if (issue.code === 'unrecognized_keys') {
    // A member of a list entry (a Tag's, a Filter's, a Parameter's) that RDS's model does not name.
    const [list, index] = issue.path;
    const where = typeof index === 'number' ? `${String(list)} entry ${index + 1}` : name;
    return new RdsError('InvalidParameterValue', `The parameter ${issue.keys[0]} of ${where} is not recognized by ${action}.`);
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return new RdsError('MissingParameter', `The request must contain the parameter ${name}`);
  }
  const asIs = issue.code === 'custom' && (issue.params as typeof AS_IS | undefined)?.rdsMessage === true;
  if (asIs) return new RdsError((issue.params as typeof AS_IS).rdsCode ?? 'InvalidParameterValue', issue.message);
  const message = issue.message.startsWith('The parameter') || issue.message.includes(name) ? issue.message : `Invalid value for ${name}: ${issue.message}`;
  return new RdsError('InvalidParameterValue', message);
}

/** The RDS Query API: `POST /` (or GET) with `Action=...&Version=2014-10-31&...`, XML replies. */
export async function createApiServer(options: ApiOptions) {
  // Requests are not logged one by one (failures are, below): the framework logs at warn at most.
  const quiet = options.logger.levelVal >= options.logger.levels.values.warn! ? options.logger.level : 'warn';
  const app = Fastify({ loggerInstance: options.logger.child({}, { level: quiet }), bodyLimit: BODY_LIMIT });
  await app.register(formbody);

  // Before any route or body parser: what a web page could have forged is refused (request-guard.ts).
  let hosts: ReadonlySet<string> | undefined;
  app.addHook('onRequest', async (request, reply) => {
    hosts ??= ownHosts((app.server.address() as AddressInfo).port);
    try {
      checkRequest(request, hosts);
    } catch (error) {
      if (!(error instanceof RdsError)) throw error;
      options.logger.warn({ host: request.headers.host, origin: request.headers.origin, url: request.url }, error.message);
      return sendRefusal(request, reply, error);
    }
  });
  registerAuthentication(app, options.authenticator ?? new Authenticator(undefined), BODY_LIMIT);

  const handle = async (params: Record<string, string>, authorization: string | undefined, reply: FastifyReply, viaGet = false) => {
    const requestId = newRequestId();
    reply.header('x-amzn-RequestId', requestId).type('text/xml');
    try {
      const actionName = params.Action;
      if (!actionName) throw new RdsError('MissingParameter', 'The request must contain the parameter Action');
      const action = ACTIONS.get(actionName);
      if (viaGet) checkGetAction(actionName);
      if (!action) throw new RdsError('InvalidAction', `The action ${actionName} is not valid for this web service.`);
      if (params.Version && params.Version !== API_VERSION) {
        throw new RdsError('InvalidParameterValue', `Unsupported API version ${params.Version}; openrds speaks ${API_VERSION}.`);
      }
      const { Action: _action, Version: _version, ...rest } = params;
      const expanded = expandQueryParams(rest);
      // A client that sends a parameter expects it to act: one this action does not know is refused.
      const unknown = Object.keys(expanded).find((key) => !Object.hasOwn(action.input.shape, key));
      if (unknown !== undefined) throw new RdsError('InvalidParameterValue', `The parameter ${unknown} is not recognized by ${action.name}.`);
      const parsed = action.input.safeParse(expanded);
      if (!parsed.success) throw toRdsError(parsed.error, action.name);
      const context: RequestContext = { control: options.control, region: regionOf(authorization), accountId: ACCOUNT_ID };
      const result = await action.handle(parsed.data, context);
      return reply.send(successXml(action.name, result, requestId));
    } catch (error) {
      const rdsError =
        error instanceof RdsError ? error : new RdsError('InternalFailure', 'The request processing has failed because of an unknown error.');
      if (!(error instanceof RdsError)) options.logger.error({ err: error }, 'request failed');
      return reply.status(rdsError.httpStatus).send(errorXml(rdsError, requestId));
    }
  };

  const stringsOnly = (input: unknown): Record<string, string> => {
    const out: Record<string, string> = {};
    if (input && typeof input === 'object') {
      for (const [k, v] of Object.entries(input)) out[k] = Array.isArray(v) ? String(v[v.length - 1]) : String(v);
    }
    return out;
  };

  app.post('/', (request, reply) =>
    handle({ ...stringsOnly(request.query), ...stringsOnly(request.body) }, request.headers.authorization, reply),
  );
  app.get('/', (request, reply) => {
    const query = stringsOnly(request.query);
    // A browser opening the API's address gets the web console.
    if (!query.Action && request.headers.accept?.includes('text/html')) return reply.redirect('/console/');
    return handle(query, request.headers.authorization, reply, true);
  });
  app.get('/openrds/v1/instances', async () => ({ instances: instanceViews(options.control, options.monitor) }));
  await registerConsole(app, options.control, options.monitor);
  return app;
}

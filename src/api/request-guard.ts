import type { FastifyRequest } from 'fastify';
import { RdsError } from '../errors.js';

/**
 * What a web page can make a browser send, refused before any action runs: a page on another
 * origin (Origin, Sec-Fetch-Site), a name that is not the API's own (Host: DNS rebinding would
 * otherwise let a page read every reply), a state-changing action in a URL (an <img> needs no
 * script), and a body type the AWS SDKs never send (a cross-site text/plain or multipart POST
 * needs no CORS preflight). The AWS CLI, the SDKs, boto3 and the console pass every check.
 */

/** Actions that change nothing: the only ones a plain GET may carry. */
const READ_ONLY_ACTION = /^(Describe|List)[A-Za-z]+$/;
/** What the AWS Query protocol's clients send (with `; charset=utf-8`). */
const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(;|$)/i;
/** Fetch metadata values a browser sends for the API's own pages and for a typed-in address. */
const SAME_SITE = new Set(['same-origin', 'none']);

const refused = {
  foreignHost: (host: string) =>
    new RdsError('AccessDenied', `Requests for host ${host} are not served: openrds answers only requests addressed to its own address.`),
  crossSite: (origin: string) =>
    new RdsError('AccessDenied', `Cross-site requests are refused: this request was sent by a page of ${origin}.`),
  actionInUrl: (action: string) =>
    new RdsError('AccessDenied', `${action} changes state and is accepted only in the body of a POST request (application/x-www-form-urlencoded).`),
  bodyType: (type: string) =>
    new RdsError('AccessDenied', `Content type ${type || '(none)'} is not accepted: send the request as application/x-www-form-urlencoded.`),
};

/** The host names the API answers to, for the port it listens on. */
export function ownHosts(port: number): ReadonlySet<string> {
  return new Set(['127.0.0.1', 'localhost', '[::1]'].flatMap((name) => [`${name}:${port}`, ...(port === 80 ? [name] : [])]));
}

/** Throws RdsError(AccessDenied) when the request is one a web page could have forged. */
export function checkRequest(request: FastifyRequest, hosts: ReadonlySet<string>): void {
  const host = request.headers.host;
  if (host !== undefined && !hosts.has(host.toLowerCase())) throw refused.foreignHost(host);
  const site = request.headers['sec-fetch-site'];
  const origin = request.headers.origin;
  // Following a link to the console from elsewhere is a cross-site navigation, and harmless: a GET
  // changes nothing (checkGetAction), and the page it loads is same-origin from then on.
  const navigation = request.method === 'GET' && request.headers['sec-fetch-mode'] === 'navigate';
  if (typeof site === 'string' && !SAME_SITE.has(site) && !navigation) throw refused.crossSite(origin ?? site);
  if (origin !== undefined && !hosts.has(originHost(origin))) throw refused.crossSite(origin);
  if (request.method === 'POST') {
    const type = request.headers['content-type'] ?? '';
    if (!FORM_TYPE.test(type)) throw refused.bodyType(type);
  }
}

/** A GET may only read: a state-changing action in a URL is what an <img> or a link sends. */
export function checkGetAction(action: string | undefined): void {
  if (action && !READ_ONLY_ACTION.test(action)) throw refused.actionInUrl(action);
}

/** `http://127.0.0.1:4580` → `127.0.0.1:4580`; an opaque origin (`null`) matches no host. */
function originHost(origin: string): string {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' ? url.host.toLowerCase() : '';
  } catch {
    return '';
  }
}

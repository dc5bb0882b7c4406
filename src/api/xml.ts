import { randomUUID } from 'node:crypto';
import { XMLBuilder } from 'fast-xml-parser';
import type { RdsError } from '../errors.js';

export const RDS_XMLNS = 'http://rds.amazonaws.com/doc/2014-10-31/';

/** A value in a reply: objects become elements, `{ Member: [..] }` repeated elements. */
export type XmlValue = string | number | boolean | null | undefined | XmlValue[] | { [name: string]: XmlValue };

/** Drops absent values and turns scalars into text, as the XML builder expects. */
function clean(value: XmlValue): unknown {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return value.map(clean);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const c = clean(v);
      if (c !== undefined) out[k] = c;
    }
    return out;
  }
  return String(value);
}

/** `@name` keys are attributes; values are escaped; empty elements are written `<X/>`. */
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', suppressEmptyNode: true, format: false });
const DECLARATION = { '@version': '1.0', '@encoding': 'UTF-8' };

export function newRequestId(): string {
  return randomUUID();
}

export function successXml(action: string, result: Record<string, XmlValue> | undefined, requestId: string): string {
  const body: Record<string, unknown> = { '@xmlns': RDS_XMLNS };
  if (result !== undefined) body[`${action}Result`] = clean(result);
  body.ResponseMetadata = { RequestId: requestId };
  return builder.build({ '?xml': DECLARATION, [`${action}Response`]: body }) as string;
}

export function errorXml(error: RdsError, requestId: string): string {
  return builder.build({
    '?xml': DECLARATION,
    ErrorResponse: {
      '@xmlns': RDS_XMLNS,
      Error: { Type: error.faultType, Code: error.code, Message: error.message },
      RequestId: requestId,
    },
  }) as string;
}

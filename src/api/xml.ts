import { randomUUID } from 'node:crypto';
import { XMLBuilder } from 'fast-xml-parser';
import type { RdsError } from '../errors.js';

export const RDS_XMLNS = 'http://rds.amazonaws.com/doc/2014-10-31/';

/**
 * Elements already written and encoded (by `xmlElementBytes`), put in a reply as they are: the
 * content of the element that holds them. With none, the holder is written `<X/>`, as an empty
 * list would be. A reply with RawXml is sent as bytes, so big cached content is never copied
 * into a new string per request.
 */
export class RawXml {
  constructor(readonly parts: readonly Uint8Array[]) {}
}

/** A value in a reply: objects become elements, `{ Member: [..] }` repeated elements. */
export type XmlValue = string | number | boolean | null | undefined | RawXml | XmlValue[] | { [name: string]: XmlValue };

/** Stands for RawXml content while the builder writes the rest: letters, digits and dashes, never escaped. */
const RAW_MARK = `openrds-raw-${randomUUID()}-`;

/** Drops absent values and turns scalars into text, as the XML builder expects; RawXml becomes a mark. */
function clean(value: XmlValue, raw: (readonly Uint8Array[])[]): unknown {
  if (value === null || value === undefined) return undefined;
  if (value instanceof RawXml) {
    if (value.parts.length === 0) return '';
    raw.push(value.parts);
    return `${RAW_MARK}${raw.length - 1}.`;
  }
  if (Array.isArray(value)) return value.map((v) => clean(v, raw));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const c = clean(v, raw);
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

/** Builds the tree of `clean` values: text, or with RawXml, bytes with its parts where its marks are. */
function build(tree: Record<string, unknown>, raw: readonly (readonly Uint8Array[])[]): string | Buffer {
  const xml = builder.build(tree) as string;
  if (raw.length === 0) return xml;
  // `<mark><n>.` each; whatever is between the marks is the builder's.
  const pieces = xml.split(RAW_MARK);
  const chunks: Uint8Array[] = [Buffer.from(pieces[0]!)];
  for (let i = 1; i < pieces.length; i++) {
    const piece = pieces[i]!;
    const dot = piece.indexOf('.');
    chunks.push(...raw[Number(piece.slice(0, dot))]!, Buffer.from(piece.slice(dot + 1)));
  }
  return Buffer.concat(chunks);
}

/** One element, `<name>...</name>`, encoded, exactly as it is written inside a reply (for RawXml). */
export function xmlElementBytes(name: string, value: XmlValue): Buffer {
  const raw: (readonly Uint8Array[])[] = [];
  const built = build({ [name]: clean(value, raw) }, raw);
  return typeof built === 'string' ? Buffer.from(built) : built;
}

/** The reply: text, or bytes (UTF-8) when it holds RawXml. */
export function successXml(action: string, result: Record<string, XmlValue> | undefined, requestId: string): string | Buffer {
  const raw: (readonly Uint8Array[])[] = [];
  const body: Record<string, unknown> = { '@xmlns': RDS_XMLNS };
  if (result !== undefined) body[`${action}Result`] = clean(result, raw);
  body.ResponseMetadata = { RequestId: requestId };
  return build({ '?xml': DECLARATION, [`${action}Response`]: body }, raw);
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

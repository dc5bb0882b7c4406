import type { ParameterGroupRecord } from '../model/parameter-group-record.js';
import type { RequestContext } from './action.js';
import type { XmlValue } from './xml.js';

/** The `DBParameterGroup` structure of the RDS API. */
export function parameterGroupXml(group: ParameterGroupRecord, context: RequestContext): Record<string, XmlValue> {
  return {
    DBParameterGroupName: group.name,
    DBParameterGroupFamily: group.family,
    Description: group.description,
    DBParameterGroupArn: `arn:aws:rds:${context.region}:${context.accountId}:pg:${group.name}`,
  };
}

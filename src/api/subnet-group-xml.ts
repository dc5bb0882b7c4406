import { createHash } from 'node:crypto';
import type { SubnetGroupRecord } from '../model/subnet-group-record.js';
import type { RequestContext } from './action.js';
import { arnOf } from './arn.js';
import { availabilityZones } from './instance-options.js';
import type { XmlValue } from './xml.js';

/**
 * A group's VPC: there is no EC2 to ask which VPC its subnets are in, so each group is its own
 * (a stable id from its name), and ModifyDBInstance may move an instance to any other group.
 */
function vpcIdOf(group: SubnetGroupRecord): string {
  return `vpc-${createHash('sha256').update(group.name).digest('hex').slice(0, 17)}`;
}

/** What DescribeDBInstances shows of an instance's group (RDS's DBSubnetGroup there has no ARN). */
export function instanceSubnetGroupXml(group: SubnetGroupRecord, region: string): Record<string, XmlValue> {
  const zones = availabilityZones(region);
  return {
    DBSubnetGroupName: group.name,
    DBSubnetGroupDescription: group.description,
    VpcId: vpcIdOf(group),
    SubnetGroupStatus: 'Complete',
    Subnets: {
      // The subnets take the region's zones in turn, so a group of two or more covers two zones as RDS requires.
      Subnet: group.subnetIds.map((id, i) => ({ SubnetIdentifier: id, SubnetAvailabilityZone: { Name: zones[i % zones.length] }, SubnetOutpost: {}, SubnetStatus: 'Active' })),
    },
  };
}

/** The `DBSubnetGroup` structure of the subnet group actions. */
export function subnetGroupXml(group: SubnetGroupRecord, context: RequestContext): Record<string, XmlValue> {
  return {
    ...instanceSubnetGroupXml(group, context.region),
    DBSubnetGroupArn: arnOf({ kind: 'subgrp', name: group.name }, context),
    SupportedNetworkTypes: { member: ['IPV4'] },
  };
}

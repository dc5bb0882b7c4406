import { z } from 'zod';
import { text } from './params.js';

/** A subnet group's name as sent (the control plane checks RDS's rules and stores it in lower case). */
export const subnetGroupName = text(255);

/** SubnetIds; an empty list arrives as `SubnetIds=` and is RDS's InvalidSubnet (control/subnet-groups.ts). */
export const subnetIds = z.preprocess((v) => (v === '' ? [] : v), z.array(text(64)).max(100));

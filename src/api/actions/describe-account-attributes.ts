import { z } from 'zod';
import { defineAction } from '../action.js';

export default defineAction({
  name: 'DescribeAccountAttributes',
  input: z.object({}),
  async handle(_input, context) {
    const quotas = context.control.accountQuotas();
    return { AccountQuotas: { AccountQuota: quotas.map((q) => ({ AccountQuotaName: q.name, Used: q.used, Max: q.max })) } };
  },
});

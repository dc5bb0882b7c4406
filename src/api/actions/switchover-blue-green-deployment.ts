import { z } from 'zod';
import { defineAction } from '../action.js';
import { blueGreenXml } from '../blue-green-xml.js';
import { text } from '../params.js';

export default defineAction({
  name: 'SwitchoverBlueGreenDeployment',
  input: z.object({
    BlueGreenDeploymentIdentifier: text(255),
    // RDS's range: 30 seconds to an hour.
    SwitchoverTimeout: z.coerce.number().int().min(30, { message: 'must be at least 30' }).max(3600, { message: 'must be at most 3600' }).optional(),
  }),
  async handle(input, context) {
    const record = await context.control.blueGreen.switchover(input.BlueGreenDeploymentIdentifier, input.SwitchoverTimeout);
    return { BlueGreenDeployment: blueGreenXml(record, context) };
  },
});

// Test helpers of citizens' voice: posting through the page's form from a given address, reading the outbox.
import type { TestAgent } from '../../../test/helpers/app.ts';

let nextAddress = 1;
/** A new address for each agent unless one is given (the per-address limit stays out of unrelated tests). */
export function freshAddress(): string {
  nextAddress++;
  return `10.${Math.floor(nextAddress / 250)}.${nextAddress % 250}.7`;
}

/** Posts a contribution on a sheet like the browser does, from `address`. */
export async function contribute(
  agent: TestAgent,
  sheetId: number,
  form: Record<string, string>,
  address = '10.200.0.1',
  segment = 'fiches',
) {
  if (!agent.csrfToken) await agent.get('/');
  return agent.request({
    method: 'POST',
    url: `/contributions/${segment}/${sheetId}`,
    form: { _csrf: agent.csrfToken, type: 'comment', ...form },
    headers: { 'x-forwarded-for': address },
  });
}

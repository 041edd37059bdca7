/**
 * Test support for the accounts module's HTTP tests (imported by *.test.ts only).
 * Rate limits count per client address, and one app serves a whole suite: each test gets its own address so that
 * tests stay independent, exactly like distinct people behind distinct connections.
 */

import { TestAgent, type TestApp } from '../../../test/helpers/app.ts';
import { hashToken } from '../../platform/auth/tokens.ts';

let counter = 0;

/** A browser-like client that appears to come from its own IP address (X-Forwarded-For; the app trusts its proxy). */
export class AgentFrom extends TestAgent {
  constructor(
    server: TestApp['server'],
    public ip: string = `10.${(counter >> 16) & 255}.${(counter >> 8) & 255}.${counter++ & 255}`,
  ) {
    super(server);
  }
  override request(options: Parameters<TestAgent['request']>[0]) {
    return super.request({ ...options, headers: { 'x-forwarded-for': this.ip, ...(options.headers ?? {}) } });
  }
}

export const newAgent = (app: TestApp) => new AgentFrom(app.server);

/** An agent signed in as a new user (created by the factory). */
export async function signedInAgent(app: TestApp, input: Parameters<TestApp['createUser']>[0]) {
  const user = await app.createUser(input);
  const agent = newAgent(app);
  await agent.signInAs(user.email);
  return { agent, user };
}

/** Value of a hidden or text input in a page. */
export function inputValue(html: string, name: string): string | null {
  const re = new RegExp(`<input[^>]*name="${name}"[^>]*>`);
  const tag = re.exec(html)?.[0];
  if (!tag) return null;
  const value = /value="([^"]*)"/.exec(tag)?.[1];
  return value === undefined ? null : value.replace(/&amp;/g, '&').replace(/&quot;/g, '"');
}

/** The `jeton` parameter of a link path. */
export function tokenOf(path: string): string {
  const token = new URL(path, 'http://x').searchParams.get('jeton');
  if (!token) throw new Error(`pas de jeton dans ${path}`);
  return token;
}

export { hashToken };

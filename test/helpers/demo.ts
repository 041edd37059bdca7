/**
 * The demo accounts as a person uses them: signing in with the demo password through the sign-in form (own cookie
 * jar, own address, so that the per-address limits of one test do not touch another's).
 */
import assert from 'node:assert/strict';
import { DEMO_PASSWORD } from '../../src/modules/accounts/index.ts';
import type { TestAgent, TestApp } from './app.ts';

/** An agent signed in as `email` with the demo password, from the address 10.9.2.`n`. */
export async function signInDemo(app: TestApp<any>, email: string, n: number): Promise<TestAgent> {
  const agent = app.agent();
  await agent.get('/connexion');
  const res = await agent.request({
    method: 'POST',
    url: '/connexion',
    form: { _csrf: agent.csrfToken!, email, password: DEMO_PASSWORD },
    headers: { 'x-forwarded-for': `10.9.2.${n}` },
  });
  assert.equal(res.statusCode, 303, `${email} signs in`);
  return agent;
}

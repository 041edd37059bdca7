// A hung SMTP server (it accepts the connection and never says a word) must not keep a mail job running past its
// lease: the send gives up (SMTP timeouts), the queue records the failure and retries later, no second worker can
// claim the job while the first one waits, and nothing is delivered twice. The server here is a bare TCP socket of
// our own; the timeouts are made short so that the test does not wait minutes (no timing is asserted).
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { after, before, test } from 'node:test';
import { describeEachDatabase } from '../../../test/helpers/databases.ts';
import { manualClock } from '../clock.ts';
import { createJobQueue, LEASE_MS } from '../jobs/queue.ts';
import { createMailer, SMTP_TIMEOUTS } from './mailer.ts';

let connections = 0;
const sockets = new Set<Socket>();
const silent = createServer((socket) => {
  connections++;
  sockets.add(socket);
  socket.on('error', () => {});
  socket.on('close', () => sockets.delete(socket));
});
let url = '';
before(async () => {
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  url = `smtp://127.0.0.1:${(silent.address() as { port: number }).port}`;
});
after(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => silent.close(() => resolve()));
});

test('the SMTP timeouts, all added up, stay below the job lease', () => {
  const { connectionMs, greetingMs, socketMs } = SMTP_TIMEOUTS;
  assert.ok(connectionMs + greetingMs + socketMs < LEASE_MS, JSON.stringify(SMTP_TIMEOUTS));
});

describeEachDatabase(
  'mail jobs and a hung SMTP server',
  (db) => {
    test('the send fails instead of hanging; the job is retried, then failed, never claimed twice at once', async () => {
      const mailer = createMailer({
        smtpUrl: url,
        from: 'bibliotheque@test.fr',
        outboxDir: '/nonexistent',
        timeouts: { connectionMs: 300, greetingMs: 300, socketMs: 300 },
      });
      const { clock } = db();
      const workerA = createJobQueue(db().db, db().dialect, clock);
      const workerB = createJobQueue(db().db, db().dialect, clock);
      const type = `test.send_mail_${db().dialect}`;
      let sends = 0;
      let entered: () => void = () => {};
      const inSend = new Promise<void>((resolve) => {
        entered = resolve;
      });
      const handlers = {
        [type]: async (payload: { to: string }) => {
          sends++;
          entered();
          await mailer.send({ to: payload.to, subject: 'Invitation', text: 'Bonjour' });
        },
      };
      await workerA.enqueue(type, { to: 'dgs@commune.fr' }, { maxAttempts: 2 });
      const before = connections;
      const job = () =>
        db()
          .db.selectFrom('jobs')
          .select(['status', 'attempts', 'last_error'])
          .where('type', '=', type)
          .executeTakeFirstOrThrow();

      // Worker A takes the job and waits on the silent server; worker B finds nothing to take meanwhile.
      const runA = workerA.runDue(handlers);
      await inSend;
      assert.equal((await job()).status, 'running');
      assert.equal(await workerB.runDue(handlers), 0);
      assert.equal(await runA, 1);

      const first = await job();
      assert.equal(first.status, 'pending', 'retried later');
      assert.equal(Number(first.attempts), 1);
      assert.match(String(first.last_error), /greeting|timeout|timed out/i);
      // The retry waits for its backoff (the clock has not moved): nobody runs it now.
      assert.equal(await workerB.runDue(handlers), 0);

      clock.advance({ hours: 2 });
      assert.equal(await workerB.runDue(handlers), 1);
      const last = await job();
      assert.equal(last.status, 'failed', 'given up after its attempts');
      assert.equal(Number(last.attempts), 2);
      // One send per attempt, one connection each, one after the other: never two at once, nothing delivered.
      assert.equal(sends, 2);
      assert.equal(connections - before, 2);
    });
  },
  { clock: () => manualClock('2026-03-01T09:00:00Z') },
);

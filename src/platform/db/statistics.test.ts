// When a long bulk write (an import) refreshes its tables' statistics: after 1,000 rows at the least, then each time
// it has written a fifth of what the tables held at the last refresh.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BULK_ROWS, STATISTICS_GROWTH, statisticsDue, statisticsFollower } from './statistics.ts';

test('a small write into small tables waits for 1,000 rows', () => {
  assert.equal(statisticsDue(0, BULK_ROWS - 1), false);
  assert.equal(statisticsDue(0, BULK_ROWS), true);
  assert.equal(statisticsDue(3_000, BULK_ROWS), true);
});

test('a write into large tables waits for a fifth of their rows', () => {
  assert.equal(STATISTICS_GROWTH, 0.2);
  assert.equal(statisticsDue(100_000, 19_999), false);
  assert.equal(statisticsDue(100_000, 20_000), true);
});

test('an import of 100,000 rows into an empty library refreshes about twenty times, not at every batch', async () => {
  let refreshes = 0;
  const wrote = statisticsFollower(0, async () => void refreshes++);
  for (let batch = 0; batch < 1_000; batch++) await wrote(100, false);
  assert.ok(refreshes >= 15 && refreshes <= 25, `${refreshes} refreshes`);
});

test('the last batch refreshes after 1,000 rows since the last refresh, not after fewer', async () => {
  let refreshes = 0;
  const wrote = statisticsFollower(100_000, async () => void refreshes++);
  await wrote(999, true);
  assert.equal(refreshes, 0);
  await wrote(1, true);
  assert.equal(refreshes, 1);
});

/** Refreshes that each end when the test calls their entry of `started`. */
function slowRefreshes() {
  const started: (() => void)[] = [];
  return {
    started,
    refresh: () => new Promise<void>((resolve) => started.push(resolve)),
  };
}

test('a refresh runs beside the writes: the batch that starts it does not wait for it', async () => {
  const slow = slowRefreshes();
  const wrote = statisticsFollower(0, slow.refresh);
  await wrote(BULK_ROWS, false);
  assert.equal(slow.started.length, 1);
  // The next batches go on while it runs, and one due meanwhile waits for it to end.
  await wrote(BULK_ROWS, false);
  await wrote(BULK_ROWS, false);
  assert.equal(slow.started.length, 1);
  slow.started[0]!();
  await new Promise((r) => setImmediate(r));
  await wrote(1, false);
  assert.equal(slow.started.length, 2, 'the rows written meanwhile are due at the first batch after it');
});

test('the last batch waits for the refresh running, then for its own', async () => {
  const slow = slowRefreshes();
  const wrote = statisticsFollower(0, slow.refresh);
  await wrote(BULK_ROWS, false);
  let ended = false;
  const last = wrote(BULK_ROWS, true).then(() => (ended = true));
  await new Promise((r) => setImmediate(r));
  assert.equal(ended, false);
  assert.equal(slow.started.length, 1, 'its own refresh waits for the one running');
  slow.started[0]!();
  await new Promise((r) => setImmediate(r));
  assert.equal(slow.started.length, 2);
  assert.equal(ended, false, 'the last batch waits for its own refresh');
  slow.started[1]!();
  await last;
  assert.equal(ended, true);
});

test('a refresh that failed fails the next batch', async () => {
  let calls = 0;
  const wrote = statisticsFollower(0, async () => {
    calls++;
    throw new Error('analyse impossible');
  });
  await wrote(BULK_ROWS, false);
  await new Promise((r) => setImmediate(r));
  await assert.rejects(wrote(1, false), /analyse impossible/);
  assert.equal(calls, 1);
});

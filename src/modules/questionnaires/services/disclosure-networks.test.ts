// Small-number protection of networks (pure): too few respondents, or a difference of a small group from a
// published set (a type, a région, all respondents, another network), hides a network; a network that differs from
// every published set by nobody or by enough respondents is published.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CountedAuthority } from '../store/results-reads.ts';
import { disclose } from './disclosure.ts';
import { discloseNetworks } from './disclosure-networks.ts';

/** Authorities 1…n of one type and région each, one response each. */
function respondents(plan: { type: string; region: string; n: number }[]): CountedAuthority[] {
  const out: CountedAuthority[] = [];
  for (const p of plan)
    for (let i = 0; i < p.n; i++) {
      const id = out.length + 1;
      out.push({ organisationId: id, organisationType: p.type, regionCode: p.region });
    }
  return out;
}

function run(counted: CountedAuthority[], networks: Record<string, number[]>, minCell = 5) {
  const counts = new Map<
    string,
    { organisationType: string; regionCode: string; respondents: number; responses: number }
  >();
  for (const r of counted) {
    const key = `${r.organisationType}|${r.regionCode}`;
    const c = counts.get(key) ?? {
      organisationType: r.organisationType,
      regionCode: r.regionCode,
      respondents: 0,
      responses: 0,
    };
    c.respondents++;
    c.responses++;
    counts.set(key, c);
  }
  const base = disclose([...counts.values()], minCell);
  const list = Object.entries(networks).map(([name, memberIds], i) => ({ id: i + 1, name, memberIds }));
  return Object.fromEntries(discloseNetworks(counted, list, base).map((n) => [n.name, [n.respondents, n.status]]));
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

test('a network with fewer respondents than the minimum is not published; members who did not answer do not count', () => {
  const counted = respondents([{ type: 'commune', region: '53', n: 20 }]);
  assert.deepEqual(run(counted, { petit: [1, 2, 3, 99, 100], grand: range(1, 8) }), {
    petit: [3, 'small'],
    grand: [8, 'published'],
  });
});

test('a network that differs from a published set by a small group is hidden (complementary suppression)', () => {
  // 10 communes (1…10) and 10 métropoles (11…20).
  const counted = respondents([
    { type: 'commune', region: '53', n: 10 },
    { type: 'metropole', region: '84', n: 10 },
  ]);
  assert.deepEqual(
    run(counted, {
      // Every commune but two: « communes − network » would single out 2 authorities.
      presque: range(1, 8),
      // Every métropole and three communes: « network − métropoles » singles out 3.
      plus: [...range(11, 20), 1, 2, 3],
      // Everyone but one: « all − network » singles out 1.
      tous: range(2, 20),
      // Half the communes and half the métropoles: no published set contains it or is contained in it.
      croise: [1, 2, 3, 4, 5, 11, 12, 13, 14, 15],
      // Exactly the communes: the same set as a published one, nothing to recover.
      communes: range(1, 10),
    }),
    {
      presque: [8, 'secondary'],
      plus: [13, 'secondary'],
      tous: [19, 'secondary'],
      croise: [10, 'published'],
      communes: [10, 'published'],
    },
  );
});

test('two networks one inside the other and differing by a small group: the smaller is hidden', () => {
  const counted = respondents([{ type: 'commune', region: '53', n: 30 }]);
  assert.deepEqual(run(counted, { large: range(1, 12), inclus: range(1, 10) }), {
    large: [12, 'published'],
    inclus: [10, 'secondary'],
  });
});

test('when the whole campaign is withheld, so is every network', () => {
  const counted = respondents([{ type: 'commune', region: '53', n: 3 }]);
  assert.deepEqual(run(counted, { reseau: [1, 2, 3] }), { reseau: [3, 'small'] });
});

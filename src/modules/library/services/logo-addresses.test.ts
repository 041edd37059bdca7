// The server never fetches a logo from its own network: which addresses are private, in IPv4 and IPv6 (IPv4 written
// as IPv6 included), and a host is resolved once, refused when any of its addresses is private.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ipv6Bytes, isPrivateAddress, type Resolve, resolveOnce } from './logo-addresses.ts';

test('loopback, private, shared, link-local, multicast and reserved IPv4 addresses are private', () => {
  for (const a of [
    '127.0.0.1',
    '127.255.1.2',
    '10.0.0.1',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.10',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
  ]) {
    assert.equal(isPrivateAddress(a), true, a);
  }
  for (const a of ['8.8.8.8', '172.15.0.1', '172.32.0.1', '100.128.0.1', '193.51.24.1']) {
    assert.equal(isPrivateAddress(a), false, a);
  }
});

test('IPv6 loopback, unspecified, unique-local, link-local and multicast addresses are private', () => {
  for (const a of ['::1', '::', 'fc00::1', 'fd12:3456::1', 'fe80::1', 'fe80::1%eth0', 'febf::1', 'ff02::1', '[::1]']) {
    assert.equal(isPrivateAddress(a), true, a);
  }
  for (const a of ['2001:4860:4860::8888', '2a01:cb00::1', '2620:0:ccc::2']) {
    assert.equal(isPrivateAddress(a), false, a);
  }
});

test('an IPv4 address written as IPv6 is judged as the IPv4 address it carries', () => {
  for (const a of [
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::FFFF:10.1.2.3',
    '::ffff:a9fe:a9fe',
    '64:ff9b::a00:1',
    '2002:c0a8:101::',
    '::127.0.0.1',
  ]) {
    assert.equal(isPrivateAddress(a), true, a);
  }
  for (const a of ['::ffff:8.8.8.8', '::ffff:808:808', '64:ff9b::808:808']) {
    assert.equal(isPrivateAddress(a), false, a);
  }
});

test('IPv6 text is read into its 16 bytes, with or without an IPv4 tail; anything else is private', () => {
  assert.deepEqual(ipv6Bytes('::ffff:127.0.0.1'), ipv6Bytes('::ffff:7f00:1'));
  assert.deepEqual(ipv6Bytes('2001:db8::1')?.slice(0, 4), [0x20, 0x01, 0x0d, 0xb8]);
  assert.equal(ipv6Bytes('1.2.3.4'), null);
  assert.equal(ipv6Bytes('logos.exemple.fr'), null);
  assert.equal(isPrivateAddress('logos.exemple.fr'), true);
});

/** A resolver stub answering the given addresses (no network). */
const answering =
  (...addresses: string[]): Resolve =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

test('a host is resolved once; its first address is the one to connect to', async () => {
  let calls = 0;
  const resolve: Resolve = async (host) => {
    calls++;
    assert.equal(host, 'logos.exemple.fr');
    return [
      { address: '2a01:cb00::1', family: 6 },
      { address: '193.51.24.1', family: 4 },
    ];
  };
  assert.deepEqual(await resolveOnce('logos.exemple.fr', resolve), { ok: true, address: '2a01:cb00::1', family: 6 });
  assert.equal(calls, 1);
});

test('a host with one private address among public ones is refused (rebinding attempt)', async () => {
  assert.deepEqual(await resolveOnce('piege.exemple.fr', answering('193.51.24.1', '::ffff:169.254.169.254')), {
    ok: false,
    reason: 'adresse d’un réseau privé',
  });
});

test('a host that resolves to nothing, or fails to resolve, is refused', async () => {
  assert.deepEqual(await resolveOnce('nulle-part.exemple.fr', answering()), { ok: false, reason: 'site introuvable' });
  const failing: Resolve = async () => {
    throw new Error('ENOTFOUND');
  };
  assert.deepEqual(await resolveOnce('nulle-part.exemple.fr', failing), { ok: false, reason: 'site introuvable' });
});

test('an IP literal is not resolved, and judged like a resolved address', async () => {
  const never: Resolve = async () => assert.fail('an IP literal is never resolved');
  assert.deepEqual(await resolveOnce('[::1]', never), { ok: false, reason: 'adresse d’un réseau privé' });
  assert.deepEqual(await resolveOnce('193.51.24.1', never), { ok: true, address: '193.51.24.1', family: 4 });
});

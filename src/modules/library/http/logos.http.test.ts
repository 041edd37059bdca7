// Sheets' logos are fetched by the server from the address given (a local HTTP server here, never the internet),
// checked (at most 500 KB, PNG / JPEG / WebP by their first bytes; SVG refused), kept in the database and served from
// our own address with a content hash and immutable caching: the sheet page and the library list never hot-link
// another site, and every server instance sharing the database serves the same images. The host is resolved once
// (a resolver stub here) and the connection goes to that address; redirections are not followed.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { describeEachApp, withSecondInstance } from '../../../../test/helpers/app.ts';
import type { Resolve } from '../services/logos.ts';
import { libraryOf, readersWorld } from '../test-support.ts';

const PNG = Buffer.concat([
  Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'),
  Buffer.from('logo de la ville'),
]);
const OTHER_PNG = Buffer.concat([PNG, Buffer.from(' — autre logo')]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
const HUGE = Buffer.concat([PNG, Buffer.alloc(600 * 1024)]);

let server: Server;
let port = 0;
let origin = '';
/** Every request the local site received: path and Host header. */
const seen: { path: string; host: string }[] = [];

before(async () => {
  server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', host: req.headers.host ?? '' });
    if (req.url === '/ailleurs') return void res.writeHead(302, { location: '/logo.png' }).end();
    const bodies: Record<string, Buffer> = {
      '/logo.png': PNG,
      '/autre.png': OTHER_PNG,
      '/logo.svg': SVG,
      '/grand.png': HUGE,
    };
    const body = bodies[req.url ?? ''];
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': req.url === '/logo.svg' ? 'image/svg+xml' : 'image/png' }).end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
});
after(() => new Promise<void>((done) => server.close(() => done())));

/** A resolver stub: the answers in turn (the last one repeated), and how many times it was asked. */
function stubResolver(...answers: string[]): Resolve & { calls: number } {
  const resolve = Object.assign(
    async (_host: string) => {
      const address = answers[Math.min(resolve.calls, answers.length - 1)]!;
      resolve.calls++;
      return [{ address, family: address.includes(':') ? 6 : 4 }];
    },
    { calls: 0 },
  );
  return resolve;
}

describeEachApp('sheets’ logos: fetched once by the server, checked, kept in the database, served from here', (app) => {
  let world: Awaited<ReturnType<typeof readersWorld>>;

  test('setup', async () => {
    world = await readersWorld(app());
  });

  test('a PNG logo is kept in the database and served by its content hash, cached for good', async () => {
    const logos = libraryOf(app()).logos;
    const result = await logos.fetchAndStore(`${origin}/logo.png`, { allowPrivateHosts: true });
    assert.ok(result.ok, JSON.stringify(result));
    assert.match(result.file, /^[0-9a-f]{64}\.png$/);
    const row = await app()
      .server.platform.db.selectFrom('library_logos')
      .select(['size', 'content_type'])
      .where('file', '=', result.file)
      .executeTakeFirstOrThrow();
    assert.deepEqual({ size: Number(row.size), type: row.content_type }, { size: PNG.length, type: 'image/png' });
    const path = await logos.pathFor(`${origin}/logo.png`);
    assert.equal(path, `/bibliotheque/logos/${result.file}`);
    const served = await world.anonymous.get(path!);
    assert.equal(served.statusCode, 200);
    assert.equal(served.headers['content-type'], 'image/png');
    assert.equal(served.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.deepEqual(served.rawPayload, PNG);
  });

  test('another server instance on the same database (its own data folder) serves the same logo', async () => {
    const path = await libraryOf(app()).logos.pathFor(`${origin}/logo.png`);
    assert.ok(path);
    const served = await withSecondInstance(app(), (second) => second.app.inject({ method: 'GET', url: path! }));
    assert.equal(served.statusCode, 200);
    assert.deepEqual(served.rawPayload, PNG);
  });

  test('an SVG, an image over 500 KB and a private address are refused, with the reason', async () => {
    const logos = libraryOf(app()).logos;
    const svg = await logos.fetchAndStore(`${origin}/logo.svg`, { allowPrivateHosts: true });
    assert.deepEqual(svg, { ok: false, reason: 'ce n’est pas une image PNG, JPEG ou WebP' });
    const huge = await logos.fetchAndStore(`${origin}/grand.png`, { allowPrivateHosts: true });
    assert.deepEqual(huge, { ok: false, reason: 'image de plus de 500 Ko' });
    const local = await logos.fetchAndStore(`${origin}/logo.png`);
    assert.deepEqual(local, { ok: false, reason: 'adresse d’un réseau privé' });
    assert.equal(await logos.pathFor(`${origin}/logo.svg`), null);
    assert.equal(await logos.pathFor(`${origin}/grand.png`), null);
    const missing = await world.anonymous.get(`/bibliotheque/logos/${'0'.repeat(64)}.png`);
    assert.equal(missing.statusCode, 404);
  });

  test('a name that resolves to a private address (IPv4-mapped IPv6 included) is refused before any connection', async () => {
    const logos = libraryOf(app()).logos;
    const before = seen.length;
    for (const address of ['127.0.0.1', '::ffff:127.0.0.1', '::ffff:7f00:1', '10.0.0.8', 'fd00::1', 'fe80::1']) {
      const resolve = stubResolver(address);
      const result = await logos.fetchAndStore(`http://logos.exemple.test:${port}/logo.png`, { resolve });
      assert.deepEqual(result, { ok: false, reason: 'adresse d’un réseau privé' }, address);
      assert.equal(resolve.calls, 1);
    }
    assert.equal(seen.length, before, 'the local site received no request');
  });

  test('the host is resolved once and the connection goes to that address, whatever a second resolution says', async () => {
    const logos = libraryOf(app()).logos;
    // First answer: the local site (allowed for this test only); any later answer: an address that must never be
    // reached. A fetch that resolved the name again would connect there, or fail.
    const resolve = stubResolver('127.0.0.1', '10.255.255.1');
    const allowed = (address: string) => address === '127.0.0.1';
    const result = await logos.fetchAndStore(`http://logos.exemple.test:${port}/autre.png`, { resolve, allowed });
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(resolve.calls, 1);
    // The name does not exist: only the pinned address can have reached the site; the request still names the host.
    assert.deepEqual(seen.at(-1), { path: '/autre.png', host: `logos.exemple.test:${port}` });
  });

  test('a redirection is not followed', async () => {
    const logos = libraryOf(app()).logos;
    const before = seen.length;
    const result = await logos.fetchAndStore(`${origin}/ailleurs`, { allowPrivateHosts: true });
    assert.deepEqual(result, { ok: false, reason: 'redirection refusée' });
    assert.deepEqual(
      seen.slice(before).map((s) => s.path),
      ['/ailleurs'],
    );
    assert.equal(await logos.pathFor(`${origin}/ailleurs`), null);
  });

  test('the sheet page and the library list show the stored logo as an image, never the other site’s address', async () => {
    const library = libraryOf(app());
    const logoUrl = `${origin}/logo.png`;
    // The sheet's logo field holds the address (as an import would keep it); the server fetched the image.
    const row = await library.reading.findUseCase(world.published.id);
    await app()
      .server.platform.db.updateTable('use_cases')
      .set({ content: JSON.stringify({ ...row!.content, logoUrl }) })
      .where('id', '=', world.published.id)
      .execute();
    const page = await world.anonymous.get(world.published.path);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<img src="\/bibliotheque\/logos\/[0-9a-f]{64}\.png" alt="Logo du projet"/);
    assert.doesNotMatch(page.body, /src="http:\/\/127\.0\.0\.1/);
    const file = (await library.logos.pathFor(logoUrl))!;
    // In the list the logo is decorative (the authority is named beside it): empty alternative text.
    const list = await world.anonymous.get('/bibliotheque?q=cantines');
    assert.equal(list.statusCode, 200);
    const card = list.body.slice(list.body.indexOf('class="card sheet-card"'));
    // Preact writes an empty attribute without its value: `alt` is `alt=""`.
    assert.ok(
      card.startsWith(`class="card sheet-card"><img src="${file}" alt class="sheet-card-logo"`),
      card.slice(0, 200),
    );
    assert.doesNotMatch(list.body, /src="http:\/\/127\.0\.0\.1/);
  });

  test('the logos not yet stored are queued again, once each; the stored ones are not', async () => {
    const library = libraryOf(app());
    const db = app().server.platform.db;
    // The published sheet's logo is stored (previous test); another sheet names an address never fetched.
    const other = await library.writing.create(world.writer, world.orgId, { title: 'Autre fiche' });
    const never = `${origin}/jamais-recupere.png`;
    const row = await library.reading.findUseCase(other.id);
    await db
      .updateTable('use_cases')
      .set({ content: JSON.stringify({ ...row!.content, logoUrl: never }) })
      .where('id', '=', other.id)
      .execute();
    await db.deleteFrom('jobs').where('type', '=', 'library.fetch_logo').execute();
    const result = await library.logos.queueMissing();
    assert.deepEqual(result, { addresses: 2, queued: 1 });
    const queued = await db.selectFrom('jobs').select('payload').where('type', '=', 'library.fetch_logo').execute();
    assert.deepEqual(
      queued.map((j) => JSON.parse(String(j.payload)).url),
      [never],
    );
    assert.deepEqual(await library.logos.queueMissing(), { addresses: 2, queued: 1 });
    assert.equal(
      (await db.selectFrom('jobs').select('id').where('type', '=', 'library.fetch_logo').execute()).length,
      1,
      'queued once: the job is unique per address',
    );
  });

  test('saving a sheet with a new logo address queues the server’s fetch', async () => {
    const path = world.published.path;
    const form = await world.member.get(`${path}/modifier/projet`);
    const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
    const saved = await world.member.post(`${path}/modifier/projet`, {
      version,
      title: 'Prévision de la fréquentation des cantines',
      logoUrl: 'https://logos.exemple-collectivite.fr/cantines.png',
      suite: '1',
    });
    assert.equal(saved.statusCode, 302, saved.body.slice(0, 300));
    const jobs = await app()
      .server.platform.db.selectFrom('jobs')
      .select('payload')
      .where('type', '=', 'library.fetch_logo')
      .execute();
    assert.ok(jobs.some((j) => String(j.payload).includes('https://logos.exemple-collectivite.fr/cantines.png')));
  });
});

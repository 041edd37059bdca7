// Sheets' logos are fetched by the server from the address given (a local HTTP server here, never the internet),
// checked (at most 500 KB, PNG / JPEG / WebP by their first bytes; SVG refused) and served from our own address with
// a content hash and immutable caching: the sheet page never hot-links another site.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { describeEachApp } from '../../../../test/helpers/app.ts';
import { libraryOf, readersWorld } from '../test-support.ts';

const PNG = Buffer.concat([
  Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'),
  Buffer.from('logo de la ville'),
]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
const HUGE = Buffer.concat([PNG, Buffer.alloc(600 * 1024)]);

let server: Server;
let origin = '';

before(async () => {
  server = createServer((req, res) => {
    const body = req.url === '/logo.png' ? PNG : req.url === '/logo.svg' ? SVG : req.url === '/grand.png' ? HUGE : null;
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': req.url === '/logo.svg' ? 'image/svg+xml' : 'image/png' }).end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((done) => server.close(() => done())));

describeEachApp('sheets’ logos: fetched once by the server, checked, served from here', (app) => {
  let world: Awaited<ReturnType<typeof readersWorld>>;

  test('setup', async () => {
    world = await readersWorld(app());
  });

  test('a PNG logo is kept and served by its content hash, cached for good', async () => {
    const logos = libraryOf(app()).logos;
    const result = await logos.fetchAndStore(`${origin}/logo.png`, { allowPrivateHosts: true });
    assert.ok(result.ok, JSON.stringify(result));
    assert.match(result.file, /^[0-9a-f]{64}\.png$/);
    const path = await logos.pathFor(`${origin}/logo.png`);
    assert.equal(path, `/bibliotheque/logos/${result.file}`);
    const served = await world.anonymous.get(path!);
    assert.equal(served.statusCode, 200);
    assert.equal(served.headers['content-type'], 'image/png');
    assert.equal(served.headers['cache-control'], 'public, max-age=31536000, immutable');
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
    const missing = await world.anonymous.get(`/bibliotheque/logos/${'0'.repeat(64)}.png`);
    assert.equal(missing.statusCode, 404);
  });

  test('the sheet page shows the stored logo as an image, never the other site’s address', async () => {
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

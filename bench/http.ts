// HTTP throughput of the real `serve` process with demo content: home page and health check against the static
// stylesheet of the same server, measured in the same run (the ratio is what matters, not the machine).
import { get } from 'node:http';
import { join } from 'node:path';
import { assetUrl, loadAssets } from '../src/platform/http/assets.ts';
import { type BenchDialect, benchmark, compareThroughput, emptyDatabase, type Figure, startServe } from './lib.ts';

export default benchmark(import.meta.url, 'HTTP', async ({ dialects, quick, log }) => {
  const figures: Figure[] = [];
  const seconds = quick ? 2 : 10;
  for (const dialect of dialects) {
    const database = await emptyDatabase(dialect);
    try {
      const serve = await startServe({ databaseUrl: database.url, dataDir: database.dir });
      try {
        log(`${dialect} : ${serve.url}, ${seconds} s par route`);
        figures.push(
          ...(await compareThroughput({
            baseUrl: serve.url,
            page: '/',
            database: dialect,
            label: "page d'accueil",
            seconds,
          })),
        );
        figures.push(
          ...(
            await compareThroughput({ baseUrl: serve.url, page: '/healthz', database: dialect, label: 'JSON', seconds })
          ).slice(0, 1),
        );
        figures.push(...(await assetFigures(serve.url, dialect, seconds)));
        figures.push({
          measure: 'mémoire après la charge (RSS)',
          database: dialect,
          value: serve.rssMb(),
          unit: 'Mo',
          max: 300,
        });
      } finally {
        await serve.stop();
      }
    } finally {
      await database.dispose();
    }
  }
  return figures;
});

/**
 * Static assets against a dynamic page (issue 8, « Scale »): the stylesheet under its hashed name, compressed as a
 * browser asks (brotli), must serve at least as many requests per second as the library page; and the sizes sent
 * for the stylesheet, the main script and the library page, plain and compressed.
 */
async function assetFigures(baseUrl: string, database: BenchDialect, seconds: number): Promise<Figure[]> {
  const home = await (await fetch(`${baseUrl}/`)).text();
  const css = /href="(\/assets\/site-[0-9a-f]{10}\.css)"/.exec(home)?.[1];
  const js = /src="(\/assets\/enhance-[0-9a-f]{10}\.js)"/.exec(home)?.[1];
  if (!css || !js) throw new Error('la page d’accueil ne nomme pas les fichiers statiques par leur empreinte');
  const figures: Figure[] = [];
  const [cssFigure, pageFigure, ratio] = await compareThroughput({
    baseUrl,
    page: css,
    reference: '/bibliotheque',
    database,
    label: 'feuille de style (empreinte, brotli)',
    seconds,
    headers: { 'accept-encoding': 'br, gzip' },
    minRatio: 100,
  });
  figures.push(cssFigure!, { ...pageFigure!, measure: 'page de la bibliothèque /bibliotheque (brotli)' }, ratio!);
  // The largest island (the forms engine), under the name the server gives it (same files, same hash).
  loadAssets(join(process.cwd(), 'public', 'assets'));
  const island = assetUrl('/assets/forms.js');
  for (const [label, path] of [
    ['feuille de style', css],
    ['script commun', js],
    ['îlot des formulaires', island],
    ['page de la bibliothèque', '/bibliotheque'],
  ] as const) {
    const plain = await bytesSent(baseUrl + path, 'identity');
    const overOneKb = plain.bytes > 1024;
    for (const encoding of ['br', 'gzip'] as const) {
      const sent = await bytesSent(baseUrl + path, encoding);
      // The target: every text over 1 KB is sent compressed in the encoding asked for. A body sent in
      // another encoding (or none) counts as 100 %, so that the figure fails whatever its size.
      const compressed = sent.encoding === encoding;
      figures.push({
        measure: `${label} : taille envoyée en ${encoding} (${plain.bytes} octets sans compression)`,
        database,
        value: compressed ? Math.round((100 * sent.bytes) / plain.bytes) : 100,
        unit: '% du brut',
        max: overOneKb ? 99 : undefined,
        note: `${sent.bytes} octets, content-encoding ${sent.encoding ?? 'aucun'}${overOneKb ? '' : ' (1 Ko ou moins : envoyé tel quel)'}`,
      });
    }
  }
  return figures;
}

/** The bytes on the wire for one GET with this Accept-Encoding (node:http does not decode the body). */
function bytesSent(url: string, encoding: string): Promise<{ bytes: number; encoding: string | undefined }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': encoding } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      res.on('end', () => resolve({ bytes, encoding: res.headers['content-encoding'] }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

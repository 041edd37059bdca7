// Reading publiccode.yml files (our own test files): the French description first, the status from
// developmentStatus and maintenance, the licence as an SPDX identifier, contacts kept, everything else reported as
// not mapped; bad input (empty, not YAML, over 1 MB, nested too deep, a required key missing, a wrong url) is refused
// with a French message naming the problem.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { MAX_DEPTH, MAX_PUBLICCODE_BYTES, PubliccodeError, readPubliccode } from './publiccode.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

function refused(input: string | Buffer, message: RegExp, key: string | null = null) {
  assert.throws(
    () => readPubliccode(input),
    (e: unknown) => {
      assert.ok(e instanceof PubliccodeError, String(e));
      assert.match(e.message, message);
      assert.equal(e.key, key);
      return true;
    },
  );
}

describe('publiccode.yml reading', () => {
  test('a complete file: French description, documentation, licence, « maintenu », contacts, the rest reported', () => {
    const r = readPubliccode(fixture('complete.publiccode.yml'));
    assert.equal(r.entry.name, 'Lecteur de délibérations');
    assert.match(r.entry.summary, /^Chaîne de traitement qui extrait le texte des délibérations scannées/);
    assert.equal(r.entry.repositoryUrl, 'https://depot.exemple.fr/ville/lecteur-deliberations.git');
    assert.equal(r.entry.documentationUrl, 'https://docs.exemple.fr/lecteur');
    assert.equal(r.entry.downloadUrl, 'https://lecteur.exemple.fr');
    assert.equal(r.entry.licence, 'EUPL-1.2');
    assert.equal(r.entry.status, 'maintained');
    assert.deepEqual(r.entry.contacts, [{ name: 'Camille Exemple', email: 'camille.exemple@fictiveville.fr' }]);
    for (const key of ['name', 'url', 'legal.license', 'developmentStatus', 'maintenance.type', 'maintenance.contacts'])
      assert.ok(r.mapped.includes(key), key);
    for (const key of ['softwareVersion', 'releaseDate', 'platforms', 'categories', 'localisation.localisationReady'])
      assert.ok(r.notMapped.includes(key), `${key} in ${r.notMapped.join(' | ')}`);
    assert.ok(r.notMapped.includes('description.fr.features'));
    assert.ok(r.notMapped.includes('description.en.longDescription'), 'the English text is reported, not used');
    assert.ok(r.notMapped.some((n) => n.startsWith('legal.repoOwner : « Ville de Fictiveville »')));
  });

  test('a partial file: Italian description when no French one, beta is « en construction », expression reported', () => {
    const r = readPubliccode(fixture('partial.publiccode.yml'));
    assert.equal(r.entry.summary, 'Modello di previsione dei consumi di acqua.');
    assert.equal(r.entry.status, 'building');
    assert.equal(r.entry.licence, null);
    assert.ok(r.notMapped.some((n) => /legal.license : « MIT OR Apache-2.0 »/.test(n)));
    assert.deepEqual(r.entry.contacts, []);
  });

  test('bad input: a clear French message naming the problem', () => {
    refused('', /est vide/);
    refused(Buffer.from([0x6e, 0x61, 0x00, 0x6d]), /caractères nuls/);
    refused('name: [unclosed\nurl: x', /n’est pas du YAML valide \(ligne \d+, colonne \d+\)/);
    refused('name: a\nname: b\n', /une clé apparaît deux fois/);
    refused('- juste\n- une liste\n', /doit commencer par des clés/);
    refused(
      `publiccodeYmlVersion: "0.4"\nname: X\nurl: https://a.fr\n# ${'x'.repeat(MAX_PUBLICCODE_BYTES)}`,
      /1 Mo au plus/,
    );
    let nested = 'v';
    for (let i = 0; i < MAX_DEPTH + 2; i++) nested = `{ a: ${nested} }`;
    refused(
      `publiccodeYmlVersion: "0.4"\nname: X\nurl: https://a.fr\nextra: ${nested}\n`,
      /imbriqué sur plus de 20 niveaux/,
    );
    refused(
      'name: X\nurl: https://a.fr\n',
      /La clé obligatoire « publiccodeYmlVersion » manque/,
      'publiccodeYmlVersion',
    );
    refused('publiccodeYmlVersion: "0.4"\nurl: https://a.fr\n', /La clé obligatoire « name » manque/, 'name');
    refused('publiccodeYmlVersion: "0.4"\nname: X\n', /La clé obligatoire « url » manque/, 'url');
    refused('publiccodeYmlVersion: "0.4"\nname: X\nurl: ftp://a.fr\n', /url.*https:\/\//, 'url');
    refused('publiccodeYmlVersion: "0.4"\nname: [1, 2]\nurl: https://a.fr\n', /« name » doit être un texte/, 'name');
  });

  test('aliases are limited (a « billion laughs » file is refused)', () => {
    const lines = ['publiccodeYmlVersion: "0.4"', 'name: X', 'url: https://a.fr', 'a: &a [x, x, x, x, x, x, x, x, x]'];
    let prev = 'a';
    for (const n of ['b', 'c', 'd', 'e', 'f', 'g']) {
      lines.push(
        `${n}: &${n} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`,
      );
      prev = n;
    }
    refused(`${lines.join('\n')}\n`, /trop d’alias|imbriqué/);
  });
});

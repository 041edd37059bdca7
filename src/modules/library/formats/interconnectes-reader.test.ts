import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseInterconnectes } from './interconnectes.ts';

const HEADER = 'Nom_collectivite,Nom_du_projet,SIRET,Statut_du_projet,URL_Service,Date_de_demarrage';
const LONG = 'Analyse automatique des délibérations du conseil communautaire pour la commission des finances, volet';

describe('Interconnectés reading: integrity of what is imported', () => {
  it('refuses link values with another scheme than http(s), keeps plain words as text, with the line of each', () => {
    const csv = [
      HEADER,
      'Ville A,Projet 1,21750001600019,En déploiement,javascript:alert(1),01/2024',
      'Ville A,Projet 2,21750001600019,En déploiement," JaVaScRiPt:alert(1)",01/2024',
      'Ville A,Projet 3,21750001600019,En déploiement,data:text/html;base64,01/2024',
      'Ville A,Projet 4,21750001600019,En déploiement,//evil.example/x,01/2024',
      'Ville A,Projet 5,21750001600019,En déploiement,accès interne uniquement,01/2024',
      'Ville A,Projet 6,21750001600019,En déploiement,https://exemple.fr/service,01/2024',
    ].join('\n');
    const parsed = parseInterconnectes(csv);
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(
      parsed.records.map((r) => r.content.serviceUrl),
      [null, null, null, null, 'accès interne uniquement', 'https://exemple.fr/service'],
    );
    const refused = parsed.warnings.filter((w) => w.message.startsWith('Adresse refusée'));
    assert.deepEqual(
      refused.map((w) => [w.line, w.column]),
      [
        [2, 'URL_Service'],
        [3, 'URL_Service'],
        [4, 'URL_Service'],
        [5, 'URL_Service'],
      ],
    );
  });

  for (const [name, eol] of [
    ['CRLF', '\r\n'],
    ['LF', '\n'],
    ['CR alone', '\r'],
  ] as const) {
    it(`gives each warning and error the line of its row with ${name} line ends and multi-line cells`, () => {
      const csv = [
        HEADER,
        `Ville A,"Projet${eol}sur deux lignes",21750001600019,En déploiement,https://exemple.fr,01/2024`,
        'Ville A,Projet 2,21750001600019,En déploiement,pas de lien,01/2024',
        'Ville A,Projet 3,21750001600019,Statut inventé,https://exemple.fr,01/2024',
      ].join(eol);
      const parsed = parseInterconnectes(csv);
      assert.deepEqual(
        parsed.warnings.map((w) => w.line),
        [4],
      );
      assert.deepEqual(
        parsed.errors.map((e) => [e.line, e.column]),
        [[5, 'Statut_du_projet']],
      );
    });
  }

  it('keys a project by its whole normalised name: long names that differ near the end are two use cases', () => {
    const csv = [
      HEADER,
      `Ville A,"${LONG} 2023",21750001600019,En déploiement,,01/2024`,
      `Ville A,"${LONG} 2024",21750001600019,En déploiement,,01/2024`,
    ].join('\n');
    const parsed = parseInterconnectes(csv);
    assert.deepEqual(parsed.errors, []);
    assert.equal(parsed.records.length, 2);
    assert.notEqual(parsed.records[0]!.externalKey, parsed.records[1]!.externalKey);
    // The key earlier versions gave (name cut at 80 characters) is kept, so that a re-import updates those use cases.
    assert.equal(parsed.records[0]!.legacyKey, parsed.records[1]!.legacyKey);
  });

  it('still refuses the same project twice for one SIRET, naming the first line', () => {
    const csv = [
      HEADER,
      'Ville A,Projet 1,21750001600019,En déploiement,,',
      'Ville A,Projet 1,21750001600019,En déploiement,,',
    ];
    const parsed = parseInterconnectes(csv.join('\n'));
    assert.deepEqual(parsed.errors, [
      { line: 3, column: null, message: 'Doublon : même SIRET et même nom de projet qu’à la ligne 2.' },
    ]);
  });
});

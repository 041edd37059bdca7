import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FIELDS } from '../fields.ts';
import { sampleRecord } from '../fixtures.ts';
import { ANONYMOUS, present, withDefaults } from '../model.ts';
import {
  ATS_DOMAINS,
  ATS_VERSION,
  atsAlgorithmType,
  atsDomain,
  atsRegistration,
  exportAts,
  shortDescription,
  stableUuid,
} from './ats.ts';

const sheetUrl = (s: { slug: string }) => `https://bibliotheque.exemple.fr/fiches/${s.slug}`;

describe('Eurocities ATS export', () => {
  const record = sampleRecord();
  const registration = atsRegistration(present(record, ANONYMOUS)!, { sheetUrl });

  it('uses the standard’s attribute names and vocabularies', () => {
    assert.equal(registration.standard_version, ATS_VERSION);
    assert.equal(registration.lang, 'fr');
    assert.equal(registration.name, 'Valeur m7:title');
    assert.equal(registration.organization, 'Métropole de Lyon');
    assert.equal(registration.country, 'France');
    assert.equal(registration.website, 'https://bibliotheque.exemple.fr/fiches/prevision-des-repas');
    assert.equal(registration.status, 'retired'); // abandoned
    assert.ok(['minimal risk', 'limited risk', 'high risk', 'unacceptable'].includes(registration.risk_category!));
    assert.ok((ATS_DOMAINS as readonly string[]).includes(registration.domain!));
    assert.equal(registration.publication_date, '2025-02-01');
    assert.equal(registration.revision_date, '2026-06-30');
    assert.match(registration.uuid!, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(registration.description_short, 'Valeur m7:summary');
  });

  it('joins the texts of the fields that feed one attribute', () => {
    assert.equal(registration.goal, 'Valeur m7:description\n\nValeur m7:goal');
    assert.match(registration.human_intervention!, /^Aide à la décision : .*\n\nValeur m7:humanOversight$/s);
    assert.equal(registration.objection_procedure, 'Valeur m7:objectionProcedure');
    assert.equal(registration.rollback, 'Valeur m7:reversibility');
    assert.equal(registration.lawful_basis, 'Valeur m7:legalBasis');
  });

  it('publishes no restricted value', () => {
    const json = JSON.stringify(registration);
    for (const f of FIELDS) {
      if (f.access !== 'public') assert.ok(!json.includes(`m7:${f.key}`), `${f.key} publié`);
    }
    assert.equal(registration.contact_email, undefined);
    assert.equal(registration.DPIA_url, undefined);
  });

  it('refuses restricted presentations unless asked', () => {
    const asAdmin = present(record, { kind: 'admin', userId: 1 })!;
    assert.throws(() => exportAts([asAdmin], { sheetUrl, generatedAt: '2025-01-01T00:00:00Z' }), /visiteur anonyme/);
    const internal = exportAts([asAdmin], { sheetUrl, generatedAt: '2025-01-01T00:00:00Z', allowRestricted: true });
    assert.equal(internal.registrations[0]!.contact_email, 'contactemail.m7@exemple-collectivite.fr');
  });

  it('wraps registrations with the standard’s name and version', () => {
    const all = exportAts([present(record, ANONYMOUS)!], { sheetUrl, generatedAt: '2025-01-01T00:00:00Z' });
    assert.equal(all.standard_version, '0.3.1');
    assert.equal(all.registrations.length, 1);
  });
});

describe('ATS mappings', () => {
  it('derives the domain from the sub-theme, else the theme', () => {
    assert.equal(atsDomain(withDefaults({ theme: 'mobility' })), 'traffic and transportation');
    assert.equal(atsDomain(withDefaults({ theme: 'citizenship', subThemes: ['education'] })), 'education and science');
    assert.equal(atsDomain(withDefaults({})), null);
  });
  it('derives the algorithm type from the techniques', () => {
    assert.equal(atsAlgorithmType(['machine_learning']), 'self-learning');
    assert.equal(atsAlgorithmType(['knowledge_reasoning']), 'rule-based');
    assert.equal(atsAlgorithmType(['nlp', 'planning_optimisation']), 'hybrid');
    assert.equal(atsAlgorithmType([]), null);
  });
  it('shortens descriptions on a word, to 150 characters', () => {
    const long = 'mot '.repeat(60);
    const short = shortDescription(long);
    assert.ok(short.length <= 150);
    assert.ok(short.endsWith('mot…'));
  });
  it('gives stable UUIDs', () => {
    assert.equal(stableUuid('a'), stableUuid('a'));
    assert.notEqual(stableUuid('a'), stableUuid('b'));
  });
});

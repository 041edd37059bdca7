// Challenges found and read from outside, on both databases: the catalogue page and the API with facets (stage,
// theme, commons category, participating organisation type, open to join) and French text search; the open-data CSV
// and JSON; the Atom feed of news and stages; a challenge's calendar of milestones as a calendar application reads it
// (ical.js); the OpenAPI document; « Contacter l'équipe » reaching the leads' editors without showing any address.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import ICAL from 'ical.js';
import { describeEachApp, type TestAgent } from '../../../test/helpers/app.ts';
import { manualClock } from '../../platform/clock.ts';
import { challengeForm, challengeIdIn } from './test-support.ts';

describeEachApp(
  'challenges: catalogue, API, open data, feed, calendar and contact',
  (app) => {
    let orgA: number;
    let lab: number;
    let editorA: TestAgent;
    let editorLab: TestAgent;
    let coordinator: TestAgent;
    let visitor: TestAgent;
    let pools: number;
    let deeds: number;

    before(async () => {
      orgA = await app().createOrganisation({ name: 'Ville des Sources', type: 'commune', siren: '213502388' });
      lab = await app().createOrganisation({ name: 'Laboratoire des données publiques', type: 'laboratoire_etat' });
      editorA = await app().signedIn({
        email: 'resp@sources.fr',
        memberships: [{ organisationId: orgA, role: 'editor' }],
      });
      editorLab = await app().signedIn({
        email: 'resp@labo.gouv.fr',
        memberships: [{ organisationId: lab, role: 'editor' }],
      });
      coordinator = await app().signedIn({ email: 'coord@reseau.fr', role: 'coordinator' });
      visitor = app().agent();
      pools = challengeIdIn(
        (
          await editorA.post(
            '/defis/nouveau',
            challengeForm({
              porte_par: String(orgA),
              date_limite: '2026-04-30',
              cadrage_prevu: '2026-05-04',
              realisation_prevue: '2026-09-01',
              publication_prevue: '2027-03-01',
            }),
          )
        ).headers.location,
      );
      assert.equal(
        (await editorLab.post(`/defis/${pools}/participer`, { organisme: String(lab), apport: 'Méthode' })).statusCode,
        302,
      );
      deeds = challengeIdIn(
        (
          await coordinator.post(
            '/defis/nouveau',
            challengeForm({
              porte_par: '',
              titre: 'Lire les délibérations numérisées',
              besoin: 'Les registres anciens n’existent qu’en image ; il faut en extraire le texte.',
              categorie: 'text_extraction',
              themes: ['administration'],
            }),
          )
        ).headers.location,
      );
      app().clock.advance({ days: 2 });
      assert.equal(
        (await coordinator.post(`/defis/${deeds}/etape`, { etape: 'abandoned', motif: 'Aucun porteur.' })).statusCode,
        302,
      );
      app().clock.advance({ hours: 1 });
      assert.equal(
        (await editorA.post(`/defis/${pools}/actualites`, { titre: 'Réunion de lancement', texte: 'Le 10 mars.' }))
          .statusCode,
        302,
      );
    });

    test('the API searches by text and facets, with counts; a missing challenge is a JSON 404', async () => {
      const all = (await visitor.get('/api/v1/challenges')).json();
      assert.equal(all.total, 2);
      const count = (facet: string) =>
        Object.fromEntries(all.facets[facet].map((f: { code: string; count: number }) => [f.code, f.count]));
      assert.deepEqual(count('etape'), { call_for_interest: 1, abandoned: 1 });
      assert.deepEqual(count('categorie'), { forecasting: 1, text_extraction: 1 });
      assert.deepEqual(count('participant'), { commune: 1, laboratoire_etat: 1 });
      assert.deepEqual(count('inscriptions'), { ouvertes: 1, closes: 1 });
      const byText = (await visitor.get('/api/v1/challenges?q=délibération')).json();
      assert.deepEqual(
        byText.items.map((i: { id: number }) => i.id),
        [deeds],
      );
      const labs = (await visitor.get('/api/v1/challenges?participant=laboratoire_etat')).json();
      assert.deepEqual(
        labs.items.map((i: { id: number }) => i.id),
        [pools],
      );
      const open = (await visitor.get('/api/v1/challenges?inscriptions=ouvertes&etape=call_for_interest')).json();
      assert.deepEqual(
        open.items.map((i: { id: number; open_to_join: boolean }) => [i.id, i.open_to_join]),
        [[pools, true]],
      );
      const byTitle = (await visitor.get('/api/v1/challenges?tri=titre')).json();
      assert.deepEqual(
        byTitle.items.map((i: { id: number }) => i.id),
        [deeds, pools],
      );
      const one = (await visitor.get(`/api/v1/challenges/${deeds}`)).json();
      assert.equal(one.stage, 'abandoned');
      assert.equal(one.abandon_reason, 'Aucun porteur.');
      const missing = await visitor.get('/api/v1/challenges/999999');
      assert.equal(missing.statusCode, 404);
      assert.equal(typeof missing.json().error.message, 'string');
    });

    test('the catalogue page: facets, results, the empty state', async () => {
      const page = await visitor.get('/defis?etape=abandoned');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h1>Défis<\/h1>/);
      assert.match(page.body, /1 défi</);
      assert.match(page.body, /Lire les délibérations numérisées/);
      assert.match(page.body, /Abandonné \(1\)/);
      assert.doesNotMatch(page.body, /Ouvrir un défi/, 'visitors are not offered to open one');
      assert.match((await editorA.get('/defis')).body, /href="\/defis\/nouveau"/);
      const empty = await visitor.get('/defis?q=zzzqqqxxx');
      assert.match(empty.body, /Aucun défi trouvé/);
      const detail = (await visitor.get(`/defis/${deeds}`)).body;
      assert.match(detail, /Abandonné<\/strong> \(étape actuelle\)[\s\S]*Pourquoi : Aucun porteur\./);
      assert.doesNotMatch(detail, /Commun publié<\/strong>/, 'an abandoned challenge shows no « commun publié » step');
    });

    test('open data: CSV (French spreadsheet and comma) and JSON, one row per challenge', async () => {
      const csv = await visitor.get('/defis/defis.csv');
      assert.equal(csv.statusCode, 200);
      assert.match(String(csv.headers['content-type']), /text\/csv/);
      assert.match(csv.body, /^\uFEFF?identifiant;titre;besoin;resultat_attendu/);
      assert.match(csv.body, /Prévoir la fréquentation des piscines;.*;2026-04-30;ouvertes;Appel à intérêt;/);
      assert.match(csv.body, /;Ville des Sources;;;Laboratoire des données publiques;/);
      assert.match((await visitor.get('/defis/defis.csv?separateur=virgule')).body, /^identifiant,titre,besoin/);
      const json = await visitor.get('/defis/defis.json');
      const items = JSON.parse(json.body).items;
      assert.deepEqual(items.map((i: { id: number }) => i.id).sort(), [pools, deeds].sort());
      assert.equal(items.find((i: { id: number }) => i.id === pools).news[0].title, 'Réunion de lancement');
    });

    test('the Atom feed lists news and stages, newest first', async () => {
      const feed = await visitor.get('/defis/flux.atom');
      assert.equal(feed.statusCode, 200);
      assert.match(String(feed.headers['content-type']), /application\/atom\+xml/);
      const titles = [...feed.body.matchAll(/<entry>\s*<id>[^<]*<\/id>\s*<title>([^<]*)<\/title>/g)].map((m) => m[1]);
      assert.equal(titles[0], 'Prévoir la fréquentation des piscines : Réunion de lancement');
      assert.ok(titles.includes('Lire les délibérations numérisées : étape « Abandonné »'));
      assert.ok(titles.includes('Prévoir la fréquentation des piscines : étape « Appel à intérêt »'));
    });

    test('the calendar of milestones: deadline, stages reached, planned dates, as ical.js reads it', async () => {
      const res = await visitor.get(`/defis/${pools}/calendrier.ics`);
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /text\/calendar/);
      const calendar = new ICAL.Component(ICAL.parse(res.body));
      const zone = calendar.getFirstSubcomponent('vtimezone');
      if (zone) ICAL.TimezoneService.register(zone);
      const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
      const byUid = Object.fromEntries(events.map((e) => [e.uid.split('@')[0], e]));
      assert.deepEqual(Object.keys(byUid).sort(), [
        `defi-date-limite-${pools}`,
        `defi-etape-call-for-interest-${pools}`,
        `defi-prevu-building-${pools}`,
        `defi-prevu-published-${pools}`,
        `defi-prevu-scoping-${pools}`,
      ]);
      const deadline = byUid[`defi-date-limite-${pools}`]!;
      assert.equal(deadline.summary, 'Dernier jour pour rejoindre le défi « Prévoir la fréquentation des piscines »');
      assert.equal(deadline.startDate.toString(), '2026-04-30');
      assert.ok(deadline.startDate.isDate, 'an all-day event');
      const stage = byUid[`defi-etape-call-for-interest-${pools}`]!;
      assert.equal(stage.startDate.toJSDate().toISOString(), '2026-03-01T09:00:00.000Z');
      assert.equal(byUid[`defi-prevu-published-${pools}`]!.startDate.toString(), '2027-03-01');
      assert.equal((await visitor.get('/defis/999999/calendrier.ics')).statusCode, 404);
    });

    test('the OpenAPI document describes the challenges API under its tag', async () => {
      const doc = (await visitor.get('/api/openapi.json')).json();
      assert.deepEqual(doc.paths['/api/v1/challenges'].get.tags, ['challenges']);
      assert.ok(doc.paths['/api/v1/challenges/{id}']?.get);
      assert.ok(doc.tags.some((t: { name: string }) => t.name === 'challenges'));
    });

    test('« Contacter l’équipe » writes to the leads’ editors, reply-to the sender, no address shown', async () => {
      const writer = await app().signedIn({ email: 'curieuse@ailleurs.fr' });
      const form = await writer.get(`/defis/${pools}/contacter`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /les responsables de Ville des Sources/);
      assert.doesNotMatch(form.body, /resp@sources\.fr/);
      const empty = await writer.post(`/defis/${pools}/contacter`, { objet: '', message: '' });
      assert.equal(empty.statusCode, 422);
      assert.match(empty.body, /Saisissez l’objet de votre message/);
      const sent = await writer.post(`/defis/${pools}/contacter`, {
        objet: 'Nos données de fréquentation',
        message: 'Nous avons cinq ans de comptages à partager avec le défi.',
        site_web: '',
      });
      assert.equal(sent.statusCode, 302);
      assert.equal((await visitor.get(`/defis/${pools}/contacter`)).statusCode, 302, 'visitors sign in first');
      await app().server.runJobs();
      const mail = app()
        .outbox()
        .find((m) => m.subject.includes('Nos données de fréquentation'));
      assert.ok(mail);
      assert.deepEqual(mail.to, ['resp@sources.fr']);
      assert.equal(mail.replyTo, 'curieuse@ailleurs.fr');
    });
  },
  {},
  { clock: () => manualClock('2026-03-01T09:00:00Z') },
);

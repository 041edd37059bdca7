// Pooling (issue 12, point 3), on both databases: suggestions computed by the job from the published sheets of a
// fixed corpus (the same groups, labels and order every time; only published sheets; only groups spanning two
// authorities), the API's shape and order, the page, « Nous faisons pareil » (who may, refusals in French, who sees
// it, withdrawal, audit, fed into the suggestions), a challenge opened from a suggestion by coordinators only, and
// the person's data (export, erasure).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachApp, type TestAgent, type TestApp } from '../../../test/helpers/app.ts';
import { manualClock } from '../../platform/clock.ts';
import { filledContent } from '../library/index.ts';
import { POOLING_CORPUS } from './model/corpus.fixture.ts';
import { createPoolingStore } from './store.ts';

type Item = { id: number; label: string; useCaseIds: number[]; authorityIds: number[]; score: number };

/** A published sheet with the words of a corpus sheet, submitted by `member`, published by `coordinator`. */
async function publish(
  app: TestApp,
  organisationId: number,
  member: TestAgent,
  coordinator: TestAgent | null,
  s: (typeof POOLING_CORPUS)[number],
): Promise<number> {
  const library = app.server.modules.services.library;
  const content = {
    ...filledContent(`p${s.id}x`),
    title: s.title,
    summary: s.description,
    description: s.description,
    goal: s.description,
    algorithmName: s.technique || 'Modèle',
    algorithmDescription: s.technique || 'Modèle',
    dataSourceDetails: s.data || 'Données internes',
    subThemes: [],
    commonsCategory: s.commonsCategory as never,
  };
  const { id } = await library.createDraft({ organisationId, content, actorUserId: null, source: 'test' });
  if (!coordinator) return id;
  const row = (await library.findUseCase(id))!;
  const submitted = await member.post(`/bibliotheque/${id}/action`, { action: 'submit', version: String(row.version) });
  assert.equal(submitted.statusCode, 302, submitted.body.slice(0, 300));
  const after = (await library.findUseCase(id))!;
  const published = await coordinator.post(`/bibliotheque/${id}/action`, {
    action: 'publish',
    version: String(after.version),
  });
  assert.equal(published.statusCode, 302, published.body.slice(0, 300));
  return id;
}

describeEachApp(
  'pooling: suggestions and « Nous faisons pareil »',
  (app) => {
    /** Corpus sheet id → sheet id in this database, and back. */
    const sheetOf = new Map<number, number>();
    const corpusOf = new Map<number, number>();
    const orgOf = new Map<number, number>();
    const editors = new Map<number, TestAgent>();
    let coordinator: TestAgent;
    let outsider: TestAgent;
    let outsiderColleague: TestAgent;
    let outsiderOrg: number;
    let outsiderId: number;

    // The event's job queues the computation at the end of the current 30-second window.
    const runJobs = async () => {
      await app().server.runJobs();
      app().clock.advance({ seconds: 31 });
      await app().server.runJobs();
    };
    const items = async (): Promise<Item[]> => {
      const res = await app().agent().get('/api/v1/pooling-suggestions');
      assert.equal(res.statusCode, 200);
      return JSON.parse(res.body).items;
    };
    const asCorpus = (list: Item[]) => list.map((i) => i.useCaseIds.map((id) => corpusOf.get(id)));

    before(async () => {
      coordinator = await app().signedIn({ email: 'coord@mutualisation.fr', role: 'coordinator' });
      for (const authority of [...new Set(POOLING_CORPUS.map((s) => s.authorityId))]) {
        const id = await app().createOrganisation({ name: `Commune n° ${authority}`, type: 'commune' });
        orgOf.set(authority, id);
        editors.set(
          authority,
          await app().signedIn({
            email: `responsable${authority}@mutualisation.fr`,
            memberships: [{ organisationId: id, role: 'editor' }],
          }),
        );
      }
      for (const s of POOLING_CORPUS) {
        const id = await publish(app(), orgOf.get(s.authorityId)!, editors.get(s.authorityId)!, coordinator, s);
        sheetOf.set(s.id, id);
        corpusOf.set(id, s.id);
      }
      // A draft on the same subject as the leaks, by yet another authority: never in a suggestion.
      const draftOrg = await app().createOrganisation({ name: 'Commune au brouillon', type: 'commune' });
      const draftEditor = await app().signedIn({
        email: 'brouillon@mutualisation.fr',
        memberships: [{ organisationId: draftOrg, role: 'editor' }],
      });
      const draft = await publish(app(), draftOrg, draftEditor, null, { ...POOLING_CORPUS[0]!, id: 99 });
      corpusOf.set(draft, 99);
      outsiderOrg = await app().createOrganisation({ name: 'Ville Curieuse', type: 'commune' });
      outsider = await app().signedIn({
        email: 'agent@curieuse.fr',
        memberships: [{ organisationId: outsiderOrg, role: 'member' }],
      });
      outsiderColleague = await app().signedIn({
        email: 'collegue@curieuse.fr',
        memberships: [{ organisationId: outsiderOrg, role: 'member' }],
      });
      outsiderId = (await app().server.modules.services.accounts.findUserByEmail('agent@curieuse.fr'))!.id;
    });

    test('before any computation, the API answers an empty list and the page says so', async () => {
      assert.deepEqual(await items(), []);
      const page = await app().agent().get('/mutualisation/suggestions');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /pas encore été calculées/);
    });

    test('the job, queued by publishing, groups the published sheets of different authorities on the same subject', async () => {
      await runJobs();
      const list = await items();
      const groups = asCorpus(list).map((ids) => [...ids].sort((a, b) => a! - b!));
      assert.deepEqual(
        [...groups].sort((a, b) => a[0]! - b[0]!),
        [
          [1, 2, 3],
          [4, 5],
          [6, 7],
        ],
      );
      for (const item of list) {
        assert.deepEqual(Object.keys(item).sort(), ['authorityIds', 'id', 'label', 'score', 'useCaseIds']);
        assert.ok(item.authorityIds.length >= 2);
        assert.equal(item.id, Math.min(...item.useCaseIds));
      }
      const scores = list.map((i) => i.score);
      assert.deepEqual(
        scores,
        [...scores].sort((a, b) => b - a),
      );
      const water = list.find((i) => i.useCaseIds.includes(sheetOf.get(1)!))!;
      assert.match(water.label, /fuites/i);
      assert.deepEqual(
        water.authorityIds,
        [orgOf.get(10), orgOf.get(11), orgOf.get(12)].sort((a, b) => a! - b!),
      );
    });

    test('computing again gives the same suggestions (ids, labels, scores, order)', async () => {
      const first = await items();
      const pooling = app().server.modules.definitions.find((d) => d.name === 'pooling')!;
      await pooling.commands!['pooling:compute']!.run({}, []);
      assert.deepEqual(await items(), first);
    });

    test('the page lists each group with its authorities and links to its sheets; only coordinators may open a challenge', async () => {
      const visitor = await app().agent().get('/mutualisation/suggestions');
      assert.equal(visitor.statusCode, 200);
      assert.match(visitor.body, /<h1>Suggestions de mutualisation<\/h1>/);
      assert.match(visitor.body, /Commune n° 10/);
      assert.ok(visitor.body.includes(`href="/bibliotheque/${sheetOf.get(1)}-`));
      assert.doesNotMatch(visitor.body, /Ouvrir un défi/);
      const coord = await coordinator.get('/mutualisation/suggestions');
      assert.match(coord.body, /Ouvrir un défi à partir de cette suggestion/);
    });

    test('« Ouvrir un défi à partir de cette suggestion » is for coordinators: it opens a prefilled challenge', async () => {
      const water = (await items()).find((i) => i.useCaseIds.includes(sheetOf.get(1)!))!;
      const refused = await editors.get(10)!.post(`/mutualisation/suggestions/${water.id}/defi`);
      assert.equal(refused.statusCode, 403);
      const res = await coordinator.post(`/mutualisation/suggestions/${water.id}/defi`);
      assert.equal(res.statusCode, 302, res.body.slice(0, 300));
      const challenge = await coordinator.get(res.headers.location as string);
      assert.equal(challenge.statusCode, 200);
      assert.match(challenge.body, /fuites/i);
      const gone = await coordinator.post('/mutualisation/suggestions/999999/defi');
      assert.equal(gone.statusCode, 404);
    });

    test('« Nous faisons pareil »: a visitor must sign in, the sheet’s own authority is refused in French', async () => {
      const sheet = sheetOf.get(10)!;
      const visitor = await app().agent().post(`/mutualisation/fiches/${sheet}/nous-faisons-pareil`, { note: '' });
      assert.equal(visitor.statusCode, 401);
      const page = await app().agent().get(`/bibliotheque/${sheet}`);
      assert.match(page.body, /Connectez-vous<\/a> pour le dire/);
      const own = await editors.get(16)!.post(`/mutualisation/fiches/${sheet}/nous-faisons-pareil`, { note: '' });
      assert.equal(own.statusCode, 403);
      assert.match(own.body, /celle de votre collectivité/);
    });

    test('a too long note is refused on the form page, nothing is saved', async () => {
      const sheet = sheetOf.get(10)!;
      const res = await outsider.post(`/mutualisation/fiches/${sheet}/nous-faisons-pareil`, { note: 'x'.repeat(281) });
      assert.equal(res.statusCode, 422);
      assert.match(res.body, /error-summary/);
      assert.match(res.body, /281 caractères : 280 au plus/);
      const store = createPoolingStore(app().server.platform.db);
      assert.equal((await store.interestsOnSheet(sheet)).length, 0);
    });

    test('a member of another authority records it once; it is audited and shown to the sheet’s authority and coordinators', async () => {
      const sheet = sheetOf.get(10)!;
      const res = await outsider.post(`/mutualisation/fiches/${sheet}/nous-faisons-pareil`, {
        note: 'Nous testons le même agent conversationnel depuis mars.',
      });
      assert.equal(res.statusCode, 302, res.body.slice(0, 300));
      assert.match(res.headers.location as string, /#mutualisation$/);
      const twice = await outsiderColleague.post(`/mutualisation/fiches/${sheet}/nous-faisons-pareil`, { note: '' });
      assert.equal(twice.statusCode, 409);
      assert.match(twice.body, /déjà dit faire pareil/);
      const audit = await app()
        .server.platform.db.selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'pooling.interest_recorded')
        .execute();
      assert.equal(audit.length, 1);
      assert.equal(Number(audit[0]!.actor_user_id), outsiderId);

      const owner = await editors.get(16)!.get(`/bibliotheque/${sheet}`);
      assert.match(owner.body, /Collectivités qui font pareil/);
      assert.match(owner.body, /Ville Curieuse/);
      assert.match(owner.body, /le même agent conversationnel/);
      const coord = await coordinator.get(`/bibliotheque/${sheet}`);
      assert.match(coord.body, /Ville Curieuse/);
      const visitor = await app().agent().get(`/bibliotheque/${sheet}`);
      assert.doesNotMatch(visitor.body, /Ville Curieuse/);
      const other = await editors.get(10)!.get(`/bibliotheque/${sheet}`);
      assert.doesNotMatch(other.body, /le même agent conversationnel/);
      const declarer = await outsider.get(`/bibliotheque/${sheet}`);
      assert.match(declarer.body, /Vous avez indiqué que Ville Curieuse fait pareil/);
      const space = await editors.get(16)!.get('/mon-espace');
      assert.match(space.body, /Collectivités qui font pareil que vos fiches/);
    });

    test('the interest links the interested authority to the sheet, as a suggestion of its own', async () => {
      await runJobs();
      const alone = (await items()).find((i) => i.useCaseIds.includes(sheetOf.get(10)!))!;
      assert.deepEqual(alone.useCaseIds, [sheetOf.get(10)]);
      assert.deepEqual(
        alone.authorityIds,
        [orgOf.get(16)!, outsiderOrg].sort((a, b) => a - b),
      );
    });

    test('the person’s interests are in their data export and lose their name and note when the account is erased', async () => {
      const store = createPoolingStore(app().server.platform.db);
      const exported = await store.byPerson(outsiderId);
      assert.equal(exported.interests.length, 1);
      assert.equal(exported.interests[0]!.note, 'Nous testons le même agent conversationnel depuis mars.');
      await app()
        .server.platform.db.transaction()
        .execute((trx) => store.erasePerson(outsiderId, trx));
      const [kept] = await store.interestsOnSheet(sheetOf.get(10)!);
      assert.equal(kept!.userId, null);
      assert.equal(kept!.note, null);
      assert.equal(kept!.organisationId, outsiderOrg);
    });

    test('withdrawing it (an editor of the interested authority or a coordinator) removes it from the suggestions', async () => {
      const [interest] = await createPoolingStore(app().server.platform.db).interestsOnSheet(sheetOf.get(10)!);
      const notAllowed = await editors.get(10)!.post(`/mutualisation/interets/${interest!.id}/retirer`);
      assert.equal(notAllowed.statusCode, 403);
      const res = await coordinator.post(`/mutualisation/interets/${interest!.id}/retirer`);
      assert.equal(res.statusCode, 302);
      await runJobs();
      assert.ok(!(await items()).some((i) => i.useCaseIds.includes(sheetOf.get(10)!)));
    });

    test('an archived sheet leaves its group at the next computation', async () => {
      const library = app().server.modules.services.library;
      const id = sheetOf.get(3)!;
      const row = (await library.findUseCase(id))!;
      const res = await editors.get(12)!.post(`/bibliotheque/${id}/action`, {
        action: 'archive',
        version: String(row.version),
        reason: 'Projet arrêté',
      });
      assert.equal(res.statusCode, 302, res.body.slice(0, 300));
      await runJobs();
      const water = (await items()).find((i) => i.useCaseIds.includes(sheetOf.get(1)!))!;
      assert.deepEqual(water.useCaseIds, [sheetOf.get(1), sheetOf.get(2)]);
    });
  },
  {},
  { clock: () => manualClock('2026-03-02T09:00:00Z') },
);

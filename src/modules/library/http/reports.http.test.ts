import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp } from '../../../../test/helpers/app.ts';
import { libraryOf, person, publishUseCase } from '../test-support.ts';

describeEachApp('handling an error report over HTTP', (app) => {
  test('a bad “retour” never gives a 500 after the report is marked handled: it is checked before acting', async () => {
    const library = libraryOf(app());
    const orgId = await app().createOrganisation({ name: 'Commune des Signalements', type: 'commune' });
    const editor = await person(app(), 'redaction@signalements.fr', 'user', [orgId], 'editor');
    const coordinator = await person(app(), 'coordination@signalements.fr', 'coordinator');
    const { id } = await publishUseCase(library, editor, coordinator, 'Une fiche signalée');
    const report = () => library.reports.report(null, id, { message: 'Le budget indiqué est faux.', email: '' });
    const agent = app().agent();
    await agent.signInAs(editor.email);

    const cases: [string, string][] = [
      // A character that cannot be written in a header as such: encoded, not a crash after the change.
      ['/bibliotheque/€', '/bibliotheque/%E2%82%AC'],
      // Control characters, other sites, other parts of the site: the list of reports.
      ['/bibliotheque/\u0007x', '/bibliotheque/signalements'],
      ['/bibliotheque/..//evil.example', '/bibliotheque/signalements'],
      ['//evil.example', '/bibliotheque/signalements'],
      ['/compte', '/bibliotheque/signalements'],
      ['/bibliotheque/signalements?etat=traites', '/bibliotheque/signalements?etat=traites'],
    ];
    for (const [retour, expected] of cases) {
      const reportId = await report();
      const res = await agent.post(`/bibliotheque/signalements/${reportId}/traite`, { retour });
      assert.equal(res.statusCode, 302, `${JSON.stringify(retour)} → ${res.statusCode}`);
      assert.equal(res.headers.location, expected, JSON.stringify(retour));
    }
    const handled = await library.reports.reports(editor, 'handled');
    assert.equal(handled.length, cases.length);
  });
});

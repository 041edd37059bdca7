/**
 * The import page of administrators: the form, then the report. A dry run says what « would be » done, with the same
 * counts as the real run, and names every body that would be created or recognised by its name only.
 */
import { Button, CsrfField, ErrorSummary } from '../../../platform/ui/components.tsx';
import type { ImportIssue } from '../model.ts';
import type { ImportReport } from '../services/import.ts';
import { Notice } from './common.tsx';

const LIMIT = 500;

function IssueTable({ issues, total, caption }: { issues: ImportIssue[]; total: number; caption: string }) {
  return (
    <div class="table-wrap">
      <table class="table">
        <caption>
          {caption} ({total.toLocaleString('fr-FR')}
          {total > Math.min(issues.length, LIMIT) ? `, les ${Math.min(issues.length, LIMIT)} premiers` : ''})
        </caption>
        <thead>
          <tr>
            <th scope="col">Ligne</th>
            <th scope="col">Colonne</th>
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody>
          {issues.slice(0, LIMIT).map((i) => (
            <tr>
              <td>{i.line}</td>
              <td>{i.column ?? '—'}</td>
              <td>{i.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Summary({ report }: { report: ImportReport }) {
  const would = report.dryRun;
  const w = (done: string, conditional: string) => (would ? conditional : done);
  return (
    <dl class="summary">
      <dt>Lignes lues</dt>
      <dd>{report.rows}</dd>
      <dt>Fiches {w('créées', 'qui seraient créées')}</dt>
      <dd>{report.created}</dd>
      <dt>Fiches {w('mises à jour', 'qui seraient mises à jour')}</dt>
      <dd>{report.updated}</dd>
      <dt>Fiches {w('inchangées', 'qui resteraient inchangées')}</dt>
      <dd>{report.unchanged}</dd>
      <dt>Fiches laissées à leur organisation</dt>
      <dd>{report.leftInPlaceCount}</dd>
      <dt>Organisations {w('reconnues', 'qui seraient reconnues')}</dt>
      <dd>{report.organisationsMatched}</dd>
      <dt>Organisations {w('créées', 'qui seraient créées')}</dt>
      <dd>{report.organisationsCreated}</dd>
      <dt>SIRET {w('gardés', 'qui seraient gardés')}</dt>
      <dd>{report.siretsKept}</dd>
      {report.resumedAfter > 0 && (
        <>
          <dt>Lignes déjà écrites par un import interrompu</dt>
          <dd>{report.resumedAfter}</dd>
        </>
      )}
      <dt>Durée</dt>
      <dd>{(report.ms / 1000).toLocaleString('fr-FR')} s</dd>
    </dl>
  );
}

function Bodies({ report }: { report: ImportReport }) {
  const would = report.dryRun;
  return (
    <>
      {report.newOrganisations.length > 0 && (
        <div class="table-wrap">
          <table class="table">
            <caption>{would ? 'Organisations qui seraient créées' : 'Organisations créées'}</caption>
            <thead>
              <tr>
                <th scope="col">Ligne</th>
                <th scope="col">Nom</th>
              </tr>
            </thead>
            <tbody>
              {report.newOrganisations.map((o) => (
                <tr>
                  <td>{o.line}</td>
                  <td>{would ? o.name : <a href={`/collectivites?q=${encodeURIComponent(o.name)}`}>{o.name}</a>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {report.approximateMatches.length > 0 && (
        <div class="table-wrap">
          <table class="table">
            <caption>Organisations reconnues par leur seul nom (à vérifier)</caption>
            <thead>
              <tr>
                <th scope="col">Ligne</th>
                <th scope="col">Dans le fichier</th>
                <th scope="col">Rattachée à</th>
                <th scope="col">Pourquoi</th>
              </tr>
            </thead>
            <tbody>
              {report.approximateMatches.map((m) => (
                <tr>
                  <td>{m.line}</td>
                  <td>{m.name}</td>
                  <td>{m.matchedName}</td>
                  <td>{m.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {report.leftInPlace.length > 0 && (
        <div class="table-wrap">
          <table class="table">
            <caption>
              Fiches laissées à leur organisation alors que le fichier en nomme une autre (cochez « Rattacher » pour les
              déplacer)
            </caption>
            <thead>
              <tr>
                <th scope="col">Ligne</th>
                <th scope="col">Fiche</th>
                <th scope="col">Organisation dans le fichier</th>
              </tr>
            </thead>
            <tbody>
              {report.leftInPlace.slice(0, LIMIT).map((l) => (
                <tr>
                  <td>{l.line}</td>
                  <td>{l.title}</td>
                  <td>{l.fileOrganisation}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function ImportPage({ report, errors }: { report: ImportReport | null; errors: Record<string, string> | null }) {
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1>Importer des fiches</h1>
      <p>
        Fichiers acceptés : le fichier CSV de la bibliothèque des Interconnectés (fichier public à 16 colonnes ou modèle
        complet à 27 colonnes) et le jeu de données PSTW du Centre commun de recherche européen. Un import déjà fait met
        à jour les mêmes fiches ; un fichier qui contient une erreur ne change rien ; un import interrompu reprend où il
        en était quand on importe à nouveau le même fichier.
      </p>
      <form method="post" action="/admin/bibliotheque/import" enctype="multipart/form-data" class="import-form">
        <CsrfField />
        <fieldset class="field choice-group">
          <legend>Format du fichier</legend>
          <div class="choice">
            <input type="radio" id="format-ic" name="format" value="interconnectes" checked />
            <label for="format-ic">Interconnectés (CSV)</label>
          </div>
          <div class="choice">
            <input type="radio" id="format-pstw" name="format" value="pstw" />
            <label for="format-pstw">PSTW (CSV, Windows-1252)</label>
          </div>
        </fieldset>
        <div class="field">
          <label for="file">Fichier</label>
          <input type="file" id="file" name="file" accept=".csv,text/csv" class="input" />
        </div>
        <fieldset class="field choice-group">
          <legend>Options</legend>
          <div class="choice">
            <input type="checkbox" id="dry-run" name="dryRun" value="1" />
            <label for="dry-run">Essai à blanc : dire ce qui serait fait, sans rien enregistrer</label>
          </div>
          <div class="choice">
            <input type="checkbox" id="as-draft" name="asDraft" value="1" />
            <label for="as-draft">Importer en brouillons à relire (sinon les fiches sont publiées)</label>
          </div>
          <div class="choice">
            <input type="checkbox" id="rehome" name="rehome" value="1" />
            <label for="rehome">
              Rattacher les fiches existantes à l’organisation que nomme le fichier (sinon elles restent où elles sont)
            </label>
          </div>
          <div class="choice">
            <input type="checkbox" id="homonyms" name="allowHomonyms" value="1" />
            <label for="homonyms">
              Créer une organisation même si une autre porte le même nom dans le même département
            </label>
          </div>
        </fieldset>
        <Button>Importer</Button>
      </form>
      {report && (
        <section aria-labelledby="report-title">
          <h2 id="report-title">{report.dryRun ? 'Résultat de l’essai à blanc' : 'Résultat de l’import'}</h2>
          {report.errorCount > 0 ? (
            <Notice kind="error">
              <p>
                {report.errorCount > 1
                  ? `Le fichier contient ${report.errorCount.toLocaleString('fr-FR')} erreurs : rien n’a été enregistré.`
                  : 'Le fichier contient une erreur : rien n’a été enregistré.'}{' '}
                Corrigez puis recommencez.
              </p>
            </Notice>
          ) : (
            <>
              <Summary report={report} />
              {!report.dryRun && report.created + report.updated > 0 && (
                <p class="actions">
                  <a href="/bibliotheque?tri=updated">Voir les fiches publiées, les plus récentes d’abord</a>
                  <a href="/coordination/fiches">Voir les fiches à relire</a>
                </p>
              )}
              <Bodies report={report} />
            </>
          )}
          {report.errorCount > 0 && <IssueTable issues={report.errors} total={report.errorCount} caption="Erreurs" />}
          {report.warningCount > 0 && (
            <IssueTable
              issues={report.warnings}
              total={report.warningCount}
              caption="Avertissements (valeurs ajustées ou ignorées)"
            />
          )}
        </section>
      )}
    </>
  );
}

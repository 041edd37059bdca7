/** The open data page (statistics are in statistics.tsx, the map in map.tsx). */
import type { FieldDocumentation } from '../fields.ts';
import { ACCESS_LABELS } from '../fields.ts';

export interface Download {
  href: string;
  label: string;
  description: string;
}

/** What the Interconnectés file holds (services/open-data.ts `InterconnectesReport`). */
export interface ExportReportView {
  published: number;
  written: number;
  substituted: { id: number; title: string; organisation: string; identifier: string; reason: string }[];
  skipped: { id: number; title: string; reason: string }[];
}

const fiches = (n: number) => `${n.toLocaleString('fr-FR')} ${n > 1 ? 'fiches' : 'fiche'}`;

/** The export report: rows written with another identifier than a SIRET, rows not written — each with why. */
function ExportReport({ report }: { report: ExportReportView }) {
  const { published, written, substituted, skipped } = report;
  return (
    <section aria-labelledby="rapport-export">
      <h2 id="rapport-export">Rapport de l’export au format Interconnectés</h2>
      <p>
        {written === published
          ? `Le fichier contient les ${fiches(published)} ${published > 1 ? 'publiées' : 'publiée'}.`
          : `Le fichier contient ${fiches(written)} sur ${fiches(published)} ${published > 1 ? 'publiées' : 'publiée'}.`}
        {substituted.length > 0 &&
          ` Leur schéma demande un SIRET : ${fiches(substituted.length)} ${substituted.length > 1 ? 'portent' : 'porte'} à la place l’identifiant le plus précis connu, ou aucun.`}
      </p>
      {substituted.length + skipped.length > 0 && (
        <div class="table-wrap">
          <table class="table">
            <caption>Lignes écrites sans SIRET ou non écrites</caption>
            <thead>
              <tr>
                <th scope="col">Fiche</th>
                <th scope="col">Organisme</th>
                <th scope="col">Colonne SIRET</th>
                <th scope="col">Raison</th>
              </tr>
            </thead>
            <tbody>
              {skipped.map((r) => (
                <tr>
                  <th scope="row">
                    <a href={`/bibliotheque/${r.id}`}>{r.title || `Fiche ${r.id}`}</a>
                  </th>
                  <td>—</td>
                  <td>ligne non écrite</td>
                  <td>{r.reason}</td>
                </tr>
              ))}
              {substituted.map((r) => (
                <tr>
                  <th scope="row">
                    <a href={`/bibliotheque/${r.id}`}>{r.title || `Fiche ${r.id}`}</a>
                  </th>
                  <td>{r.organisation}</td>
                  <td>{r.identifier === 'aucun' ? 'vide' : r.identifier}</td>
                  <td>{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function OpenDataPage({
  downloads,
  fields,
  report,
}: {
  downloads: Download[];
  fields: FieldDocumentation[];
  report: ExportReportView;
}) {
  return (
    <>
      <h1>Données ouvertes</h1>
      <p class="lead">
        Les {fiches(report.published)} {report.published > 1 ? 'publiées' : 'publiée'}, en téléchargement libre sous{' '}
        <a href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/">Licence Ouverte 2.0</a>. Seuls les champs
        publics sont diffusés.
      </p>
      <h2>Téléchargements</h2>
      <ul class="link-list downloads">
        {downloads.map((d) => (
          <li>
            <a href={d.href} download>
              {d.label}
            </a>
            <p class="meta">{d.description}</p>
          </li>
        ))}
      </ul>
      <p>
        Le CSV pour tableur s’ouvre directement dans Excel ou LibreOffice (point-virgule, UTF-8). Pour un programme,
        demandez{' '}
        <a href="/donnees-ouvertes/bibliotheque-ia.csv?separateur=virgule">le même fichier séparé par des virgules</a>{' '}
        (paramètre <code>separateur=virgule</code> : dates ISO 8601, point décimal, sans marque d’ordre) ; le fichier au
        format Interconnectés garde la virgule de leur format. Les mêmes données sont disponibles par l’
        <a href="/api">API</a> et, pour suivre les nouveautés, par le <a href="/bibliotheque/flux.atom">flux Atom</a>.
      </p>
      <ExportReport report={report} />
      <h2>Documentation des champs</h2>
      <p>
        Les colonnes du fichier au format Interconnectés portent exactement les noms de leur schéma ; quand leur liste
        de valeurs est plus courte que la nôtre, la valeur la plus proche est écrite (par exemple, les fiches « En
        exploration » y figurent « En expérimentation », et toutes les intercommunalités « EPCI »). Les fichiers JSON et
        tableur donnent les valeurs exactes.
      </p>
      <div class="table-wrap">
        <table class="table field-doc">
          <caption>Champs publics des fiches</caption>
          <thead>
            <tr>
              <th scope="col">Champ</th>
              <th scope="col">Clé (JSON, API)</th>
              <th scope="col">Description</th>
              <th scope="col">Colonne Interconnectés</th>
              <th scope="col">Attribut ATS</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => (
              <tr>
                <th scope="row">{f.label}</th>
                <td>
                  <code>{f.key}</code>
                  {f.list && (
                    <>
                      {' '}
                      <a href={`/api/v1/reference-lists/${f.list}`}>liste</a>
                    </>
                  )}
                </td>
                <td>
                  {f.description}
                  {f.accessNote && <p class="meta">{f.accessNote}</p>}
                </td>
                <td>{f.interconnectesColumn ? <code>{f.interconnectesColumn}</code> : '—'}</td>
                <td>{f.atsAttribute ? <code>{f.atsAttribute}</code> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="meta">
        Les autres champs des fiches sont réservés aux membres du réseau ({ACCESS_LABELS.members.toLowerCase()}) ou à la
        collectivité ; ils ne figurent dans aucun téléchargement.
      </p>
    </>
  );
}

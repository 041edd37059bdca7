/** History and comparison, error reports, review queue, the authority's use cases, API tokens (imports: import.tsx). */

import { count } from '../../../platform/text/french.ts';
import { Button, ErrorSummary, formatDate, PostForm, TextArea, TextInput } from '../../../platform/ui/components.tsx';
import type { FieldChange, PresentedUseCase, UseCaseContent } from '../model.ts';
import type { ListedUseCase } from '../services/context.ts';
import { REPORT_MESSAGE_MAX } from '../services/reports.ts';
import { ChangesTable, Notice, StateTag, UseCaseFields, useCaseHref } from './common.tsx';

export function HistoryPage({
  useCase,
  versions,
}: {
  useCase: PresentedUseCase;
  versions: { number: number; publishedAt: string }[];
}) {
  const base = useCaseHref(useCase);
  const latest = versions[0]?.number ?? 0;
  return (
    <>
      <h1>Historique de « {useCase.content.title} »</h1>
      {versions.length === 0 ? (
        <p>Cette fiche n’a pas encore de version publiée.</p>
      ) : (
        <>
          <div class="table-wrap">
            <table class="table">
              <caption>Versions publiées, de la plus récente à la plus ancienne</caption>
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Publiée le</th>
                  <th scope="col">Comparer</th>
                </tr>
              </thead>
              <tbody>
                {versions.map((v) => (
                  <tr>
                    <th scope="row">
                      <a href={`${base}/historique/${v.number}`}>Version {v.number}</a>
                    </th>
                    <td>{formatDate(v.publishedAt, true)}</td>
                    <td>
                      {v.number > 1 ? (
                        <a href={`${base}/historique/comparer?de=${v.number - 1}&a=${v.number}`}>
                          Changements par rapport à la version {v.number - 1}
                        </a>
                      ) : (
                        'Première version'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {versions.length > 1 && (
            <form method="get" action={`${base}/historique/comparer`} class="search-form">
              <div class="field">
                <label for="de">Comparer la version</label>
                <select id="de" name="de" class="input">
                  {versions.map((v) => (
                    <option value={String(v.number)} selected={v.number === latest - 1}>
                      {v.number}
                    </option>
                  ))}
                </select>
              </div>
              <div class="field">
                <label for="a">avec la version</label>
                <select id="a" name="a" class="input">
                  {versions.map((v) => (
                    <option value={String(v.number)} selected={v.number === latest}>
                      {v.number}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" class="button">
                Comparer
              </button>
            </form>
          )}
        </>
      )}
      <p>
        <a href={base}>Retour à la fiche</a>
      </p>
    </>
  );
}

export function ComparePage({
  useCase,
  from,
  to,
  changes,
}: {
  useCase: PresentedUseCase;
  from: { number: number; publishedAt: string };
  to: { number: number; publishedAt: string };
  changes: FieldChange[];
}) {
  const base = useCaseHref(useCase);
  return (
    <>
      <h1>
        Version {from.number} et version {to.number}
      </h1>
      <p class="meta">
        « {useCase.content.title} » · version {from.number} du {formatDate(from.publishedAt)}, version {to.number} du{' '}
        {formatDate(to.publishedAt)}
      </p>
      {changes.length === 0 ? (
        <p>Aucune différence entre ces deux versions.</p>
      ) : (
        <ChangesTable changes={changes} before={`Version ${from.number}`} after={`Version ${to.number}`} />
      )}
      <p>
        <a href={`${base}/historique`}>Retour à l’historique</a>
      </p>
    </>
  );
}

export function VersionPage({
  useCase,
  version,
}: {
  useCase: PresentedUseCase;
  version: { number: number; publishedAt: string; content: Partial<UseCaseContent> };
}) {
  return (
    <>
      <h1>{version.content.title ?? 'Sans titre'}</h1>
      <Notice>
        <p>
          Version {version.number}, publiée le {formatDate(version.publishedAt)}.{' '}
          <a href={useCaseHref(useCase)}>Voir la version actuelle</a>
        </p>
      </Notice>
      <UseCaseFields content={version.content} />
    </>
  );
}

export function ReportPage({
  useCase,
  errors,
  values,
  signedIn,
}: {
  useCase: PresentedUseCase;
  errors: Record<string, string> | null;
  values: { message: string; email: string };
  signedIn: boolean;
}) {
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1>Signaler une erreur</h1>
      <p class="lead">
        Sur la fiche « <a href={useCaseHref(useCase)}>{useCase.content.title}</a> » ({useCase.organisation.name}). Votre
        message est transmis à la collectivité et aux coordinateurs du réseau.
      </p>
      <PostForm action={`${useCaseHref(useCase)}/signaler`}>
        <TextArea
          name="message"
          label="Quelle est l’erreur ?"
          hint={`Indiquez le champ concerné et la correction à apporter (${REPORT_MESSAGE_MAX} caractères au plus).`}
          value={values.message}
          error={errors?.message}
          required
        />
        {!signedIn && (
          <TextInput
            name="email"
            type="email"
            label="Votre adresse électronique"
            hint="Seulement si vous souhaitez être recontacté. Elle n’est visible que par la collectivité et les coordinateurs."
            value={values.email}
            error={errors?.email}
            autocomplete="email"
            width="medium"
          />
        )}
        <Button>Envoyer le signalement</Button>
      </PostForm>
    </>
  );
}

export function ReportsPage({
  reports,
  status,
}: {
  reports: {
    id: number;
    useCaseId: number;
    title: string;
    organisation: string;
    createdAt: string;
    message: string;
    reporterEmail: string | null;
  }[];
  status: 'open' | 'handled';
}) {
  return (
    <>
      <h1>Erreurs signalées</h1>
      <p>
        {status === 'open' ? (
          <a href="/bibliotheque/signalements?etat=traites">Voir les signalements traités</a>
        ) : (
          <a href="/bibliotheque/signalements">Voir les signalements à traiter</a>
        )}
      </p>
      {reports.length === 0 ? (
        <p>{status === 'open' ? 'Aucun signalement à traiter.' : 'Aucun signalement traité.'}</p>
      ) : (
        <ul class="report-list">
          {reports.map((r) => (
            <li class="card">
              <h2 class="card-title">
                <a href={`/bibliotheque/${r.useCaseId}`}>{r.title || 'Sans titre'}</a>
              </h2>
              <p class="meta">
                {r.organisation} · signalé le {formatDate(r.createdAt, true)}
                {r.reporterEmail && (
                  <>
                    {' '}
                    par <a href={`mailto:${r.reporterEmail}`}>{r.reporterEmail}</a>
                  </>
                )}
              </p>
              <p class="prose">{r.message}</p>
              {status === 'open' && (
                <PostForm action={`/bibliotheque/signalements/${r.id}/traite`}>
                  <Button kind="secondary">Marquer comme traité</Button>
                </PostForm>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

type Listed = ListedUseCase;

function UseCaseTable({
  items,
  caption,
  showOrganisation = true,
}: {
  items: Listed[];
  caption: string;
  showOrganisation?: boolean;
}) {
  return (
    <div class="table-wrap">
      <table class="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Fiche</th>
            {showOrganisation && <th scope="col">Collectivité</th>}
            <th scope="col">État</th>
            <th scope="col">Dernière modification</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr>
              <th scope="row">
                <a href={`${i.path}/verifier`}>{i.useCase.content.title ?? 'Sans titre'}</a>
              </th>
              {showOrganisation && <td>{i.useCase.organisation.name}</td>}
              <td>
                <StateTag useCase={i.useCase} />
                {i.useCase.state === 'published' && !i.useCase.revision && 'Publiée'}
              </td>
              <td>{formatDate(i.updatedAt, true)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ReviewQueuePage({ items, openReports }: { items: Listed[]; openReports: number }) {
  return (
    <>
      <h1>Fiches à relire</h1>
      <p>
        {openReports > 0 ? (
          <a href="/bibliotheque/signalements">
            {count(openReports, 'erreur signalée', 'erreurs signalées')} à traiter
          </a>
        ) : (
          'Aucune erreur signalée à traiter.'
        )}
      </p>
      {items.length === 0 ? (
        <p>Aucune fiche n’attend de relecture.</p>
      ) : (
        <UseCaseTable
          items={items}
          caption={`${count(items.length, 'fiche ou révision soumise', 'fiches ou révisions soumises')}, la plus ancienne d’abord`}
        />
      )}
    </>
  );
}

export function MyUseCasesPage({
  items,
  organisations,
}: {
  items: Listed[];
  organisations: { id: number; name: string }[];
}) {
  return (
    <>
      <h1>Les fiches de ma collectivité</h1>
      <p class="actions">
        <a class="button" href="/bibliotheque/nouvelle">
          Rédiger une fiche
        </a>
        <a href="/bibliotheque/signalements">Erreurs signalées</a>
      </p>
      {organisations.map((o) => (
        <p>
          <a href={`/bibliotheque/jetons?organisation=${o.id}`}>Jetons d’API de {o.name}</a>
        </p>
      ))}
      {items.length === 0 ? (
        <p>Aucune fiche pour le moment.</p>
      ) : (
        <UseCaseTable items={items} caption="Brouillons, fiches en relecture et fiches publiées" />
      )}
    </>
  );
}

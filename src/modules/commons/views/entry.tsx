/** A commons entry's page: what it is, its links, who maintains, uses and contributes, the sheets, the news. */
import type { FieldErrors } from '../../../platform/http/errors.ts';
import { ErrorSummary, formatDate, PostForm, TextArea, TextInput } from '../../../platform/ui/components.tsx';
import type { PresentedEntry, PresentedOrganisation } from '../services/presenter.ts';

function Organisations({ title, list }: { title: string; list: PresentedOrganisation[] }) {
  if (!list.length) return null;
  return (
    <>
      <h2>{title}</h2>
      <ul>
        {list.map((o) => (
          <li>
            <a href={o.path}>{o.name}</a> ({o.typeLabel})
          </li>
        ))}
      </ul>
    </>
  );
}

export function EntryPage({
  e,
  newsErrors,
  newsValues,
}: {
  e: PresentedEntry & { origin?: { title: string; path: string } | null };
  newsErrors?: FieldErrors;
  newsValues?: Record<string, string>;
}) {
  const link = (label: string, href: string | null) =>
    href ? (
      <li>
        {label} : <a href={href}>{href}</a>
      </li>
    ) : null;
  const value = (name: string) => newsValues?.[name] ?? '';
  return (
    <>
      <h1>{e.name}</h1>
      <p class="meta">
        {e.kindLabel} · {e.statusLabel} · mis à jour le {formatDate(e.updatedAt)}
      </p>
      {e.canWrite && (
        <p>
          <a class="button button-secondary" href={`${e.path}/modifier`}>
            Modifier ce commun
          </a>
        </p>
      )}
      <p>{e.summary}</p>
      {e.origin && (
        <p>
          Issu du défi <a href={e.origin.path}>« {e.origin.title} »</a>.
        </p>
      )}
      <dl class="summary-list">
        <dt>Licence</dt>
        <dd>{e.licence ? `${e.licenceName || e.licence} (${e.licence})` : 'Non indiquée'}</dd>
        {e.themes.length > 0 && (
          <>
            <dt>Thèmes</dt>
            <dd>{e.themes.map((t) => t.label).join(', ')}</dd>
          </>
        )}
        {e.category && (
          <>
            <dt>Catégorie de commun</dt>
            <dd>{e.category.label}</dd>
          </>
        )}
      </dl>
      {(e.links.repository || e.links.download || e.links.documentation) && (
        <>
          <h2>Liens</h2>
          <ul>
            {link('Dépôt', e.links.repository)}
            {link('Téléchargement', e.links.download)}
            {link('Documentation', e.links.documentation)}
          </ul>
        </>
      )}
      <Organisations title="Maintenu par" list={e.maintainers.filter((o) => !o.partner)} />
      <Organisations title="Partenaires" list={e.maintainers.filter((o) => o.partner)} />
      {e.maintainers.length > 0 && (
        <p>
          <a href={`${e.path}/contacter`}>Contacter l’équipe</a> (réservé aux personnes connectées ; les adresses des
          responsables ne sont pas affichées)
        </p>
      )}
      <Organisations title="Collectivités qui l’utilisent" list={e.users} />
      <Organisations title="Organismes qui y contribuent" list={e.contributors} />
      {e.sheets.length > 0 && (
        <>
          <h2>Fiches de la bibliothèque qui l’utilisent</h2>
          <ul>
            {e.sheets.map((s) => (
              <li>
                <a href={s.path}>{s.title}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      {e.contacts && e.contacts.length > 0 && (
        <>
          <h2>Contacts (visibles des mainteneurs et des coordinateurs)</h2>
          <ul>
            {e.contacts.map((c) => (
              <li>
                {c.name}
                {c.email ? ` — ${c.email}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>Actualités et versions</h2>
      {e.news.length === 0 ? (
        <p>Aucune actualité pour le moment.</p>
      ) : (
        <ul class="news-list">
          {e.news.map((n) => (
            <li id={`actualite-${n.id}`}>
              <h3>
                {formatDate(n.date)} — {n.title}
                {n.release ? ` (version ${n.release})` : ''}
              </h3>
              {n.body && <p>{n.body}</p>}
            </li>
          ))}
        </ul>
      )}
      {e.canWrite && (
        <PostForm action={`${e.path}/actualites`} aria-label="Publier une actualité">
          <h3>Publier une actualité</h3>
          <ErrorSummary errors={newsErrors} />
          <TextInput
            name="date"
            label="Date"
            hint="Au format AAAA-MM-JJ."
            width="medium"
            value={value('date')}
            error={newsErrors?.date}
            required
          />
          <TextInput
            name="titre"
            label="Titre de l’actualité"
            value={value('titre')}
            error={newsErrors?.titre}
            required
          />
          <TextArea name="texte" label="Texte" value={value('texte')} error={newsErrors?.texte} />
          <TextInput
            name="publication"
            label="Numéro de version publiée"
            width="short"
            value={value('publication')}
            error={newsErrors?.publication}
          />
          <button type="submit" class="button button-primary">
            Publier l’actualité
          </button>
        </PostForm>
      )}
    </>
  );
}

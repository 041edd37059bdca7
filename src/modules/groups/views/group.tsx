/** A working group's page: purpose, place in the tree, leads, meetings, followed items, joining. */
import { formatParis } from '../../../platform/calendar/paris-time.ts';
import { formatDate, PostForm } from '../../../platform/ui/components.tsx';
import { FOLLOW_LABELS, ROLE_LABELS } from '../model.ts';
import type { GroupPageView } from '../services/pages.ts';

function Joining({ g }: { g: GroupPageView }) {
  if (g.myRole) return <p>Vous êtes {ROLE_LABELS[g.myRole].toLowerCase()} de ce groupe. </p>;
  if (g.pendingSince)
    return (
      <p>
        Votre demande pour rejoindre ce groupe, envoyée le {formatDate(g.pendingSince)}, attend la réponse des pilotes.
      </p>
    );
  if (!g.signedIn)
    return (
      <p>
        <a href={`/connexion?retour=${encodeURIComponent(`${g.path}/rejoindre`)}`}>Connectez-vous</a> pour demander à
        rejoindre ce groupe.
      </p>
    );
  return (
    <p>
      <a class="button button-secondary" href={`${g.path}/rejoindre`}>
        Demander à rejoindre le groupe
      </a>
    </p>
  );
}

export function GroupPage({ g }: { g: GroupPageView }) {
  return (
    <>
      <h1>{g.name}</h1>
      <p class="meta">
        {g.visibility === 'members' ? 'Page réservée aux membres du groupe' : 'Page publique'} · {g.memberCount}{' '}
        {g.memberCount > 1 ? 'membres' : 'membre'}
      </p>
      {g.purpose
        .split(/\n{2,}/)
        .filter((p) => p.trim())
        .map((p) => (
          <p>{p}</p>
        ))}
      <Joining g={g} />
      {(g.canLead || g.inside) && (
        <nav aria-label="Actions du groupe" class="actions">
          {g.inside && (
            <a class="button button-secondary" href={`${g.path}/synthese`}>
              Synthèse pour la prochaine réunion
            </a>
          )}
          {g.canLead && (
            <>
              <a class="button button-secondary" href={`${g.path}/modifier`}>
                Modifier le groupe
              </a>
              <a class="button button-secondary" href={`${g.path}/suivis`}>
                Choisir ce que suit le groupe
              </a>
              <a class="button button-secondary" href={`${g.path}/demandes`}>
                Demandes pour rejoindre ({g.pendingCount})
              </a>
            </>
          )}
        </nav>
      )}

      {g.children.length > 0 && (
        <>
          <h2>Groupes et sous-commissions</h2>
          <ul>
            {g.children.map((c) => (
              <li>
                <a href={c.path}>{c.name}</a>
                {c.visibility === 'members' && <span class="tag">Réservé aux membres</span>}
              </li>
            ))}
          </ul>
        </>
      )}

      <h2>Pilotes</h2>
      {g.leads.length ? (
        <ul>
          {g.leads.map((m) => (
            <li>
              {m.name}
              {m.function ? `, ${m.function}` : ''}
              {m.organisationName ? ` (${m.organisationName})` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p>Aucun pilote n’est encore nommé.</p>
      )}
      <p>
        <a href={`${g.path}/membres`}>Annuaire des membres ({g.memberCount})</a>
      </p>

      {g.upcoming && (
        <>
          <h2>Prochaines réunions</h2>
          {g.upcoming.length ? (
            <ul>
              {g.upcoming.map((m) => (
                <li>
                  <a href={m.path}>{m.title}</a> — {formatParis(m.startsAt)}
                </li>
              ))}
            </ul>
          ) : (
            <p>Aucune réunion prévue.</p>
          )}
          <ul class="actions">
            {g.canLead && (
              <li>
                <a class="button button-secondary" href={`${g.path}/reunions/nouvelle`}>
                  Programmer une réunion
                </a>
              </li>
            )}
            <li>
              <a href={`/agenda?groupe=${g.id}`}>Toutes les réunions du groupe et leurs comptes rendus</a>
            </li>
            <li>
              <a href={`${g.path}/agenda.ics`} type="text/calendar">
                Ajouter l’agenda du groupe à mon calendrier (iCal)
              </a>
            </li>
          </ul>
        </>
      )}

      <h2>Ce que suit le groupe</h2>
      {g.followed.length ? (
        <ul>
          {g.followed.map((f) => (
            <li>
              <span class="tag">{FOLLOW_LABELS[f.kind]}</span> <a href={f.path}>{f.title}</a>
            </li>
          ))}
        </ul>
      ) : (
        <p>Le groupe ne suit encore aucune fiche ni aucun recensement.</p>
      )}

      {g.myRole === 'member' && (
        <PostForm action={`${g.path}/quitter`} data-confirm="Quitter ce groupe ?">
          <button type="submit" class="button button-secondary">
            Quitter le groupe
          </button>
        </PostForm>
      )}
    </>
  );
}

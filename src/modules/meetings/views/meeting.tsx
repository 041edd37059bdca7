/** A meeting's page: when (Paris time, with the zone), where, agenda, documents, registration, and after the meeting its attendance, minutes, decisions and actions. */
import { ChoiceGroup, ErrorSummary, PostForm } from '../../../platform/ui/components.tsx';
import { ACTION_STATUS_LABELS, ACTION_STATUSES, MODE_LABELS, MODES, PUBLICATION_LABELS } from '../model.ts';
import { Markup } from './markup.tsx';
import type { MeetingView } from './view-models.ts';

function Registration({ m, errors }: { m: MeetingView; errors?: Record<string, string> }) {
  const seats =
    m.capacity == null
      ? `${m.seatsTaken} inscrit${m.seatsTaken > 1 ? 's' : ''}, sans limite de places.`
      : `${m.seatsTaken} inscrit${m.seatsTaken > 1 ? 's' : ''} sur ${m.capacity} places${m.waitingCount ? `, ${m.waitingCount} sur liste d’attente` : ''}.`;
  const full = m.capacity != null && m.seatsTaken >= m.capacity;
  return (
    <section aria-labelledby="inscription">
      <h2 id="inscription">Inscription</h2>
      <p>{seats}</p>
      <ErrorSummary errors={errors} />
      {m.mine && m.mine.status !== 'cancelled' ? (
        <>
          <p class="notice" id="mon-inscription">
            {m.mine.status === 'registered'
              ? `Vous êtes inscrit·e (${MODE_LABELS[m.mine.mode].toLowerCase()}).`
              : `Vous êtes sur la liste d’attente, en position ${m.mine.rank ?? '?'} : si une place se libère, vous serez inscrit·e automatiquement et prévenu·e par courriel.`}
          </p>
          {!m.past && m.status === 'scheduled' && (
            <PostForm action={`${m.path}/desinscription`}>
              <button type="submit" class="button button-secondary">
                {m.mine.status === 'registered' ? 'Me désinscrire' : 'Quitter la liste d’attente'}
              </button>
            </PostForm>
          )}
        </>
      ) : m.status === 'cancelled' ? (
        <p>Cette réunion est annulée.</p>
      ) : m.past ? (
        <p>Cette réunion a eu lieu : les inscriptions sont closes.</p>
      ) : !m.signedIn ? (
        <p>
          <a href={`/connexion?retour=${encodeURIComponent(m.path)}`}>Connectez-vous</a> pour vous inscrire.
        </p>
      ) : m.canRegister ? (
        <PostForm action={`${m.path}/inscription`} aria-label="S’inscrire à la réunion">
          {full && (
            <p class="notice">
              La réunion est complète : en vous inscrivant, vous serez placé·e sur la liste d’attente.
            </p>
          )}
          <ChoiceGroup
            name="mode"
            legend="Je participerai"
            type="radio"
            required
            value={m.place ? 'in_person' : 'remote'}
            error={errors?.mode}
            options={MODES.filter((x) => (x === 'in_person' ? !!m.place : !!m.videoUrl)).map((x) => ({
              value: x,
              label: MODE_LABELS[x],
            }))}
          />
          <button type="submit" class="button button-primary">
            {full ? 'M’inscrire sur la liste d’attente' : 'M’inscrire'}
          </button>
        </PostForm>
      ) : (
        <p>Cette réunion est réservée aux membres du groupe.</p>
      )}
    </section>
  );
}

function Attendance({ m }: { m: MeetingView }) {
  const registered = m.registrations.filter((r) => r.status === 'registered');
  const waiting = m.registrations.filter((r) => r.status === 'waiting');
  return (
    <section aria-labelledby="presences">
      <h2 id="presences">Inscrits et présences</h2>
      {registered.length ? (
        <PostForm action={`${m.path}/presences`} aria-label="Présences">
          <fieldset class="field choice-group">
            <legend>Présents à la réunion</legend>
            {registered.map((r) => (
              <div class="choice">
                <input
                  type="checkbox"
                  id={`present-${r.userId}`}
                  name="present"
                  value={String(r.userId)}
                  checked={r.attended ?? false}
                />
                <label for={`present-${r.userId}`}>
                  {r.name} ({MODE_LABELS[r.mode].toLowerCase()})
                </label>
              </div>
            ))}
          </fieldset>
          <button type="submit" class="button button-secondary">
            Enregistrer les présences
          </button>
        </PostForm>
      ) : (
        <p>Personne n’est inscrit pour l’instant.</p>
      )}
      {waiting.length > 0 && (
        <>
          <h3>Liste d’attente</h3>
          <ol>
            {waiting.map((r) => (
              <li>{r.name}</li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function Actions({ m }: { m: MeetingView }) {
  return (
    <section aria-labelledby="actions">
      <h2 id="actions">Actions</h2>
      {m.actions.length ? (
        <ul class="actions-list">
          {m.actions.map((a) => (
            <li id={`action-${a.id}`}>
              <strong>{a.title}</strong> — {a.ownerName ?? 'sans responsable'}
              {a.dueDate ? `, échéance ${a.dueDate.split('-').reverse().join('/')}` : ''} —{' '}
              {ACTION_STATUS_LABELS[a.status]}
              {a.overdue && <span class="badge badge-warning"> En retard</span>}
              {a.mayUpdate && (
                <PostForm
                  action={`/reunions/actions/${a.id}/etat`}
                  class="inline-form"
                  aria-label={`État de l’action « ${a.title} »`}
                >
                  <input type="hidden" name="version" value={String(a.version)} />
                  <label for={`etat-${a.id}`}>État</label>{' '}
                  <select id={`etat-${a.id}`} name="statut" class="input input-short">
                    {ACTION_STATUSES.map((s) => (
                      <option value={s} selected={s === a.status}>
                        {ACTION_STATUS_LABELS[s]}
                      </option>
                    ))}
                  </select>{' '}
                  <button type="submit" class="button button-secondary">
                    Mettre à jour
                  </button>
                </PostForm>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>Aucune action décidée.</p>
      )}
    </section>
  );
}

export function MeetingPage({ m, errors }: { m: MeetingView; errors?: Record<string, string> }) {
  const before = m.documents.filter((d) => d.phase === 'before');
  const after = m.documents.filter((d) => d.phase === 'after');
  return (
    <>
      <h1>{m.title}</h1>
      {m.status === 'cancelled' && (
        <p class="notice notice-warning" role="status">
          Cette réunion est annulée.
        </p>
      )}
      <dl class="meeting-facts">
        <dt>Quand</dt>
        <dd>
          <time>{m.when}</time>
        </dd>
        <dt>Durée</dt>
        <dd>{m.duration}</dd>
        {m.place && (
          <>
            <dt>Lieu</dt>
            <dd>{m.place}</dd>
          </>
        )}
        {m.videoUrl && (
          <>
            <dt>Visioconférence</dt>
            <dd>
              <a href={m.videoUrl} rel="noopener">
                Rejoindre la visioconférence
              </a>
            </dd>
          </>
        )}
        <dt>Groupe</dt>
        <dd>{m.groupPath ? <a href={m.groupPath}>{m.groupName}</a> : m.groupName}</dd>
        <dt>Ouverte à</dt>
        <dd>{m.visibility === 'public' ? 'Tout le monde' : 'Les membres du groupe'}</dd>
      </dl>
      <p>
        <a class="button button-secondary" href={`${m.path}/reunion.ics`} download={`reunion-${m.id}.ics`}>
          Ajouter à mon agenda
        </a>
      </p>
      {m.leads && (
        <div class="actions-bar">
          <a class="button button-secondary" href={`${m.path}/modifier`}>
            Modifier la réunion
          </a>{' '}
          <a class="button button-secondary" href={`${m.path}/compte-rendu`}>
            Écrire le compte rendu
          </a>
          {m.status === 'scheduled' && !m.past && (
            <PostForm action={`${m.path}/annuler`} data-confirm="Annuler la réunion et prévenir les participants ?">
              <button type="submit" class="button button-danger">
                Annuler la réunion
              </button>
            </PostForm>
          )}
        </div>
      )}
      {m.description && <p class="lead">{m.description}</p>}
      <section aria-labelledby="ordre-du-jour">
        <h2 id="ordre-du-jour">Ordre du jour</h2>
        {m.agenda.length ? (
          <ol>
            {m.agenda.map((a) => (
              <li>
                {a.title}
                {a.speakerName && (
                  <>
                    {' — '}
                    {a.speakerName}
                    {a.speakerFunction ? `, ${a.speakerFunction}` : ''}
                    {a.guest ? ' (intervenant·e invité·e)' : ''}
                  </>
                )}
              </li>
            ))}
          </ol>
        ) : (
          <p>L’ordre du jour n’est pas encore publié.</p>
        )}
      </section>
      {before.length > 0 && (
        <section aria-labelledby="documents">
          <h2 id="documents">Documents préparatoires</h2>
          <ul>
            {before.map((d) => (
              <li>
                <a href={d.url} rel="noopener">
                  {d.title}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Registration m={m} errors={errors} />
      {m.leads && <Attendance m={m} />}
      {(m.minutes || m.decisions.length > 0 || m.actions.length > 0 || after.length > 0) && (
        <section aria-labelledby="compte-rendu">
          <h2 id="compte-rendu">Compte rendu</h2>
          {m.minutes ? (
            <>
              <p class="hint">
                Version {m.minutes.revision} — {PUBLICATION_LABELS[m.minutes.publication]}.{' '}
                {m.minutesCount > 1 && (
                  <a href={`${m.path}/compte-rendu/historique`}>Voir l’historique ({m.minutesCount} versions)</a>
                )}
              </p>
              <Markup source={m.minutes.body} />
            </>
          ) : (
            <p>Le compte rendu n’est pas encore publié.</p>
          )}
          {m.decisions.length > 0 && (
            <>
              <h3>Décisions</h3>
              <ol>
                {m.decisions.map((d) => (
                  <li>{d}</li>
                ))}
              </ol>
            </>
          )}
          {after.length > 0 && (
            <>
              <h3>Documents de la réunion</h3>
              <ul>
                {after.map((d) => (
                  <li>
                    <a href={d.url} rel="noopener">
                      {d.title}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      {(m.actions.length > 0 || m.leads) && <Actions m={m} />}
    </>
  );
}

/** The minutes editor (leads), the history of the minutes, and the private calendar page (« Mon agenda »). */
import type { FieldErrors } from '../../../platform/http/errors.ts';
import {
  ChoiceGroup,
  ErrorSummary,
  formatDate,
  PostForm,
  Select,
  TextArea,
  TextInput,
} from '../../../platform/ui/components.tsx';
import {
  ACTION_STATUS_LABELS,
  type ActionRecord,
  type MinutesRevision,
  PUBLICATION_LABELS,
  PUBLICATIONS,
} from '../model.ts';
import { Markup } from './markup.tsx';

export function MinutesEditorPage(v: {
  meeting: { title: string; path: string };
  base: number;
  values: { texte: string; publication: string; decisions: string };
  errors?: FieldErrors;
  actionValues?: { action_titre: string; action_responsable: string; action_echeance: string };
  actionErrors?: FieldErrors;
  members: { userId: number; name: string }[];
}) {
  const e = v.errors ?? {};
  const ae = v.actionErrors ?? {};
  const av = v.actionValues ?? { action_titre: '', action_responsable: '', action_echeance: '' };
  return (
    <>
      <h1>Compte rendu : {v.meeting.title}</h1>
      <ErrorSummary errors={{ ...e, ...ae }} />
      <PostForm action={`${v.meeting.path}/compte-rendu`}>
        <input type="hidden" name="base" value={String(v.base)} />
        <TextArea
          name="texte"
          label="Compte rendu"
          hint="Mise en forme simple : « # Titre », « ## Sous-titre », « - point » pour une liste, « 1. point » pour une liste numérotée, **gras**, *italique*, [texte](https://adresse). Le HTML est affiché tel quel, jamais interprété."
          required
          rows={18}
          value={v.values.texte}
          error={e.texte}
        />
        <TextArea
          name="decisions"
          label="Décisions"
          hint="Une décision par ligne."
          rows={5}
          value={v.values.decisions}
          error={e.decisions}
        />
        <ChoiceGroup
          name="publication"
          legend="Publication"
          type="radio"
          required
          value={v.values.publication || 'draft'}
          error={e.publication}
          options={PUBLICATIONS.map((p) => ({ value: p, label: PUBLICATION_LABELS[p] }))}
        />
        <button type="submit" class="button button-primary">
          Enregistrer une nouvelle version
        </button>
      </PostForm>
      <h2>Ajouter une action</h2>
      <PostForm action={`${v.meeting.path}/actions`} aria-label="Ajouter une action">
        <TextInput name="action_titre" label="Action" required value={av.action_titre} error={ae.action_titre} />
        <Select
          name="action_responsable"
          label="Responsable"
          value={av.action_responsable}
          emptyLabel="— Sans responsable —"
          error={ae.action_responsable}
          options={v.members.map((p) => ({ value: String(p.userId), label: p.name }))}
        />
        <TextInput
          name="action_echeance"
          type="date"
          label="Échéance"
          hint="Au format AAAA-MM-JJ."
          value={av.action_echeance}
          error={ae.action_echeance}
          width="medium"
        />
        <button type="submit" class="button button-secondary">
          Ajouter l’action
        </button>
      </PostForm>
      <p>
        <a href={v.meeting.path}>Retour à la réunion</a>
      </p>
    </>
  );
}

export function MinutesHistoryPage(v: {
  meeting: { title: string; path: string };
  revisions: (MinutesRevision & { authorName: string | null })[];
}) {
  return (
    <>
      <h1>Historique du compte rendu : {v.meeting.title}</h1>
      {v.revisions.length ? (
        v.revisions.map((r) => (
          <section aria-labelledby={`version-${r.revision}`} class="card">
            <h2 id={`version-${r.revision}`}>
              Version {r.revision} — {formatDate(r.createdAt, true)}
            </h2>
            <p class="hint">
              {PUBLICATION_LABELS[r.publication]}
              {r.authorName ? ` — par ${r.authorName}` : ''}
            </p>
            <Markup source={r.body} headingBase={2} />
          </section>
        ))
      ) : (
        <p>Aucune version du compte rendu n’est visible pour vous.</p>
      )}
      <p>
        <a href={v.meeting.path}>Retour à la réunion</a>
      </p>
    </>
  );
}

export function MyCalendarPage(v: {
  token: { createdAt: string } | null;
  newUrl: string | null;
  actions: (ActionRecord & { overdue: boolean; meetingPath: string })[];
}) {
  return (
    <>
      <h1>Mon agenda</h1>
      <section aria-labelledby="abonnement">
        <h2 id="abonnement">Calendrier personnel</h2>
        <p>
          Un calendrier privé où figurent les réunions de vos groupes (y compris celles réservées aux membres) et celles
          où vous êtes inscrit·e. Son adresse est secrète : quiconque la connaît peut le lire. Révoquez-la si elle a
          circulé.
        </p>
        {v.newUrl && (
          <div class="notice" role="status">
            <p>Votre adresse d’abonnement (copiez-la dans votre agenda ; elle ne sera plus affichée) :</p>
            <p>
              <code>{v.newUrl}</code>
            </p>
          </div>
        )}
        {v.token ? (
          <p>Une adresse est active depuis le {formatDate(v.token.createdAt)}.</p>
        ) : (
          <p>Aucune adresse active.</p>
        )}
        <PostForm action="/mon-agenda/jeton">
          <button type="submit" class="button button-primary">
            {v.token
              ? 'Créer une nouvelle adresse (l’ancienne cesse de fonctionner)'
              : 'Créer mon adresse d’abonnement'}
          </button>
        </PostForm>
        {v.token && (
          <PostForm action="/mon-agenda/jeton/revoquer">
            <button type="submit" class="button button-danger">
              Révoquer l’adresse
            </button>
          </PostForm>
        )}
      </section>
      <section aria-labelledby="actions">
        <h2 id="actions">Actions qui me sont confiées</h2>
        {v.actions.length ? (
          <ul>
            {v.actions.map((a) => (
              <li>
                <a href={`${a.meetingPath}#action-${a.id}`}>{a.title}</a> — {ACTION_STATUS_LABELS[a.status]}
                {a.dueDate ? `, échéance ${a.dueDate.split('-').reverse().join('/')}` : ''}
                {a.overdue && <span class="badge badge-warning"> En retard</span>}
              </li>
            ))}
          </ul>
        ) : (
          <p>Aucune action ouverte.</p>
        )}
      </section>
    </>
  );
}

/** The public pages of consultations: the list (open, to come, past) and a consultation (answer form, results). */
import type { ComponentChildren } from 'preact';
import { formatParis } from '../../../platform/calendar/paris-time.ts';
import type { FieldErrors } from '../../../platform/http/errors.ts';
import { Button, ErrorSummary, fieldId, formatNumber, PostForm } from '../../../platform/ui/components.tsx';
import { type Answers, FormResultsList, PageElements, visibleElementIds } from '../../forms/index.ts';
import { LinkedText } from '../../pages/index.ts';
import { type ConsultationResults, MODE_LABELS, STATE_LABELS } from '../model.ts';
import type { ConsultationView } from '../services/consultations.ts';

export const consultationPath = (id: number) => `/consultations/${id}`;

function Notice({ kind = 'info', children }: { kind?: 'info' | 'warning' | 'success'; children: ComponentChildren }) {
  return <div class={`notice notice-${kind}`}>{children}</div>;
}

/** « du … au … », in Paris time. */
export function Dates({ v }: { v: ConsultationView }) {
  const c = v.consultation;
  return (
    <>
      {v.state === 'scheduled' ? 'Ouvrira le ' : v.state === 'open' ? 'Ouverte depuis le ' : 'Ouverte du '}
      {formatParis(c.opensAt)}
      {v.state === 'closed' ? ' au ' : ', jusqu’au '}
      {formatParis(c.closesAt)}
    </>
  );
}

function Card({ v }: { v: ConsultationView }) {
  const c = v.consultation;
  return (
    <li class="card">
      <h3>
        <a href={consultationPath(c.id)}>{c.title}</a>
      </h3>
      <p class="meta">
        <span class="tag">{STATE_LABELS[v.state]}</span> {v.organisationName}
        {v.sheet ? ` · projet : ${v.sheet.title}` : ''}
      </p>
      <p class="meta">
        <Dates v={v} />
      </p>
      {v.state === 'closed' && <p>{c.synthesisPublishedAt ? 'Synthèse publiée.' : 'Synthèse en préparation.'}</p>}
    </li>
  );
}

export function ConsultationsListPage({ items, canOpen }: { items: ConsultationView[]; canOpen: boolean }) {
  const groups: { key: string; title: string; list: ConsultationView[]; empty: string }[] = [
    {
      key: 'ouvertes',
      title: 'Consultations ouvertes',
      list: items.filter((v) => v.state === 'open'),
      empty: 'Aucune consultation n’est ouverte en ce moment.',
    },
    {
      key: 'a-venir',
      title: 'À venir',
      list: items.filter((v) => v.state === 'scheduled'),
      empty: 'Aucune consultation n’est annoncée.',
    },
    {
      key: 'passees',
      title: 'Consultations passées',
      list: items.filter((v) => v.state === 'closed'),
      empty: 'Aucune consultation n’est encore close.',
    },
  ];
  return (
    <>
      <h1>Consultations</h1>
      <p class="lead">
        Avant de mettre en service un système d’intelligence artificielle, des collectivités demandent l’avis des
        habitants. Lisez l’explication du projet, répondez aux questions, puis découvrez la synthèse et ce que la
        consultation a changé.
      </p>
      {canOpen && (
        <p>
          <a class="button button-primary" href="/consultations/nouvelle">
            Ouvrir une consultation
          </a>
        </p>
      )}
      {groups.map((g) => (
        <section aria-labelledby={`groupe-${g.key}`}>
          <h2 id={`groupe-${g.key}`}>{g.title}</h2>
          {g.list.length ? (
            <ul class="card-list">
              {g.list.map((v) => (
                <Card v={v} />
              ))}
            </ul>
          ) : (
            <p>{g.empty}</p>
          )}
        </section>
      ))}
      <p>
        <a href="/api/v1/consultations">Les consultations en JSON (API)</a> · <a href="/glossaire">Glossaire de l’IA</a>
      </p>
    </>
  );
}

/** Results under the small-number rule, or why they are withheld. */
export function ResultsBlock({ r, full = false }: { r: ConsultationResults; full?: boolean }) {
  return (
    <section aria-labelledby="resultats-titre">
      <h2 id="resultats-titre">Résultats</h2>
      <p>
        {formatNumber(r.answers)} réponse{r.answers > 1 ? 's' : ''} reçue{r.answers > 1 ? 's' : ''}.
      </p>
      {r.withheld || !r.results ? (
        <Notice>
          <p>
            Moins de {r.minCell} réponses : les résultats ne sont pas publiés, car ils pourraient faire reconnaître les
            personnes qui ont répondu.
          </p>
        </Notice>
      ) : (
        <>
          {!full && (
            <p class="meta">
              Aucun résultat n’est publié pour moins de {r.minCell} réponses ; les réponses écrites ne sont pas
              publiées, sauf pour les questions qui le prévoient.
            </p>
          )}
          <FormResultsList results={r.results} />
        </>
      )}
    </section>
  );
}

export interface ConsultationPageProps {
  v: ConsultationView;
  signedIn: boolean;
  answered: boolean;
  results: ConsultationResults | null;
  answers?: Answers;
  errors?: FieldErrors;
}

/** The project in plain words, from its library sheet. */
function Explanation({ v }: { v: ConsultationView }) {
  const s = v.sheet;
  if (!s) return null;
  return (
    <section aria-labelledby="projet-titre" class="plain-summary">
      <h2 id="projet-titre">Le projet en bref</h2>
      {v.explanation && (
        <p class="prose">
          <LinkedText segments={v.explanation} />
        </p>
      )}
      {s.description && (
        <details>
          <summary>Description complète du service</summary>
          <div class="prose">{s.description}</div>
        </details>
      )}
      <p>
        <a href={s.path}>Lire la fiche du projet « {s.title} »</a> · <a href="/glossaire">Glossaire de l’IA</a>
      </p>
    </section>
  );
}

function AnswerForm({ v, answers = {}, errors }: { v: ConsultationView; answers?: Answers; errors?: FieldErrors }) {
  const c = v.consultation;
  const visible = visibleElementIds(c.form, answers);
  return (
    <section aria-labelledby="repondre-titre">
      <h2 id="repondre-titre">Répondre</h2>
      <p class="meta">
        {c.mode === 'anonymous'
          ? 'Vos réponses sont anonymes : aucun compte n’est demandé et elles ne sont reliées à personne. Une seule réponse par navigateur.'
          : 'Une seule réponse par personne. Vos réponses ne sont pas publiées telles quelles : seuls des totaux le sont.'}
      </p>
      <PostForm
        action={`${consultationPath(c.id)}/repondre`}
        aria-label="Répondre à la consultation"
        id={fieldId('_formulaire')}
      >
        <div class="visually-hidden" aria-hidden="true">
          <label for="site-web">Ne remplissez pas ce champ</label>
          <input type="text" id="site-web" name="site_web" tabIndex={-1} autoComplete="off" value="" />
        </div>
        {c.form.pages.map((page) =>
          c.form.pages.length > 1 ? (
            <section class="form-page" aria-label={page.title}>
              <h3>{page.title}</h3>
              <PageElements page={page} answers={answers} visible={visible} errors={errors ?? {}} />
            </section>
          ) : (
            <PageElements page={page} answers={answers} visible={visible} errors={errors ?? {}} />
          ),
        )}
        <Button>Envoyer mes réponses</Button>
      </PostForm>
    </section>
  );
}

export function ConsultationPage(p: ConsultationPageProps) {
  const { v } = p;
  const c = v.consultation;
  const path = consultationPath(c.id);
  return (
    <>
      <ErrorSummary errors={p.errors} />
      <h1>{c.title}</h1>
      <p class="meta">
        <span class="tag">{STATE_LABELS[v.state]}</span> Consultation de {v.organisationName} · <Dates v={v} /> ·{' '}
        {MODE_LABELS[c.mode]}
      </p>
      {v.canManage && (
        <p class="actions">
          <a class="button button-secondary" href={`${path}/gestion`}>
            Gérer la consultation
          </a>
        </p>
      )}
      <Explanation v={v} />
      {c.introduction && (
        <section aria-labelledby="intro-titre">
          <h2 id="intro-titre">Pourquoi cette consultation</h2>
          <div class="prose">{c.introduction}</div>
        </section>
      )}
      {v.state === 'scheduled' && (
        <Notice>
          <p>Cette consultation n’est pas encore ouverte : revenez à partir du {formatParis(c.opensAt)}.</p>
        </Notice>
      )}
      {v.state === 'open' &&
        (p.answered ? (
          <Notice kind="success">
            <p>Merci : votre réponse est enregistrée. Les résultats seront publiés après la clôture.</p>
          </Notice>
        ) : c.mode === 'signed_in' && !p.signedIn ? (
          <Notice>
            <p>
              Cette consultation demande un compte.{' '}
              <a href={`/connexion?retour=${encodeURIComponent(path)}`}>Se connecter pour répondre</a>
            </p>
          </Notice>
        ) : (
          <AnswerForm v={v} answers={p.answers} errors={p.errors} />
        ))}
      {v.state === 'closed' && (
        <section aria-labelledby="synthese-titre">
          <h2 id="synthese-titre">Synthèse</h2>
          {c.synthesisPublishedAt ? (
            <>
              <div class="prose">{c.synthesis}</div>
              <h3>Ce que la consultation a changé</h3>
              <div class="prose">{c.changes}</div>
              <p class="meta">Publiée le {formatParis(c.synthesisPublishedAt)}.</p>
            </>
          ) : (
            <p>La collectivité prépare la synthèse de cette consultation.</p>
          )}
        </section>
      )}
      {v.state === 'closed' && p.results && <ResultsBlock r={p.results} />}
      <p>
        <a href={`/api/v1/consultations/${c.id}`}>Cette consultation en JSON (API)</a>
      </p>
    </>
  );
}

/**
 * An initiative's page: « en bref, en langage clair » first, then the description, the publics, the results, what
 * helped and held back, resources and contact, the Manifesto commitments; for its writers and the coordinators, its
 * state, the reviewer's comment and the workflow buttons. And its history.
 */
import type { VNode } from 'preact';
import type { FieldErrors } from '../../../platform/http/errors.ts';
import { Button, ErrorSummary, formatDate, PostForm, TextArea } from '../../../platform/ui/components.tsx';
import { eventLabel } from '../model-labels.ts';
import type { PresentedInitiative } from '../services/presenter.ts';
import { facetPath } from '../services/search.ts';
import type { VersionRecord } from '../store.ts';
import { ACTION_LABELS, type Action } from '../workflow.ts';

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n{2,}/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p) => (
          <p>{p}</p>
        ))}
    </>
  );
}

function Section({ id, title, text }: { id: string; title: string; text: string }) {
  if (!text.trim()) return null;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <Paragraphs text={text} />
    </section>
  );
}

const COMMENTED: readonly Action[] = ['return', 'unpublish'];

function Actions({ p, errors }: { p: PresentedInitiative; errors?: FieldErrors }) {
  if (!p.canWrite) return null;
  const plain = p.actions.filter((a) => !COMMENTED.includes(a));
  const commented = p.actions.filter((a) => COMMENTED.includes(a));
  return (
    <section aria-labelledby="suivi" class="workflow">
      <h2 id="suivi">Suivi</h2>
      <ErrorSummary errors={errors} />
      <p>
        État : <strong>{p.statusLabel}</strong>
        {p.working && !p.published && ' — visible seulement par la collectivité et les coordinateurs.'}
      </p>
      {p.reviewComment && (
        <div class="notice">
          <p>
            <strong>Commentaire des coordinateurs :</strong>
          </p>
          <Paragraphs text={p.reviewComment} />
        </div>
      )}
      <p>
        {p.canEdit ? (
          <>
            <a class="button button-secondary" href={`${p.path}/modifier`}>
              Modifier l’initiative
            </a>{' '}
          </>
        ) : (
          <>
            Pendant la relecture, l’initiative ne se modifie pas : la collectivité peut la reprendre pour la modifier.{' '}
          </>
        )}
        <a href={`${p.path}/historique`}>Historique des versions</a>
      </p>
      {plain.map((a) => (
        <PostForm action={`${p.path}/action`} class="inline-form">
          <input type="hidden" name="version" value={String(p.version)} />
          <input type="hidden" name="action" value={a} />
          <Button kind={a === 'publish' || a === 'submit' ? 'primary' : 'secondary'}>{ACTION_LABELS[a]}</Button>
        </PostForm>
      ))}
      {commented.map((a) => (
        <PostForm action={`${p.path}/action`}>
          <input type="hidden" name="version" value={String(p.version)} />
          <input type="hidden" name="action" value={a} />
          <TextArea
            name="commentaire"
            id={`champ-commentaire-${a}`}
            label={a === 'return' ? 'Ce qu’il faut modifier avant publication' : 'Raison du retrait de la publication'}
            error={errors?.commentaire}
            rows={3}
          />
          <Button kind={a === 'unpublish' ? 'danger' : 'secondary'}>{ACTION_LABELS[a]}</Button>
        </PostForm>
      ))}
    </section>
  );
}

export function InitiativePage({
  p,
  errors,
  voice,
}: {
  p: PresentedInitiative;
  errors?: FieldErrors;
  /** « Contributions citoyennes » (voice module), for a published initiative. */
  voice?: VNode | null;
}) {
  const c = p.content;
  return (
    <>
      <h1>{c.title || 'Initiative sans titre'}</h1>
      <p class="meta">
        <a href={p.organisation.path}>{p.organisation.name}</a>
        {p.organisation.regionName ? ` · ${p.organisation.regionName}` : ''}
        {p.format ? ` · ${p.format.label}` : ''}
        {c.startDate ? ` · depuis le ${formatDate(c.startDate)}` : ''}
        {c.endDate ? ` jusqu’au ${formatDate(c.endDate)}` : ''}
      </p>
      {c.plainSummary && (
        <section aria-labelledby="en-bref" class="plain-summary">
          <h2 id="en-bref">En bref, en langage clair</h2>
          <Paragraphs text={c.plainSummary} />
        </section>
      )}
      <Actions p={p} errors={errors} />
      <Section id="resume" title="La démarche" text={c.summary} />
      <section aria-labelledby="reperes">
        <h2 id="reperes">Repères</h2>
        <dl class="summary">
          {p.topics.length > 0 && (
            <>
              <dt>Sujets</dt>
              <dd>
                {p.topics.map((t, i) => (
                  <>
                    {i > 0 && ', '}
                    <a href={facetPath('topic', t.code)}>{t.label}</a>
                  </>
                ))}
              </dd>
            </>
          )}
          {p.publics.length > 0 && (
            <>
              <dt>Publics touchés</dt>
              <dd>{p.publics.map((t) => t.label).join(', ')}</dd>
            </>
          )}
          {c.participants !== null && (
            <>
              <dt>Participants</dt>
              <dd>{c.participants.toLocaleString('fr-FR')}</dd>
            </>
          )}
          {p.budget && (
            <>
              <dt>Budget</dt>
              <dd>{p.budget.label}</dd>
            </>
          )}
          {c.partners && (
            <>
              <dt>Partenaires</dt>
              <dd>{c.partners}</dd>
            </>
          )}
          {c.contact && (
            <>
              <dt>Contact</dt>
              <dd>{c.contact}</dd>
            </>
          )}
        </dl>
      </section>
      <Section id="eloignes" title="Les personnes éloignées du numérique" text={c.farFromDigital} />
      <Section id="resultats" title="Ce qui a changé dans la politique menée" text={c.outcomes} />
      <Section id="atouts" title="Points forts" text={c.strengths} />
      <Section id="freins" title="Freins rencontrés" text={c.obstacles} />
      {c.resources.length > 0 && (
        <section aria-labelledby="ressources">
          <h2 id="ressources">Ressources</h2>
          <ul>
            {c.resources.map((r) => (
              <li>
                <a href={r.url} rel="noopener">
                  {r.label}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {p.commitments.length > 0 && (
        <section aria-labelledby="manifeste">
          <h2 id="manifeste">Engagements du Manifeste mis en pratique</h2>
          <ul>
            {p.commitments.map((m) => (
              <li>
                <a href={`/manifeste#engagement-${m.number}`}>
                  Engagement {m.number} : {m.title}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p class="meta">
        {p.publishedAt ? `Publiée le ${formatDate(p.publishedAt)}. ` : ''}
        <a href={`${p.path}/historique`}>Historique</a>
      </p>
      {voice}
    </>
  );
}

export function HistoryPage({ p, versions }: { p: PresentedInitiative; versions: VersionRecord[] }) {
  return (
    <>
      <h1>Historique : {p.content.title || 'initiative sans titre'}</h1>
      {versions.length === 0 ? (
        <p>Aucune version publiée pour le moment.</p>
      ) : (
        <ol class="history" reversed>
          {versions.map((v) => (
            <li>
              <p>
                <strong>{eventLabel(v.event)}</strong> — {formatDate(v.createdAt, true)}
              </p>
              {v.comment && <p>« {v.comment} »</p>}
              <details>
                <summary>Contenu à cette étape : {v.content.title || 'sans titre'}</summary>
                {v.content.plainSummary && <p>{v.content.plainSummary}</p>}
                {v.content.summary && <Paragraphs text={v.content.summary} />}
              </details>
            </li>
          ))}
        </ol>
      )}
      <p>
        <a href={p.path}>Retour à l’initiative</a>
      </p>
    </>
  );
}

/** Answering a questionnaire: one page at a time, then a summary to check before sending, then a receipt. */
import {
  Button,
  CsrfField,
  fieldId,
  formatDate,
  PostForm,
  Table,
  TextInput,
} from '../../../platform/ui/components.tsx';
import { OrganisationPicker } from '../../../platform/ui/organisation-picker.tsx';
import {
  type Answers,
  type Conflict,
  cellText,
  type FileAnswer,
  type Form,
  isQuestion,
  type OrganisationOption,
  type Page,
  PageElements,
  type Progress,
  type Question,
} from '../../forms/index.ts';
import type { CampaignState } from '../campaigns.ts';

export interface AnswerContext {
  campaignTitle: string;
  authorityName: string | null;
  basePath: string;
  /** Preview of a draft by a coordinator: nothing is saved. */
  preview?: boolean;
  publicLink?: boolean;
  closesAt?: string;
  organisationNames?: Record<string, string>;
  /** Several responses per authority (one per project): the page listing them. */
  listPath?: string | null;
  /** Answering through the invitation link without an account: offer to create one. */
  offerAccount?: boolean;
}

function Heading({ ctx, questionnaire }: { ctx: AnswerContext; questionnaire: Form }) {
  return (
    <header class="answer-header">
      <p class="meta">
        {ctx.preview ? 'Aperçu — rien n’est enregistré' : ctx.campaignTitle}
        {ctx.authorityName ? ` — pour ${ctx.authorityName}` : ''}
      </p>
      <p class="answer-questionnaire">{questionnaire.title}</p>
      {ctx.listPath && (
        <p>
          <a href={ctx.listPath}>Toutes les réponses de votre collectivité</a>
        </p>
      )}
    </header>
  );
}

function ProgressBlock({
  progress,
  pageIndex,
  pageCount,
}: {
  progress: Progress;
  pageIndex: number;
  pageCount: number;
}) {
  return (
    <div class="progress">
      <p>
        Page {pageIndex + 1} sur {pageCount} — {progress.answered} question{progress.answered > 1 ? 's' : ''}{' '}
        obligatoire
        {progress.answered > 1 ? 's' : ''} renseignée{progress.answered > 1 ? 's' : ''} sur {progress.total}
      </p>
      <progress max={100} value={progress.percent} aria-hidden="true">
        {progress.percent} %
      </progress>
    </div>
  );
}

export interface AnswerPageProps {
  ctx: AnswerContext;
  questionnaire: Form;
  page: Page;
  pageIndex: number;
  pageCount: number;
  previousPageId: string | null;
  isLast: boolean;
  answers: Answers;
  visible: Set<string>;
  progress: Progress;
  errors: Record<string, string>;
  conflicts: Conflict[];
  version: number;
  /** The page's answers as displayed (only what changes is written). */
  base: Answers;
  organisationChoices: Record<string, OrganisationOption[]>;
  fileUrl?: (file: FileAnswer) => string;
  savedAt?: string | null;
  /** Preview: the answers travel in the form. */
  previewState?: string;
}

export function AnswerPage(props: AnswerPageProps) {
  const { ctx, page, questionnaire, answers, errors } = props;
  const hasFile = page.elements.some((e) => e.type === 'file');
  const action = `${ctx.basePath}/page/${page.id}`;
  const errorEntries = Object.entries(errors);
  return (
    <>
      <Heading ctx={ctx} questionnaire={questionnaire} />
      {errorEntries.length > 0 && (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} data-error-summary>
          <h2 id="error-summary-title">Il y a un problème</h2>
          <ul>
            {errorEntries.map(([field, message]) => (
              <li>
                <a href={`#${fieldId(field)}`}>{message}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {props.conflicts.length > 0 && <ConflictNotice conflicts={props.conflicts} questionnaire={questionnaire} />}
      <h1>{page.title}</h1>
      {page.description && <p class="lead">{page.description}</p>}
      <ProgressBlock progress={props.progress} pageIndex={props.pageIndex} pageCount={props.pageCount} />
      <script
        type="application/json"
        id="questionnaire-data"
        // Read by the answering island (conditions and autosave); `<` escaped so that no text can close the tag.
        dangerouslySetInnerHTML={{
          __html: JSON.stringify({ questionnaire, answers, pageId: page.id }).replace(/</g, '\\u003c'),
        }}
      />
      <form
        method="post"
        action={action}
        noValidate
        enctype={hasFile ? 'multipart/form-data' : undefined}
        data-answer-form
        data-autosave={ctx.preview ? undefined : `${ctx.basePath}/enregistrer`}
        data-version={String(props.version)}
        data-page={page.id}
      >
        <CsrfField />
        <input type="hidden" name="_version" value={String(props.version)} />
        <input type="hidden" name="_base" value={JSON.stringify(props.base)} data-base />
        {props.previewState !== undefined && <input type="hidden" name="_preview" value={props.previewState} />}
        {ctx.publicLink && (
          <div class="visually-hidden" aria-hidden="true">
            <label for="site-web">Ne remplissez pas ce champ</label>
            <input type="text" id="site-web" name="site_web" tabIndex={-1} autoComplete="off" value="" />
          </div>
        )}
        <PageElements
          page={page}
          answers={answers}
          visible={props.visible}
          errors={errors}
          organisationNames={ctx.organisationNames}
          organisationChoicesOf={(id) => props.organisationChoices[id]}
          organisationPicker={OrganisationPicker}
          fileUrl={props.fileUrl}
        />
        <p class="meta" data-autosave-status aria-live="polite">
          {props.savedAt && !ctx.preview ? `Réponses enregistrées le ${formatDate(props.savedAt, true)}.` : ''}
        </p>
        <div class="actions">
          {props.previousPageId && (
            <Button kind="secondary" name="action" value="previous">
              Page précédente
            </Button>
          )}
          {!ctx.preview && (
            <Button kind="secondary" name="action" value="save">
              Enregistrer
            </Button>
          )}
          <Button name="action" value="next">
            {props.isLast ? 'Vérifier mes réponses' : 'Continuer'}
          </Button>
        </div>
      </form>
      {!ctx.preview && (
        <p class="meta">
          Vos réponses sont enregistrées à chaque changement de page et avec le bouton « Enregistrer ». Vous pouvez vous
          interrompre et reprendre plus tard, depuis n’importe quel appareil, avec le même lien.
          {ctx.closesAt ? ` Le recensement est ouvert jusqu’au ${formatDate(ctx.closesAt, true)}.` : ''}
        </p>
      )}
    </>
  );
}

function ConflictNotice({ conflicts, questionnaire }: { conflicts: Conflict[]; questionnaire: Form }) {
  const label = (key: string) => {
    const id = key.replace(/\.other$/, '');
    const q = questionnaire.pages.flatMap((p) => p.elements).find((e) => e.id === id);
    return q && isQuestion(q) ? `${q.label}${key.endsWith('.other') ? ' (précision)' : ''}` : key;
  };
  const show = (key: string, v: unknown) => {
    const id = key.replace(/\.other$/, '');
    const q = questionnaire.pages.flatMap((p) => p.elements).find((e) => e.id === id);
    if (!v && v !== false && v !== 0) return 'rien';
    if (q && isQuestion(q) && !key.endsWith('.other')) return cellText(q, { [id]: v as any }) || String(v);
    return String(v);
  };
  return (
    <div class="notice notice-warning" role="alert">
      <h2>Quelqu’un a modifié certaines réponses en même temps que vous</h2>
      <p>
        Ces réponses ont été changées par une autre personne après l’affichage de cette page. Leur version est conservée
        ci-dessous ; votre saisie n’a pas été enregistrée. Si la vôtre est la bonne, saisissez-la de nouveau et
        enregistrez.
      </p>
      <ul>
        {conflicts.map((c) => (
          <li>
            <strong>{label(c.key)}</strong> : votre saisie « {show(c.key, c.yours)} », enregistré par l’autre personne «{' '}
            {show(c.key, c.theirs)} »
          </li>
        ))}
      </ul>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Check your answers, receipt, read-only
// ---------------------------------------------------------------------------------------------------------------

export interface SummaryProps {
  ctx: AnswerContext;
  questionnaire: Form;
  pages: Page[];
  answers: Answers;
  visible: Set<string>;
  errors: Record<string, string>;
  version: number;
  mode: 'check' | 'submitted' | 'closed';
  submittedAt?: string | null;
  email?: string | null;
  canReopen?: boolean;
  state: CampaignState;
  fileUrl?: (file: FileAnswer) => string;
}

function answerText(q: Question, answers: Answers, names?: Record<string, string>): string {
  const v = answers[q.id];
  if (q.type === 'organisation' && typeof v === 'string') return names?.[v] ?? v;
  return cellText(q, answers);
}

export function Summary(props: SummaryProps) {
  const { ctx, questionnaire, pages, answers, visible, errors } = props;
  const errorEntries = Object.entries(errors);
  const pageOf = (id: string) => pages.find((p) => p.elements.some((e) => e.id === id.replace(/\.other$/, '')));
  return (
    <>
      <Heading ctx={ctx} questionnaire={questionnaire} />
      {errorEntries.length > 0 && (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} data-error-summary>
          <h2 id="error-summary-title">Quelques réponses sont à compléter avant l’envoi</h2>
          <ul>
            {errorEntries.map(([field, message]) => {
              const page = pageOf(field);
              return (
                <li>
                  <a href={`${ctx.basePath}/page/${page?.id ?? pages[0]?.id}#${fieldId(field)}`}>
                    {page ? `${page.title} : ` : ''}
                    {message}
                  </a>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {props.mode === 'submitted' && (
        <div class="notice notice-success" role="status">
          <h1>Réponse envoyée</h1>
          <p>
            {ctx.authorityName ? `La réponse de ${ctx.authorityName}` : 'Votre réponse'} a été envoyée le{' '}
            {formatDate(props.submittedAt, true)}.
            {props.email ? ` Un accusé de réception a été envoyé à ${props.email}.` : ''}
          </p>
          {ctx.listPath && (
            <p>
              <a href={ctx.listPath}>Répondre pour un autre projet</a>
            </p>
          )}
          {ctx.offerAccount && (
            <p>
              Aucun compte n’est nécessaire pour répondre. Avec un compte, vous retrouverez les recensements de votre
              collectivité dans « Mes recensements » : <a href="/inscription">créer un compte</a>.
            </p>
          )}
        </div>
      )}
      {props.mode === 'closed' && (
        <div class="notice notice-warning" role="status">
          <h1>Recensement clos</h1>
          <p>Ce recensement est clos : les réponses ne peuvent plus être modifiées. Voici ce qui a été enregistré.</p>
        </div>
      )}
      {props.mode === 'check' && <h1>Vérifiez vos réponses avant de les envoyer</h1>}
      {pages.map((page) => (
        <section aria-labelledby={`resume-${page.id}`}>
          <h2 id={`resume-${page.id}`}>{page.title}</h2>
          <dl class="summary-list">
            {page.elements
              .filter(isQuestion)
              .filter((q) => visible.has(q.id))
              .map((q) => {
                const text = answerText(q, answers, ctx.organisationNames);
                const file =
                  q.type === 'file' && answers[q.id] && typeof answers[q.id] === 'object'
                    ? (answers[q.id] as FileAnswer)
                    : null;
                return (
                  <div class="summary-row">
                    <dt>{q.label}</dt>
                    <dd>
                      {file && props.fileUrl ? (
                        <a href={props.fileUrl(file)}>{file.name}</a>
                      ) : (
                        text || <span class="meta">Non renseigné</span>
                      )}
                    </dd>
                    {props.mode === 'check' && (
                      <dd class="summary-action">
                        <a href={`${ctx.basePath}/page/${page.id}#${fieldId(q.id)}`}>
                          Modifier<span class="visually-hidden"> : {q.label}</span>
                        </a>
                      </dd>
                    )}
                  </div>
                );
              })}
          </dl>
        </section>
      ))}
      {props.mode === 'check' && !ctx.preview && (
        <PostForm action={`${ctx.basePath}/envoyer`}>
          <input type="hidden" name="_version" value={String(props.version)} />
          <h2>Envoyer vos réponses</h2>
          <TextInput
            name="email"
            type="email"
            label="Adresse e-mail pour recevoir l’accusé de réception"
            hint="Facultatif si vous êtes connecté : l’accusé est aussi envoyé à l’adresse de votre compte."
            value={props.email ?? ''}
            error={errors.email}
            autocomplete="email"
          />
          <p>
            En envoyant, vous confirmez que ces réponses engagent votre{' '}
            {ctx.authorityName ? 'collectivité' : 'participation'}.
          </p>
          <div class="actions">
            <Button>Envoyer mes réponses</Button>
          </div>
        </PostForm>
      )}
      {props.mode === 'submitted' && props.canReopen && (
        <PostForm action={`${ctx.basePath}/rouvrir`}>
          <p>
            Vous pouvez rouvrir la réponse pour la modifier jusqu’à la clôture du recensement
            {ctx.closesAt ? `, le ${formatDate(ctx.closesAt, true)}` : ''}.
          </p>
          <Button kind="secondary">Rouvrir la réponse pour la modifier</Button>
        </PostForm>
      )}
    </>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// My campaigns
// ---------------------------------------------------------------------------------------------------------------

export interface MyCampaignRow {
  campaign: { id: number; title: string; closesAt: string };
  state: CampaignState;
  organisationName: string;
  response: { status: string; progress: number; submittedAt: string | null } | null;
  href: string;
}

export function MyCampaignsPage({
  rows,
  coordinator,
  published,
}: {
  /** null for a visitor who is not signed in. */
  rows: MyCampaignRow[] | null;
  coordinator: boolean;
  published: { id: number; title: string; state: CampaignState; closesAt: string }[];
}) {
  return (
    <>
      <h1>{rows ? 'Mes recensements' : 'Recensements'}</h1>
      <p class="lead">
        Le réseau recense régulièrement les démarches des collectivités : projets d’IA, participation citoyenne et
        politiques numériques. Chaque collectivité invitée reçoit un lien personnel ; plusieurs agents d’une même
        collectivité complètent ensemble la même réponse.
      </p>
      {coordinator && (
        <p>
          <a href="/coordination/campagnes">Suivre les campagnes du réseau</a> —{' '}
          <a href="/coordination/questionnaires">Construire les questionnaires</a>
        </p>
      )}
      {rows === null ? (
        <p>
          Vous avez reçu un lien par e-mail ? Ouvrez-le directement. Vous pouvez aussi{' '}
          <a href="/connexion?retour=%2Frecensements">vous connecter</a> pour retrouver les recensements de votre
          collectivité.
        </p>
      ) : rows.length === 0 ? (
        <p>
          Aucune de vos collectivités n’est invitée à un recensement en ce moment. Si vous avez reçu un lien par e-mail,
          ouvrez-le directement.
        </p>
      ) : (
        <Table
          caption="Recensements de vos collectivités"
          columns={['Recensement', 'Collectivité', 'Où en est la réponse', 'Clôture']}
        >
          {rows.map((r) => (
            <tr>
              <th scope="row">
                <a href={r.href}>{r.campaign.title}</a>
              </th>
              <td>{r.organisationName}</td>
              <td>
                {r.response?.status === 'submitted'
                  ? `Envoyée le ${formatDate(r.response.submittedAt)}`
                  : r.response
                    ? `En cours (${r.response.progress} %)`
                    : r.state === 'closed'
                      ? 'Sans réponse'
                      : 'Pas commencée'}
              </td>
              <td>{r.state === 'closed' ? 'Clos' : formatDate(r.campaign.closesAt)}</td>
            </tr>
          ))}
        </Table>
      )}
      {published.length > 0 && (
        <>
          <h2>Résultats publiés</h2>
          <ul class="link-list">
            {published.map((c) => (
              <li>
                <a href={`/recensements/${c.id}/resultats`}>{c.title}</a>{' '}
                <span class="meta">{c.state === 'closed' ? `(clos le ${formatDate(c.closesAt)})` : '(en cours)'}</span>
              </li>
            ))}
          </ul>
          {published.length > 1 && (
            <p>
              <a href="/recensements/comparer">Comparer deux campagnes</a>
            </p>
          )}
        </>
      )}
    </>
  );
}

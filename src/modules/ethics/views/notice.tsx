/**
 * The transparency notice: the public page (two levels: a short summary for everyone, then the detail; prints
 * cleanly) and the authority's edit page (one text per part, error summary, publish).
 */
import { Button, ErrorSummary, formatDate, PostForm, TextArea } from '../../../platform/ui/components.tsx';
import { MAX_SECTION, MAX_SUMMARY, type NoticeContent, TO_COMPLETE } from '../notice.ts';

export interface NoticePageProps {
  title: string;
  organisationName?: string;
  content: NoticeContent;
  number: number;
  publishedAt: string | null;
  sheetPath: string;
  /** Shown to the authority when a draft is being prepared. */
  editPath?: string | null;
  /** A draft shown to the authority (not published yet). */
  preview?: boolean;
}

export function NoticePage(props: NoticePageProps) {
  return (
    <article class="transparency-notice">
      <h1>Notice de transparence : {props.title}</h1>
      <p class="meta">
        {props.preview
          ? `Version ${props.number} en préparation — non publiée, visible de la collectivité et des coordinateurs`
          : `Version ${props.number}, publiée le ${formatDate(props.publishedAt)}`}
      </p>
      <section class="notice-summary" aria-labelledby="notice-summary-title">
        <h2 id="notice-summary-title">En bref</h2>
        {props.content.summary.split('\n').map((p) => (
          <p>{p}</p>
        ))}
      </section>
      <h2>En détail</h2>
      {props.content.sections.map((s) => (
        <section aria-labelledby={`notice-${s.key}`}>
          <h3 id={`notice-${s.key}`}>{s.title}</h3>
          {s.text.split('\n').map((p) => (
            <p>{p}</p>
          ))}
        </section>
      ))}
      <p class="no-print">
        <a href={props.sheetPath}>Voir la fiche du projet</a>
        {props.editPath ? (
          <>
            {' · '}
            <a href={props.editPath}>Préparer ou modifier la notice</a>
          </>
        ) : null}
      </p>
    </article>
  );
}

export interface NoticeEditProps {
  title: string;
  content: NoticeContent;
  number: number;
  version: number;
  action: string;
  regenerateAction: string;
  errors?: Record<string, string>;
  hasPublished: boolean;
}

export function NoticeEditPage(props: NoticeEditProps) {
  const errors = props.errors ?? {};
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1>Préparer la notice de transparence : {props.title}</h1>
      <p class="lead">
        Version {props.number}. Le texte a été rédigé à partir des champs publics de la fiche et de vos évaluations
        signées ; relisez-le, complétez les parties marquées « {TO_COMPLETE} » et publiez.{' '}
        {props.hasPublished
          ? 'La version publiée reste en ligne jusqu’à la publication de celle-ci.'
          : 'Rien n’est public avant la publication.'}
      </p>
      <PostForm action={props.action}>
        <input type="hidden" name="version" value={String(props.version)} />
        <TextArea
          name="resume"
          label="En bref (pour tout le monde)"
          hint="Quelques phrases simples : ce que fait le système, pour qui, et comment demander une explication."
          value={props.content.summary}
          error={errors.resume}
          rows={4}
          maxLength={MAX_SUMMARY}
        />
        {props.content.sections.map((s) => (
          <TextArea
            name={`section_${s.key}`}
            label={s.title}
            value={s.text}
            error={errors[`section_${s.key}`]}
            rows={4}
            maxLength={MAX_SECTION}
          />
        ))}
        <div class="actions">
          <Button kind="secondary" name="action" value="save">
            Enregistrer le brouillon
          </Button>
          <Button name="action" value="publish">
            Publier la notice
          </Button>
        </div>
      </PostForm>
      <PostForm action={props.regenerateAction}>
        <input type="hidden" name="version" value={String(props.version)} />
        <p>
          Rédiger de nouveau le texte à partir de la fiche et des évaluations (vos modifications seront remplacées) :
        </p>
        <Button kind="secondary">Régénérer depuis la fiche</Button>
      </PostForm>
    </>
  );
}

/** The notice on a sheet's « IA responsable » page: read it, prepare it, publish it. */
export function NoticeBlock(props: {
  sheetPath: string;
  published: { number: number; publishedAt: string | null } | null;
  draft: { number: number; updatedAt: string } | null;
  canWrite: boolean;
}) {
  return (
    <section aria-labelledby="notice-block-title">
      <h2 id="notice-block-title">Notice de transparence</h2>
      <p>
        Une page en français simple qui explique le système aux habitants : ce qu’il fait, qui en répond, sa place dans
        les décisions, les données, le contrôle humain, les risques et comment contester. Rédigée à partir de la fiche
        et des évaluations, modifiable avant publication.
      </p>
      {props.published ? (
        <p>
          <a href={`${props.sheetPath}/notice`}>
            Lire la notice (version {props.published.number}, publiée le {formatDate(props.published.publishedAt)})
          </a>
        </p>
      ) : (
        <p>Aucune notice publiée pour l’instant.</p>
      )}
      {props.canWrite &&
        (props.draft ? (
          <p>
            <a class="button button-secondary" href={`${props.sheetPath}/notice/modifier`}>
              Continuer la notice en préparation (version {props.draft.number})
            </a>
          </p>
        ) : (
          <PostForm action={`${props.sheetPath}/notice/brouillon`}>
            <Button kind="secondary">{props.published ? 'Préparer une nouvelle version' : 'Préparer la notice'}</Button>
          </PostForm>
        ))}
    </section>
  );
}

/**
 * The network's « conditions de réussite »: the public page (the positions, each linked to its evidence, then the
 * evidence computed across the network; prints cleanly) and the coordinators' edit page.
 */
import {
  Button,
  ChoiceGroup,
  ErrorSummary,
  formatDate,
  PostForm,
  Table,
  TextArea,
  TextInput,
} from '../../../platform/ui/components.tsx';
import {
  type Block,
  type ConditionsContent,
  EVIDENCE_ANCHORS,
  formatText,
  POSITION_SLOTS,
  type Run,
  TEXT_MAX,
  TITLE_MAX,
} from '../conditions.ts';
import { EVIDENCE_RULES, type Evidence, type GroupRow, INDICATORS, SMALL_TEXT } from '../evidence.ts';

export const CONDITIONS_PATH = '/ia-responsable/conditions-de-reussite';
const anchorLabel = new Map<string, string>(EVIDENCE_ANCHORS.map((a) => [a.code, a.label]));

function Runs({ runs }: { runs: Run[] }) {
  return <>{runs.map((r) => (r.strong ? <strong>{r.text}</strong> : r.text))}</>;
}

/** A text with its light formatting (paragraphs, lists, emphasis), never read as HTML. */
export function FormattedText({ text }: { text: string }) {
  return (
    <>
      {formatText(text).map((b: Block) =>
        b.kind === 'paragraph' ? (
          <p>
            <Runs runs={b.runs} />
          </p>
        ) : (
          <ul>
            {b.items.map((item) => (
              <li>
                <Runs runs={item} />
              </li>
            ))}
          </ul>
        ),
      )}
    </>
  );
}

function GroupTable({ caption, first, rows }: { caption: string; first: string; rows: GroupRow[] }) {
  return (
    <Table caption={caption} showCaption columns={[first, 'Projets publiés', ...INDICATORS.map((i) => i.label)]}>
      {rows.map((r) => (
        <tr>
          <th scope="row">{r.label}</th>
          <td>{r.projects.text}</td>
          {INDICATORS.map((i) => (
            <td>{r.values ? r.values[i.code].text : '—'}</td>
          ))}
        </tr>
      ))}
    </Table>
  );
}

export function EvidenceSection({ evidence }: { evidence: Evidence }) {
  const e = evidence;
  return (
    <section class="conditions-evidence" aria-labelledby="preuves">
      <h2 id="preuves">Les éléments de preuve</h2>
      <p>
        Calculés à chaque lecture à partir{' '}
        {e.projects === 1 ? 'de 1 fiche publiée' : `des ${e.projects} fiches publiées`} de la bibliothèque et de leurs
        évaluations signées.
      </p>
      <h3 id="regles">Comment ces chiffres sont calculés</h3>
      <ul>
        {EVIDENCE_RULES.map((r) => (
          <li>{r}</li>
        ))}
      </ul>

      <section aria-labelledby="exigences">
        <h3 id="exigences">Exigences les plus faibles et les plus fortes</h3>
        {e.weakest.length ? (
          <p>
            Les plus faibles : {e.weakest.map((r) => `${r.label} (${r.mean} %)`).join(' ; ')}.
            {e.strongest.length
              ? ` Les plus fortes : ${e.strongest.map((r) => `${r.label} (${r.mean} %)`).join(' ; ')}.`
              : ''}
          </p>
        ) : (
          <p>Pas encore assez d’auto-évaluations signées pour comparer les exigences ({SMALL_TEXT} par exigence).</p>
        )}
        <Table
          caption="Score moyen par exigence (auto-évaluations signées)"
          columns={['Exigence', 'Auto-évaluations', 'Score moyen']}
        >
          {e.requirements.map((r) => (
            <tr>
              <th scope="row">{r.label}</th>
              <td>{r.assessments.text}</td>
              <td>{r.mean === null ? 'non calculé' : `${r.mean} %`}</td>
            </tr>
          ))}
        </Table>
      </section>

      <section aria-labelledby="indicateurs">
        <h3 id="indicateurs">Dans le réseau</h3>
        <dl class="summary">
          {INDICATORS.map((i) => (
            <>
              <dt id={i.anchor}>{i.label}</dt>
              <dd>
                {e.network[i.code].text} sur {e.projects} projet{e.projects > 1 ? 's' : ''}
              </dd>
            </>
          ))}
        </dl>
      </section>

      <section aria-labelledby="par-theme">
        <h3 id="par-theme">Par thème</h3>
        <GroupTable caption="Indicateurs par thème" first="Thème" rows={e.byTheme} />
      </section>
      <section aria-labelledby="par-type">
        <h3 id="par-type">Par type de collectivité</h3>
        <GroupTable
          caption="Indicateurs par type de collectivité"
          first="Type de collectivité"
          rows={e.byAuthorityType}
        />
      </section>

      <section aria-labelledby="retours">
        <h3 id="retours">Retours d’expérience des fiches</h3>
        {e.lessons.length ? (
          <ul class="conditions-lessons">
            {e.lessons.map((l) => (
              <li>
                <a href={l.href}>{l.title}</a> ({l.organisationName}), {l.label.toLowerCase()} : <q>{l.text}</q>
              </li>
            ))}
          </ul>
        ) : (
          <p>Aucune fiche publiée ne partage encore de retour d’expérience.</p>
        )}
      </section>
    </section>
  );
}

export interface ConditionsPageProps {
  content: ConditionsContent | null;
  number: number | null;
  publishedAt: string | null;
  latest: boolean;
  versions: { number: number; publishedAt: string | null }[];
  canWrite: boolean;
  draftNumber: number | null;
  evidence: Evidence;
}

export function ConditionsPage(props: ConditionsPageProps) {
  return (
    <article class="conditions">
      <h1>Conditions de réussite d’une IA responsable dans les territoires</h1>
      <p class="meta">
        {props.number === null
          ? 'Positions du groupe de travail IA du réseau : aucune version publiée pour l’instant.'
          : `Positions du groupe de travail IA du réseau — version ${props.number}, publiée le ${formatDate(props.publishedAt)}${props.latest ? '' : ' (une version plus récente existe)'}`}
      </p>
      {props.canWrite && (
        <p class="no-print">
          <a class="button button-secondary" href={`${CONDITIONS_PATH}/modifier`}>
            {props.draftNumber
              ? `Continuer le brouillon (version ${props.draftNumber})`
              : 'Rédiger une nouvelle version'}
          </a>
        </p>
      )}
      {props.content ? (
        <>
          {props.content.intro && <FormattedText text={props.content.intro} />}
          <h2>Les positions</h2>
          {props.content.positions.map((p, i) => (
            <section class="conditions-position" aria-labelledby={`position-${i + 1}`}>
              <h3 id={`position-${i + 1}`}>
                {i + 1}. {p.title}
              </h3>
              <FormattedText text={p.text} />
              <p class="conditions-evidence-links">
                Éléments de preuve :{' '}
                {p.evidence.map((code, k) => (
                  <>
                    {k ? ', ' : ''}
                    <a href={`#${code}`}>{anchorLabel.get(code)}</a>
                  </>
                ))}
              </p>
            </section>
          ))}
        </>
      ) : (
        <p>
          Le groupe de travail n’a pas encore publié ses positions. Les éléments de preuve ci-dessous, calculés à partir
          des fiches et des évaluations du réseau, sont déjà consultables.
        </p>
      )}
      <EvidenceSection evidence={props.evidence} />
      {props.versions.length > 1 && (
        <section class="no-print" aria-labelledby="versions">
          <h2 id="versions">Versions publiées</h2>
          <ul>
            {props.versions.map((v) => (
              <li>
                <a href={`${CONDITIONS_PATH}/versions/${v.number}`}>
                  Version {v.number}, publiée le {formatDate(v.publishedAt)}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}

export interface ConditionsEditProps {
  values: Record<string, string | string[]>;
  number: number;
  version: number;
  errors?: Record<string, string>;
  hasPublished: boolean;
}

export function ConditionsEditPage(props: ConditionsEditProps) {
  const errors = props.errors ?? {};
  const v = (name: string) => {
    const x = props.values[name];
    return typeof x === 'string' ? x : '';
  };
  const options = EVIDENCE_ANCHORS.map((a) => ({ value: a.code, label: a.label }));
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1>Rédiger les conditions de réussite (version {props.number})</h1>
      <p class="lead">
        Mise en forme légère : une ligne vide sépare les paragraphes, une ligne qui commence par « - » est un élément de
        liste, **ces mots** sont mis en valeur. Chaque position doit être reliée à au moins un élément de preuve pour
        être publiée.{' '}
        {props.hasPublished
          ? 'La version publiée reste en ligne, inchangée, jusqu’à la publication de celle-ci.'
          : 'Rien n’est public avant la publication.'}
      </p>
      <PostForm action={`${CONDITIONS_PATH}/modifier`}>
        <input type="hidden" name="version" value={String(props.version)} />
        <TextArea
          name="intro"
          label="Introduction"
          value={v('intro')}
          error={errors.intro}
          rows={4}
          maxLength={TEXT_MAX}
        />
        {Array.from({ length: POSITION_SLOTS }, (_, k) => k + 1).map((i) => (
          <fieldset class="conditions-slot">
            <legend>
              Position {i}
              {i > 1 ? ' (facultative)' : ''}
            </legend>
            <TextInput
              name={`position_${i}_titre`}
              label="Titre"
              value={v(`position_${i}_titre`)}
              error={errors[`position_${i}_titre`]}
              maxLength={TITLE_MAX}
            />
            <TextArea
              name={`position_${i}_texte`}
              label="Texte"
              value={v(`position_${i}_texte`)}
              error={errors[`position_${i}_texte`]}
              rows={5}
              maxLength={TEXT_MAX}
            />
            <ChoiceGroup
              name={`position_${i}_preuves`}
              legend="Éléments de preuve"
              type="checkbox"
              options={options}
              value={props.values[`position_${i}_preuves`] ?? []}
              error={errors[`position_${i}_preuves`]}
            />
          </fieldset>
        ))}
        <div class="actions">
          <Button kind="secondary" name="action" value="save">
            Enregistrer le brouillon
          </Button>
          <Button name="action" value="publish">
            Publier cette version
          </Button>
        </div>
      </PostForm>
    </>
  );
}

/**
 * The questionnaire builder (coordinators): the list of questionnaires, a questionnaire's page (versions, campaigns,
 * publishing, around the forms engine's outline of the draft), and the engine's element and page forms at the
 * questionnaire's URLs.
 */

import {
  Button,
  CsrfField,
  ErrorSummary,
  formatDate,
  PostForm,
  Table,
  TextArea,
  TextInput,
} from '../../../platform/ui/components.tsx';
import {
  ElementForm,
  type ElementFormProps,
  FormOutline,
  ImportFields,
  ImportReport,
  PageForm,
  type ReportEntry,
  SectionForm,
  type SectionFormProps,
} from '../../forms/index.ts';
import { FIELDS } from '../../library/index.ts';
import type { Campaign, QuestionnaireRecord, QuestionnaireVersion } from '../records.ts';

export { describeCondition } from '../../forms/index.ts';

const base = (id: number) => `/coordination/questionnaires/${id}`;

/** The library's use-case fields by key → their French label (the builder's outline names them so). */
const LIBRARY_FIELD_LABELS: Record<string, string> = Object.fromEntries(FIELDS.map((f) => [f.key, f.label]));

/** The library's use-case fields a census question may fill (draft use cases created from responses). */
const LIBRARY_FIELDS = FIELDS.filter((f) => f.step !== null).map((f) => ({
  value: f.key,
  label: `${f.label} (${f.key})`,
}));

export function QuestionnaireListPage(props: {
  rows: (QuestionnaireRecord & { campaignCount: number })[];
  errors?: Record<string, string>;
  title?: string;
  report?: ReportEntry[];
}) {
  return (
    <>
      <h1>Questionnaires</h1>
      <p class="lead">
        Construisez les questionnaires des recensements, publiez-en des versions, puis lancez des campagnes.
      </p>
      <ErrorSummary errors={props.errors} />
      <Table
        caption="Questionnaires"
        columns={['Questionnaire', 'Dernière version publiée', 'Campagnes', 'Modifié le']}
      >
        {props.rows.map((q) => (
          <tr>
            <th scope="row">
              <a href={base(q.id)}>{q.title}</a>
              {q.catalogueKey && <span class="tag">Fourni avec la plateforme</span>}
            </th>
            <td>{q.latestVersion ? `Version ${q.latestVersion}` : 'Jamais publié'}</td>
            <td>{q.campaignCount}</td>
            <td>{formatDate(q.updatedAt)}</td>
          </tr>
        ))}
      </Table>
      <div class="cards">
        <section class="card">
          <h2 class="card-title">Nouveau questionnaire</h2>
          <PostForm action="/coordination/questionnaires">
            <TextInput name="title" label="Titre" value={props.title ?? ''} error={props.errors?.title} required />
            <Button>Créer</Button>
          </PostForm>
        </section>
        <section class="card">
          <h2 class="card-title">Importer un questionnaire</h2>
          <form method="post" action="/coordination/questionnaires/importer" enctype="multipart/form-data">
            <CsrfField />
            <ImportFields errors={props.errors} />
          </form>
        </section>
      </div>
    </>
  );
}

export function ImportReportPage({ id, title, report }: { id: number; title: string; report: ReportEntry[] }) {
  return (
    <>
      <h1>Questionnaire importé : {title}</h1>
      <ImportReport report={report} />
      <p>
        <a class="button" href={base(id)}>
          Ouvrir le questionnaire
        </a>
      </p>
    </>
  );
}

export interface BuilderPageProps {
  questionnaire: QuestionnaireRecord;
  versions: QuestionnaireVersion[];
  campaigns: Campaign[];
  unpublishedChanges: boolean;
  errors?: Record<string, string>;
}

export function BuilderPage(props: BuilderPageProps) {
  const { questionnaire: row, versions } = props;
  const q = row.draft;
  const rev = row.draftRevision;
  const url = base(row.id);
  return (
    <>
      <h1>{q.title}</h1>
      <p class="meta">
        {versions.length
          ? `Version ${versions[0]!.number} publiée le ${formatDate(versions[0]!.publishedAt)}.`
          : 'Ce questionnaire n’a jamais été publié.'}{' '}
        {props.unpublishedChanges && <span class="tag">Modifications non publiées</span>}
      </p>
      <ErrorSummary errors={props.errors} />
      <div class="actions">
        <a class="button button-secondary" href={`${url}/apercu`}>
          Aperçu comme un répondant
        </a>
        {props.unpublishedChanges && (
          <PostForm action={`${url}/publier`} class="inline-form">
            <input type="hidden" name="_revision" value={String(rev)} />
            <Button>Publier la version {(versions[0]?.number ?? 0) + 1}</Button>
          </PostForm>
        )}
        {versions.length > 0 && (
          <a class="button button-secondary" href={`/coordination/campagnes/nouvelle?questionnaire=${row.id}`}>
            Lancer une campagne
          </a>
        )}
      </div>
      <p class="meta">
        Exporter :{' '}
        <a href={`${url}/export?format=native&version=draft`} download>
          brouillon (format de la plateforme)
        </a>
        {' — '}
        <a href={`${url}/export?format=surveyjs&version=draft`} download>
          brouillon (SurveyJS)
        </a>
      </p>

      <details>
        <summary>Titre et présentation</summary>
        <PostForm action={`${url}/titre`}>
          <input type="hidden" name="_revision" value={String(rev)} />
          <TextInput name="title" label="Titre" value={q.title} required error={props.errors?.title} />
          <TextArea
            name="description"
            label="Présentation"
            value={q.description ?? ''}
            hint="Affichée en tête du questionnaire."
          />
          <Button kind="secondary">Enregistrer</Button>
        </PostForm>
      </details>

      <FormOutline form={q} revision={rev} basePath={url} libraryFieldLabels={LIBRARY_FIELD_LABELS} />

      <h2>Versions publiées</h2>
      {versions.length === 0 ? (
        <p>Aucune.</p>
      ) : (
        <Table caption="Versions publiées" columns={['Version', 'Publiée le', 'Exporter']}>
          {versions.map((v) => (
            <tr>
              <th scope="row">{v.number}</th>
              <td>{formatDate(v.publishedAt, true)}</td>
              <td>
                <a href={`${url}/export?format=native&version=${v.number}`}>format de la plateforme</a> —{' '}
                <a href={`${url}/export?format=surveyjs&version=${v.number}`}>SurveyJS</a>
              </td>
            </tr>
          ))}
        </Table>
      )}
      {props.campaigns.length > 0 && (
        <>
          <h2>Campagnes</h2>
          <ul>
            {props.campaigns.map((c) => (
              <li>
                <a href={`/coordination/campagnes/${c.id}`}>{c.title}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

export function PageFormPage(props: { questionnaireId: number } & Omit<Parameters<typeof PageForm>[0], 'basePath'>) {
  const { questionnaireId, ...rest } = props;
  return <PageForm {...rest} basePath={base(questionnaireId)} />;
}

export function ElementFormPage(
  props: { questionnaireId: number; questionnaire: unknown } & Omit<ElementFormProps, 'basePath' | 'libraryFields'>,
) {
  const { questionnaireId, questionnaire: _questionnaire, ...rest } = props;
  return <ElementForm {...rest} basePath={base(questionnaireId)} libraryFields={LIBRARY_FIELDS} />;
}

export function SectionFormPage(props: { questionnaireId: number } & Omit<SectionFormProps, 'basePath'>) {
  const { questionnaireId, ...rest } = props;
  return <SectionForm {...rest} basePath={base(questionnaireId)} />;
}

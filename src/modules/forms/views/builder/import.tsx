/** Importing a form file: the fields of the upload form, and the report of what could not be taken exactly. */
import { Button, ChoiceGroup, describedBy, FieldError, Table } from '../../../../platform/ui/components.tsx';
import type { ReportEntry } from '../../surveyjs/shared.ts';

/** The format choice and the file field; the consumer's multipart form posts them (`format`, `file`). */
export function ImportFields({ errors }: { errors?: Record<string, string> }) {
  return (
    <>
      <ChoiceGroup
        name="format"
        legend="Format du fichier"
        type="radio"
        required
        value="native"
        options={[
          { value: 'native', label: 'Format de la plateforme (JSON)' },
          {
            value: 'surveyjs',
            label: 'SurveyJS (JSON)',
            hint: 'Pages, questions, groupes, tableaux, conditions ; un rapport liste ce qui n’a pas pu être repris.',
          },
          {
            value: 'limesurvey',
            label: 'LimeSurvey (structure .lss, versions 3 à 6)',
            hint: 'Groupes, questions, options, tableaux, conditions ; textes en français si le questionnaire en a.',
          },
        ]}
      />
      <div class={`field${errors?.file ? ' field-error' : ''}`}>
        <label for="champ-file">Fichier</label>
        <FieldError id="champ-file" error={errors?.file} />
        <input
          type="file"
          id="champ-file"
          name="file"
          accept="application/json,.json,.lss,application/xml,text/xml"
          class="input"
          aria-describedby={describedBy('champ-file', undefined, errors?.file)}
        />
      </div>
      <Button kind="secondary">Importer</Button>
    </>
  );
}

/** What an import could not take exactly (or a notice that everything was taken). */
export function ImportReport({ report }: { report: ReportEntry[] }) {
  return (
    <>
      {report.length === 0 ? (
        <div class="notice notice-success">
          <p>Tout a été repris.</p>
        </div>
      ) : (
        <>
          <div class="notice notice-warning">
            <p>
              {report.length} point{report.length > 1 ? 's' : ''} n’{report.length > 1 ? 'ont' : 'a'} pas pu être repris
              exactement. Relisez le questionnaire avant de le publier.
            </p>
          </div>
          <Table
            showCaption
            caption="Ce qui n’a pas pu être repris"
            columns={['Emplacement dans le fichier', 'Explication']}
          >
            {report.map((r) => (
              <tr>
                <td>
                  <code>{r.path}</code>
                </td>
                <td>{r.message}</td>
              </tr>
            ))}
          </Table>
        </>
      )}
    </>
  );
}

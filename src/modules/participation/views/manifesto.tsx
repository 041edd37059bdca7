/**
 * The Manifesto page: its source, each commitment under its ambition with the published initiatives and the library
 * sheets that put it into practice (with counts), and the small form that links a sheet to a commitment.
 */
import type { FieldErrors } from '../../../platform/http/errors.ts';
import {
  Button,
  bindFields,
  ErrorSummary,
  PostForm,
  Select,
  Table,
  TextInput,
} from '../../../platform/ui/components.tsx';
import { AMBITIONS, COMMITMENTS } from '../commitments.ts';
import type { ManifestoCommitment } from '../services/manifesto.ts';
import { facetPath } from '../services/search.ts';

export interface ManifestoView {
  title: string;
  source: string;
  commitments: ManifestoCommitment[];
  initiativeTotal: number;
  /** Signed-in members and coordinators may link a sheet of their authority. */
  canLink: boolean;
  values?: Record<string, string>;
  errors?: FieldErrors;
}

const count = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

export function ManifestoPage(v: ManifestoView) {
  const field = bindFields(v.values ?? null, v.errors);
  return (
    <>
      <h1>Le Manifeste « {v.title} » en pratique</h1>
      <p class="lead">
        Les engagements du Manifeste servent de cadre au groupe de travail « Participation citoyenne & politiques
        numériques » : pour chacun, les initiatives de participation et les fiches de la bibliothèque qui le mettent en
        pratique.
      </p>
      <p class="meta">Source : {v.source}</p>
      <ErrorSummary errors={v.errors} />
      <Table
        caption="Engagements du Manifeste et réalisations liées"
        showCaption
        columns={['Engagement', 'Initiatives', 'Fiches']}
      >
        {v.commitments.map((c) => (
          <tr>
            <th scope="row">
              <a href={`#engagement-${c.number}`}>
                {c.number}. {c.title}
              </a>
            </th>
            <td>{c.initiativeCount}</td>
            <td>{c.sheetCount}</td>
          </tr>
        ))}
      </Table>
      {([1, 2, 3] as const).map((a) => (
        <section aria-labelledby={`ambition-${a}`}>
          <h2 id={`ambition-${a}`}>
            Ambition {a} : {AMBITIONS[a]}
          </h2>
          {v.commitments
            .filter((c) => c.ambition === a)
            .map((c) => (
              <article id={`engagement-${c.number}`} aria-labelledby={`engagement-${c.number}-titre`}>
                <h3 id={`engagement-${c.number}-titre`}>
                  Engagement {c.number} : {c.title}
                </h3>
                <p>{c.hint}</p>
                <p class="meta">
                  {count(c.initiativeCount, 'initiative', 'initiatives')} ·{' '}
                  {count(c.sheetCount, 'fiche de la bibliothèque', 'fiches de la bibliothèque')}
                </p>
                {c.initiatives.length > 0 ? (
                  <>
                    <h4>Initiatives</h4>
                    <ul>
                      {c.initiatives.map((i) => (
                        <li>
                          <a href={i.path}>{i.title}</a> ({i.organisation})
                        </li>
                      ))}
                    </ul>
                    <p>
                      <a href={facetPath('commitment', c.code)}>Chercher parmi ces initiatives</a>
                    </p>
                  </>
                ) : (
                  <p>Aucune initiative publiée ne met encore cet engagement en pratique.</p>
                )}
                {c.sheets.length > 0 && (
                  <>
                    <h4>Fiches de la bibliothèque</h4>
                    <ul>
                      {c.sheets.map((s) => (
                        <li>
                          <a href={s.path}>{s.title}</a>
                          {s.canUnlink && (
                            <PostForm action="/manifeste/fiches/retirer" class="inline-form">
                              <input type="hidden" name="engagement" value={c.code} />
                              <input type="hidden" name="fiche" value={String(s.id)} />
                              <Button kind="secondary">
                                Retirer le lien
                                <span class="visually-hidden">
                                  {' '}
                                  de « {s.title} » avec l’engagement {c.number}
                                </span>
                              </Button>
                            </PostForm>
                          )}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </article>
            ))}
        </section>
      ))}
      {v.canLink && (
        <section aria-labelledby="relier">
          <h2 id="relier">Relier une fiche de la bibliothèque à un engagement</h2>
          <p>
            Les membres de la collectivité qui porte la fiche et les coordinateurs peuvent dire quel engagement elle met
            en pratique. Les initiatives, elles, indiquent leurs engagements dans leur formulaire.
          </p>
          <PostForm action="/manifeste/fiches">
            <TextInput
              {...field('fiche')}
              label="Fiche"
              hint="Son numéro ou son adresse, par exemple /bibliotheque/12-assistant-courrier."
              required
            />
            <Select
              {...field('engagement')}
              label="Engagement"
              required
              options={COMMITMENTS.map((c) => ({ value: c.code, label: `${c.number}. ${c.title}` }))}
            />
            <Button>Relier la fiche</Button>
          </PostForm>
        </section>
      )}
    </>
  );
}

/** The report of a CSV import (contacts, network members): errors by line, what was (or would be) saved. */
import { count } from '../../../platform/text/french.ts';
import type { ImportReport } from '../services/imports.ts';

/** Rows named in the report at most (the counts are always complete). */
const SHOWN = 100;

export function ImportReportView({ report, what }: { report: ImportReport; what: { one: string; many: string } }) {
  const errors = report.errors;
  if (errors.length) {
    return (
      <section class="error-summary" role="alert" aria-labelledby="rapport-titre" tabIndex={-1} data-error-summary>
        <h2 id="rapport-titre">
          {count(errors.length, 'ligne à corriger', 'lignes à corriger')} : rien n’a été enregistré
        </h2>
        <p>
          Corrigez le fichier puis importez-le de nouveau. Aucune ligne n’est enregistrée tant qu’une ligne est fausse.
        </p>
        <ul>
          {errors.slice(0, SHOWN).map((e) => (
            <li>
              Ligne {e.line} : {e.message}
            </li>
          ))}
        </ul>
        {errors.length > SHOWN && <p>… et {count(errors.length - SHOWN, 'autre ligne', 'autres lignes')}.</p>}
      </section>
    );
  }
  const added = report.added.length;
  return (
    <section class={`notice ${report.saved ? 'notice-success' : ''}`} role="status" aria-labelledby="rapport-titre">
      <h2 id="rapport-titre">
        {report.dryRun
          ? `Essai : ${count(added, `${what.one} serait ajouté`, `${what.many} seraient ajoutés`)}, rien n’a été enregistré`
          : report.saved
            ? `${count(added, `${what.one} ajouté`, `${what.many} ajoutés`)}`
            : `Aucun ${what.one} à ajouter`}
      </h2>
      <p>
        {count(report.rows, 'ligne lue', 'lignes lues')}
        {report.unchanged.length > 0 &&
          ` ; ${count(report.unchanged.length, 'ligne déjà présente, laissée telle quelle', 'lignes déjà présentes, laissées telles quelles')}`}
        .
      </p>
      {added > 0 && (
        <ul>
          {report.added.slice(0, SHOWN).map((a) => (
            <li>
              Ligne {a.line} : {a.label === a.organisationName ? a.label : `${a.label} — ${a.organisationName}`}
            </li>
          ))}
        </ul>
      )}
      {added > SHOWN && <p>… et {count(added - SHOWN, 'autre', 'autres')}.</p>}
    </section>
  );
}

/** A sheet's upkeep on its page: « informations vérifiées le … », the next review, and for its editors the completeness. */
import { formatDate } from '../../../platform/ui/components.tsx';
import { formStep } from '../fields.ts';
import type { SheetUpkeep } from '../services/reviews.ts';
import { Notice } from './common.tsx';

/** The line under the sheet's title (every reader of a published sheet). */
export function UpkeepLine({ upkeep }: { upkeep: SheetUpkeep | null }) {
  if (!upkeep?.verifiedOn) return null;
  return (
    <p class="meta upkeep">
      Informations vérifiées le {formatDate(upkeep.verifiedOn)}
      {upkeep.nextReviewOn && ` · prochain réexamen prévu le ${formatDate(upkeep.nextReviewOn)}`}
    </p>
  );
}

/** For the sheet's editors: the review date passed, and what to add to complete the sheet. */
export function UpkeepPanel({ upkeep, href }: { upkeep: SheetUpkeep | null; href: string }) {
  const c = upkeep?.completeness;
  if (!upkeep || !c) return null;
  return (
    <section aria-labelledby="upkeep-title" class="upkeep-panel">
      <h2 id="upkeep-title">Fiche à jour et complète ?</h2>
      {upkeep.overdue && upkeep.nextReviewOn && (
        <Notice kind="warning">
          <p>
            La date de réexamen de cette fiche est passée ({formatDate(upkeep.nextReviewOn)}). Vérifiez ses informations
            et choisissez la date du prochain réexamen, puis soumettez la révision.
          </p>
        </Notice>
      )}
      <p>
        Complétude : <strong>{c.score} %</strong> ({c.done} éléments sur {c.total}). Seuls les membres de la
        collectivité et les coordinateurs voient ce bilan.
      </p>
      {c.missing.length > 0 ? (
        <>
          <p>À ajouter :</p>
          <ul>
            {c.missing.map((m) => (
              <li>
                <a
                  href={
                    m.where.kind === 'ethics'
                      ? `${href}/ia-responsable`
                      : `${href}/modifier/${formStep(m.where.step).slug}`
                  }
                >
                  {m.label}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>Rien ne manque : merci !</p>
      )}
    </section>
  );
}

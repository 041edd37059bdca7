/**
 * The printable summary of a use case, in the spirit of the information notice French law asks of public algorithms
 * (what it does, with which data, what it decides and who checks, how to object, whom to ask): one page to attach to
 * a deliberation. It shows only what the reader may see (the presented content), and prints cleanly.
 */
import { formatDate } from '../../../platform/ui/components.tsx';
import { fieldDef } from '../fields.ts';
import type { PresentedUseCase, UseCaseContent } from '../model.ts';
import { FieldValue, useCaseHref } from './common.tsx';

type Key = keyof UseCaseContent;

const SECTIONS: { title: string; keys: Key[] }[] = [
  { title: 'Le projet', keys: ['summary', 'goal', 'projectStatus', 'startDate', 'serviceUrl'] },
  {
    title: 'Ce que fait le système',
    keys: ['algorithmName', 'algorithmDescription', 'algorithmOperations', 'techniques', 'sourceCodeUrl'],
  },
  { title: 'Les données utilisées', keys: ['dataSources', 'dataSourceDetails', 'datasets'] },
  {
    title: 'Les décisions et le rôle des agents',
    keys: ['automationLevel', 'decisionScope', 'decisionsPerYear', 'humanOversight', 'affectedPublic'],
  },
  {
    title: 'Cadre juridique et droits des personnes',
    keys: ['legalBasis', 'objectionProcedure', 'reversibility', 'aiActRiskCategory', 'dpiaUrl'],
  },
  { title: 'Contact', keys: ['contactName', 'contactEmail'] },
];

const filled = (v: unknown) => v != null && v !== '' && !(Array.isArray(v) && v.length === 0);

export function SummaryPage({ useCase, url }: { useCase: PresentedUseCase; url: string }) {
  const c = useCase.content as Partial<Record<Key, unknown>>;
  return (
    <article class="sheet-summary">
      <h1>{useCase.content.title ?? 'Sans titre'}</h1>
      <p class="meta">
        Synthèse de la fiche publiée par {useCase.organisation.name}
        {useCase.publishedAt && `, version du ${formatDate(useCase.publishedAt)}`}. Adresse de la fiche complète :{' '}
        <a href={useCaseHref(useCase)}>{url}</a>
      </p>
      <p class="no-print actions">
        <a href={useCaseHref(useCase)}>Revenir à la fiche complète</a>
      </p>
      {SECTIONS.map((section) => {
        const keys = section.keys.filter((k) => filled(c[k]));
        if (!keys.length) return null;
        return (
          <section aria-labelledby={`synthese-${section.keys[0]}`}>
            <h2 id={`synthese-${section.keys[0]}`}>{section.title}</h2>
            <dl class="summary">
              {keys.map((k) => (
                <>
                  <dt>{fieldDef(k).label}</dt>
                  <dd>
                    <FieldValue field={fieldDef(k)} value={c[k]} />
                  </dd>
                </>
              ))}
            </dl>
          </section>
        );
      })}
      <p class="meta">
        Document tiré de la Bibliothèque IA des territoires. Les informations sont celles que la collectivité a publiées
        ; certaines ne sont visibles que des membres du réseau.
      </p>
    </article>
  );
}

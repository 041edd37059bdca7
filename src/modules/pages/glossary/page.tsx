/**
 * The glossary page (/glossaire): every term with its anchor, in alphabetical order, with an index of letters; and
 * the component that draws linked segments of a text (TextSegment[]) as accessible links to the page.
 */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { ACCESS } from '../../../platform/http/access.ts';
import type { TextSegment } from './linkify.ts';
import type { GlossaryTerm } from './terms.ts';

const initial = (t: GlossaryTerm) => t.term.normalize('NFD').replace(/\p{M}/gu, '').charAt(0).toUpperCase();

export function GlossaryPage({ terms }: { terms: readonly GlossaryTerm[] }) {
  const sorted = [...terms].sort((a, b) => a.term.localeCompare(b.term, 'fr'));
  const letters = [...new Set(sorted.map(initial))];
  return (
    <>
      <h1>Glossaire de l’intelligence artificielle</h1>
      <p class="lead">
        Les mots de l’IA expliqués simplement. Dans les fiches de la bibliothèque, ces mots renvoient ici la première
        fois qu’ils apparaissent dans une partie.
      </p>
      <nav aria-label="Lettres du glossaire">
        <ul class="inline-list">
          {letters.map((l) => (
            <li>
              <a href={`#lettre-${l}`}>{l}</a>
            </li>
          ))}
        </ul>
      </nav>
      {letters.map((l) => (
        <section aria-labelledby={`lettre-${l}`}>
          <h2 id={`lettre-${l}`}>{l}</h2>
          <dl class="glossary">
            {sorted
              .filter((t) => initial(t) === l)
              .map((t) => (
                <>
                  <dt id={t.slug}>{t.term}</dt>
                  <dd>
                    <p>{t.definition}</p>
                    {t.forms.length > 1 && (
                      <p class="meta">
                        Se dit aussi : {t.forms.filter((f) => f.toLowerCase() !== t.term.toLowerCase()).join(', ')}.
                      </p>
                    )}
                  </dd>
                </>
              ))}
          </dl>
        </section>
      ))}
    </>
  );
}

/** A text whose glossary words are links to their definition (the hint as the link's title). */
export function LinkedText({ segments }: { segments: readonly TextSegment[] }) {
  return (
    <>
      {segments.map((s) =>
        'slug' in s ? (
          <a href={`/glossaire#${s.slug}`} class="glossary-term" title={`${s.term} : ${s.hint}`}>
            {s.text}
          </a>
        ) : (
          s.text
        ),
      )}
    </>
  );
}

export function glossaryRoutes(terms: readonly GlossaryTerm[]): FastifyPluginAsync {
  return async (app) => {
    app.get(
      '/glossaire',
      {
        schema: { querystring: Type.Object({}, { description: 'aucun paramètre' }) },
        config: { access: ACCESS.public },
      },
      async (_request, reply) => reply.page('Glossaire de l’IA', <GlossaryPage terms={terms} />),
    );
  };
}

/**
 * Mail that follows the library's events: when a use case (or its revision) is published, the members of its
 * authority are told. Subscribed by the library itself to `library.use_case_published` (delivered as a job, after the
 * publication committed).
 */
import type { EventMap } from '../../../platform/events/events.ts';
import { type LibraryContext, type Mail, useCaseUrl } from './context.ts';

export function createNotifications({ platform, store, ports, mail }: LibraryContext & { mail: Mail }) {
  return {
    /** Handler of `library.use_case_published`. */
    async useCasePublished({ useCaseId }: EventMap['library.use_case_published']): Promise<void> {
      const row = await store.findById(useCaseId);
      if (!row) return;
      const title = row.content.title ?? 'Sans titre';
      // The first published version is the use case's publication; later ones publish a revision.
      const revision = (await store.versions(useCaseId)).length > 1;
      const to = await ports.organisations.memberEmails(row.organisationId);
      await platform.db
        .transaction()
        .execute((trx) =>
          mail(
            to,
            `Fiche publiée : ${title}`,
            [
              'Bonjour,',
              '',
              revision
                ? `La révision de la fiche « ${title} » est publiée.`
                : `La fiche « ${title} » est publiée dans la bibliothèque.`,
              '',
              useCaseUrl(platform, row),
            ],
            trx,
          ),
        );
    },
  };
}

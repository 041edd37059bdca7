/**
 * Creating or refreshing a commons entry from a publiccode.yml file (upload, paste, or the command line). An entry
 * with the same repository address is refreshed (its maintainers may do it); otherwise a new entry is created,
 * maintained by the organisations chosen. Bad input is refused with one French message and nothing is written.
 */
import { authorize } from '../../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { ValidationError } from '../../../platform/http/errors.ts';
import type { CommonsPorts } from '../ports.ts';
import { PubliccodeError, type PubliccodeReading, readPubliccode } from '../publiccode.ts';
import type { CommonsStore } from '../store.ts';
import type { WritingService } from './writing.ts';

export interface PubliccodeImport {
  id: number;
  created: boolean;
  reading: PubliccodeReading;
}

export function createPubliccodeService(deps: { store: CommonsStore; writing: WritingService; ports: CommonsPorts }) {
  const { store, writing } = deps;
  return {
    /** Reads the file and creates or refreshes the entry; ValidationError on `contenu` (or `mainteneurs`). */
    async import(
      actor: CurrentUser,
      input: { data: string | Buffer; maintainers: () => Promise<number[]> },
    ): Promise<PubliccodeImport> {
      authorize(actor, 'commons.create');
      let reading: PubliccodeReading;
      try {
        reading = readPubliccode(input.data);
      } catch (e) {
        if (e instanceof PubliccodeError) throw new ValidationError({ contenu: e.message });
        throw e;
      }
      const { entry } = reading;
      const existing = await store.findByRepository(entry.repositoryUrl);
      if (existing) {
        authorize(actor, 'commons.write', { maintainerIds: existing.maintainerIds });
        await writing.update(
          actor,
          existing.id,
          existing.version,
          {
            name: entry.name,
            summary: entry.summary,
            kind: existing.kind,
            status: entry.status,
            licence: entry.licence ?? existing.licence,
            repositoryUrl: entry.repositoryUrl,
            downloadUrl: entry.downloadUrl ?? existing.downloadUrl,
            documentationUrl: entry.documentationUrl ?? existing.documentationUrl,
            themes: existing.themes,
            commonsCategory: existing.commonsCategory,
            maintainerIds: existing.maintainerIds,
            userIds: existing.userIds,
            contributorIds: existing.contributorIds,
            useCaseIds: existing.useCaseIds,
            contacts: entry.contacts.length ? entry.contacts : existing.contacts,
          },
          'publiccode',
        );
        return { id: existing.id, created: false, reading };
      }
      const maintainerIds = [...new Set(await input.maintainers())];
      if (!maintainerIds.length)
        throw new ValidationError({ mainteneurs: 'Indiquez au moins un organisme qui maintient ce commun.' });
      const id = await writing.create(
        actor,
        {
          name: entry.name,
          summary: entry.summary,
          kind: 'code',
          status: entry.status,
          licence: entry.licence,
          repositoryUrl: entry.repositoryUrl,
          downloadUrl: entry.downloadUrl,
          documentationUrl: entry.documentationUrl,
          themes: [],
          commonsCategory: null,
          maintainerIds,
          userIds: [],
          contributorIds: [],
          useCaseIds: [],
          contacts: entry.contacts,
        },
        'publiccode',
      );
      return { id, created: true, reading };
    },
  };
}

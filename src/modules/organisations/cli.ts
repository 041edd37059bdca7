import { registerCommands, withModules } from '../../cli.ts';
import type { OrganisationsService } from './service.ts';

registerCommands({
  'organisations:load': {
    summary: 'Charge ou met à jour le code géographique officiel (communes, intercommunalités, départements, régions).',
    usage: 'organisations:load',
    async run() {
      return withModules(async ({ modules }) => {
        const organisations = (modules.services as { organisations: OrganisationsService }).organisations;
        await organisations.loadGeography((line) => console.log(line));
        const counts = await organisations.countByType();
        const total = Object.values(counts).reduce((a, b) => a + b, 0);
        console.log(
          `Organisations en base : ${total} (${Object.entries(counts)
            .map(([t, n]) => `${t} ${n}`)
            .join(', ')}).`,
        );
        return 0;
      });
    },
  },
});

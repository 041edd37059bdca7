/**
 * The inventory of public algorithms (CRPA L312-1-3) in Etalab's layout, for the whole network or one authority
 * (`?siren=`), as CSV or XLSX: published sheets, public fields only. Linked from the « Données ouvertes » page.
 */
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { csvDialectOf } from '../../../platform/export/csv.ts';
import { ACCESS } from '../../../platform/http/access.ts';
import { badRequest } from '../../../platform/http/errors.ts';
import { parseSiren } from '../formats/inventaire.ts';
import type { InventoryFormat } from '../services/inventory.ts';
import type { LibraryHttpDeps } from './common.ts';

export const INVENTORY_PATHS: Record<InventoryFormat, string> = {
  csv: '/donnees-ouvertes/inventaire-algorithmes.csv',
  xlsx: '/donnees-ouvertes/inventaire-algorithmes.xlsx',
};

/** The inventory's downloads, as the open-data page lists them. */
export const INVENTORY_DOWNLOADS = [
  {
    href: INVENTORY_PATHS.csv,
    label: 'Inventaire des algorithmes publics (CSV, article L312-1-3 du CRPA)',
    description:
      'Les colonnes proposées par la fiche pratique d’Etalab « l’inventaire des principaux traitements ' +
      'algorithmiques », une ligne par fiche publiée (champs publics seulement). Pour une seule collectivité : ' +
      'ajoutez « ?siren=» suivi de son SIREN ; « &separateur=virgule » pour un programme.',
  },
  {
    href: INVENTORY_PATHS.xlsx,
    label: 'Inventaire des algorithmes publics (tableur XLSX)',
    description: 'Le même inventaire en tableur ; « ?siren= » pour une seule collectivité.',
  },
];

const InventoryQuery = Type.Object({
  siren: Type.Optional(Type.String({ maxLength: 20, description: 'SIREN de la collectivité (9 chiffres)' })),
  separateur: Type.Optional(Type.Union([Type.Literal('point-virgule'), Type.Literal('virgule')])),
});

export function inventoryRoutes({ services }: LibraryHttpDeps): FastifyPluginAsync {
  return async (app) => {
    for (const format of ['csv', 'xlsx'] as const) {
      app.get(
        INVENTORY_PATHS[format],
        {
          schema: {
            tags: ['use-cases'],
            summary: `Inventaire des algorithmes publics (${format.toUpperCase()}, format de la fiche pratique d’Etalab)`,
            description:
              'Une ligne par fiche publiée (champs publics), colonnes de la fiche pratique d’Etalab sur ' +
              'l’inventaire des principaux traitements algorithmiques (article L312-1-3 du CRPA). `siren` : une seule ' +
              'collectivité (404 si aucune n’a ce SIREN).',
            querystring: InventoryQuery,
          },
          config: { access: ACCESS.public },
        },
        async (request, reply) => {
          const query = request.query as { siren?: string; separateur?: string };
          let siren: string | null = null;
          if (query.siren !== undefined && query.siren !== '') {
            siren = parseSiren(query.siren);
            if (!siren) {
              throw badRequest('Le SIREN doit compter 9 chiffres.', { siren: 'Le SIREN doit compter 9 chiffres.' });
            }
          }
          const file = await services.inventory.file(format, { dialect: csvDialectOf(query), siren });
          reply.header('access-control-allow-origin', '*');
          reply.header('x-export-rows', String(file.count));
          return reply
            .type(file.contentType)
            .header('content-disposition', `attachment; filename="${file.filename}"`)
            .send(file.body);
        },
      );
    }
  };
}

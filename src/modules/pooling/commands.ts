/** The pooling commands of the `bibliotheque-ia` CLI. */
import type { Command } from '../../platform/module.ts';
import type { PoolingServices } from './services/index.ts';

export function poolingCommands(
  services: PoolingServices,
  out: (line: string) => void = (line) => console.log(line),
): Record<string, Command> {
  return {
    'pooling:compute': {
      summary: 'Calcule les suggestions de mutualisation à partir des fiches publiées',
      usage: 'pooling:compute [--tout]',
      options: { tout: { type: 'boolean', description: 'Affiche tous les groupes (sans : les 20 premiers)' } },
      async run(values) {
        const report = await services.compute.compute();
        const shown = values.tout ? report.groups : report.groups.slice(0, 20);
        out(
          `${report.groups.length} groupe(s) trouvé(s) parmi ${report.sheets} fiche(s) publiée(s) en ${(report.durationMs / 1000).toFixed(1)} s (plus longue attente de la boucle d’événements : ${report.maxStallMs} ms).`,
        );
        shown.forEach((g, i) => {
          out(
            `${i + 1}. ${g.label} — indice ${g.score} — ${g.authorityIds.length} organisations, fiches ${g.useCaseIds.join(', ')}`,
          );
        });
        if (shown.length < report.groups.length) out(`… et ${report.groups.length - shown.length} autre(s) (--tout).`);
        return 0;
      },
    },
  };
}

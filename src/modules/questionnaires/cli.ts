/** Commands of `bibliotheque-ia`: export and import questionnaires in our format or SurveyJS's; import LimeSurvey's. */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { HttpError } from '../../platform/http/errors.ts';
import { type Command, UsageError } from '../../platform/module.ts';
import { CLI_ACTOR } from './services/context.ts';
import type { QuestionnaireService } from './services/questionnaires.ts';

function format(value: unknown): 'native' | 'surveyjs' {
  if (value === undefined || value === 'native') return 'native';
  if (value === 'surveyjs') return 'surveyjs';
  throw new UsageError(`--format doit valoir native ou surveyjs (reçu « ${String(value)} »)`);
}

function importFormat(value: unknown): 'native' | 'surveyjs' | 'limesurvey' {
  if (value === 'limesurvey') return 'limesurvey';
  if (value === undefined || value === 'native' || value === 'surveyjs') return format(value);
  throw new UsageError(`--format doit valoir native, surveyjs ou limesurvey (reçu « ${String(value)} »)`);
}

/** Prints a service error in French and returns the exit code. */
function fail(e: unknown): number {
  if (e instanceof HttpError) {
    console.error(e.message);
    for (const [field, message] of Object.entries(e.fields ?? {})) console.error(`  - ${field} : ${message}`);
    return e.status === 404 ? 3 : 1;
  }
  throw e;
}

export function questionnaireCommands(questionnaires: QuestionnaireService): Record<string, Command> {
  return {
    'questionnaire:export': {
      summary: 'Exporte un questionnaire publié (ou son brouillon) au format de la plateforme ou SurveyJS.',
      usage: 'questionnaire:export --format native|surveyjs ID [--version N|draft] [--out FICHIER]',
      options: {
        format: { type: 'string', description: 'native (par défaut) ou surveyjs' },
        version: {
          type: 'string',
          description: 'numéro de version publiée, ou « draft » pour le brouillon (par défaut : la dernière version)',
        },
        out: { type: 'string', description: 'fichier à écrire (sinon la sortie standard)' },
      },
      async run(values, positionals) {
        const id = Number(positionals[0]);
        if (!Number.isSafeInteger(id) || id <= 0)
          throw new UsageError('indiquez le numéro du questionnaire, par exemple : questionnaire:export 1');
        const v = values.version as string | undefined;
        if (v !== undefined && v !== 'draft' && !/^[1-9]\d*$/.test(v))
          throw new UsageError('--version doit être un numéro de version ou « draft »');
        const chosen = format(values.format);
        try {
          const exported = await questionnaires.exportFile(CLI_ACTOR, id, {
            format: chosen,
            version: v === 'draft' ? 'draft' : v ? Number(v) : undefined,
          });
          const text = `${JSON.stringify(exported.json, null, 2)}\n`;
          if (values.out) {
            writeFileSync(resolve(values.out), text);
            console.error(`Questionnaire ${id} écrit dans ${values.out}.`);
          } else process.stdout.write(text);
          for (const r of exported.report) console.error(`Remarque (${r.path}) : ${r.message}`);
          return 0;
        } catch (e) {
          return fail(e);
        }
      },
    },
    'questionnaire:import': {
      summary:
        'Importe un questionnaire (format de la plateforme, SurveyJS ou LimeSurvey .lss) et affiche son numéro et ce qui n’a pas pu être repris.',
      usage: 'questionnaire:import --format native|surveyjs|limesurvey FICHIER [--publish]',
      options: {
        format: { type: 'string', description: 'native (par défaut), surveyjs ou limesurvey' },
        publish: { type: 'boolean', description: 'publier aussitôt la version 1' },
      },
      async run(values, positionals) {
        const file = positionals[0];
        if (!file) throw new UsageError('indiquez le fichier à importer');
        let text: string;
        try {
          text = readFileSync(resolve(file), 'utf8');
        } catch (e) {
          console.error(`Impossible de lire ${file} : ${(e as Error).message}`);
          return 1;
        }
        const chosen = importFormat(values.format);
        try {
          const { id, report } = await questionnaires.importFile(CLI_ACTOR, { format: chosen, text });
          console.log(`Questionnaire importé : n° ${id}`);
          if (values.publish) {
            const { questionnaire } = await questionnaires.get(CLI_ACTOR, id);
            const version = await questionnaires.publish(CLI_ACTOR, id, questionnaire.draftRevision);
            console.log(`Version ${version.number} publiée.`);
          }
          if (report.length) {
            console.log(`Rapport : ${report.length} point(s) non repris exactement :`);
            for (const r of report) console.log(`  - ${r.path} : ${r.message}`);
          } else console.log('Rapport : tout a été repris.');
          return 0;
        } catch (e) {
          return fail(e);
        }
      },
    },
  };
}

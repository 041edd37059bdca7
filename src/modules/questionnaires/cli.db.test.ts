// The questionnaire:import and questionnaire:export commands, run through the real command line on SQLite.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { main } from '../../cli.ts';
import { toSurveyJs } from '../forms/index.ts';
import { participation } from './catalogue/index.ts';

/** Runs a command, capturing what it prints. */
async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const log = console.log;
  const error = console.error;
  // Only console is captured: the test runner itself talks through process.stdout.
  console.log = (...a: unknown[]) => out.push(a.join(' '));
  console.error = (...a: unknown[]) => err.push(a.join(' '));
  try {
    const code = await main(args);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    console.log = log;
    console.error = error;
  }
}

describe('questionnaire:import and questionnaire:export', () => {
  let dir: string;
  const saved = { ...process.env };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'bia-cli-'));
    process.env.DATABASE_URL = `sqlite:${join(dir, 'cli.db')}`;
    process.env.DATA_DIR = dir;
    process.env.SEED_DEMO = 'false';
    process.env.LOG_LEVEL = 'silent';
  });
  after(() => {
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  test('imports a SurveyJS file, prints the new id and the report, then exports it in both formats', async () => {
    const json = toSurveyJs(participation).json as any;
    json.pages[0].elements.push({ type: 'signaturepad', name: 'signature' });
    writeFileSync(join(dir, 'participation.json'), JSON.stringify(json));
    const imported = await run([
      'questionnaire:import',
      '--format',
      'surveyjs',
      '--publish',
      join(dir, 'participation.json'),
    ]);
    assert.equal(imported.code, 0, imported.err);
    assert.match(imported.out, /Questionnaire importé : n° 1/);
    assert.match(imported.out, /Version 1 publiée\./);
    assert.match(
      imported.out,
      /Rapport : 1 point\(s\) non repris exactement :\n {2}- pages\[0\]\.elements\[4\] : Élément « signature » non repris : les signatures/,
    );

    const exported = await run(['questionnaire:export', '--format', 'native', '1', '--out', join(dir, 'out.json')]);
    assert.equal(exported.code, 0, exported.err);
    const native = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'));
    assert.equal(native.title, participation.title);
    assert.equal(native.version, 1);
    assert.deepEqual(native.pages, participation.pages);

    const sj = await run([
      'questionnaire:export',
      '--format',
      'surveyjs',
      '1',
      '--out',
      join(dir, 'out.surveyjs.json'),
    ]);
    assert.equal(sj.code, 0);
    assert.equal(JSON.parse(readFileSync(join(dir, 'out.surveyjs.json'), 'utf8')).pages[1].name, 'formats');
  });

  test('imports a LimeSurvey .lss file (--format limesurvey) and refuses one that is not', async () => {
    const lss = new URL('../../../test/fixtures/limesurvey/referents-ls3.lss', import.meta.url);
    const imported = await run(['questionnaire:import', '--format', 'limesurvey', lss.pathname]);
    assert.equal(imported.code, 0, imported.err);
    assert.match(imported.out, /Questionnaire importé : n° \d+/);
    assert.match(
      imported.out,
      /question Q3 : Question non reprise \(type non pris en charge : tableau à double échelle\)/,
    );
    writeFileSync(join(dir, 'pas-lss.json'), '{"pages": []}');
    const refused = await run(['questionnaire:import', '--format', 'limesurvey', join(dir, 'pas-lss.json')]);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /n’est pas un fichier XML de LimeSurvey/);
    const badFormat = await run(['questionnaire:import', '--format', 'xml', lss.pathname]);
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.err, /--format doit valoir native, surveyjs ou limesurvey/);
  });

  test('explains bad input in French with a non-zero exit code', async () => {
    writeFileSync(join(dir, 'broken.json'), '{"title": "Cassé",\n"pages": [');
    const broken = await run(['questionnaire:import', join(dir, 'broken.json')]);
    assert.equal(broken.code, 1);
    assert.match(broken.err, /Le fichier n'est pas un JSON valide \(ligne 2\)/);
    const unknown = await run(['questionnaire:export', '42']);
    assert.equal(unknown.code, 3);
    assert.match(unknown.err, /Ce questionnaire n'existe pas/);
    const badFormat = await run(['questionnaire:export', '--format', 'xml', '1']);
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.err, /--format doit valoir native ou surveyjs/);
  });
});

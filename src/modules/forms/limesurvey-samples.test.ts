// LimeSurvey's own public sample surveys (issue 9 #8), when a folder of them is given: they are not our text, so they
// are never committed. Put .lss files in a folder and run
//   LIMESURVEY_SAMPLES_DIR=/chemin/du/dossier node scripts/test.mjs --tier=unit limesurvey-samples
// Each file must import into a valid form, and every question of the file must be either in the form or named in the
// report (nothing disappears silently).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { allElements, fromLimeSurvey, validateForm } from './index.ts';
import { readLss } from './limesurvey/read.ts';

const dir = process.env.LIMESURVEY_SAMPLES_DIR;
const files = dir ? readdirSync(dir).filter((f) => f.toLowerCase().endsWith('.lss')) : [];

describe('LimeSurvey sample surveys (LIMESURVEY_SAMPLES_DIR)', {
  skip: !dir && 'LIMESURVEY_SAMPLES_DIR non défini',
}, () => {
  it('the folder holds at least one .lss file', () => {
    assert.ok(files.length > 0, `aucun fichier .lss dans ${dir}`);
  });

  for (const file of files) {
    it(`${file}: imports into a valid form, each question kept or named in the report`, () => {
      const text = readFileSync(join(dir!, file), 'utf8');
      const result = fromLimeSurvey(text);
      assert.deepEqual(result.issues, []);
      const form = result.questionnaire!;
      const valid = validateForm(form);
      assert.ok(valid.ok, JSON.stringify(!valid.ok && valid.issues));
      const read = readLss(text);
      assert.ok(read.ok);
      const codes = new Set(
        (read.tables.sections.questions ?? []).filter((q) => !q.parent_qid || q.parent_qid === '0').map((q) => q.title),
      );
      const ids = allElements(form).map((e) => e.id);
      for (const code of codes) {
        const kept = ids.some((id) => id === code || id.startsWith(`${code}_`));
        const reported = result.report.some((r) => r.path === `question ${code}`);
        assert.ok(kept || reported, `la question ${code} n’est ni reprise ni signalée`);
      }
    });
  }
});

// Sections (SurveyJS panels kept as groups): structure rules, one display condition for all their elements (nested
// too), hidden answers pruned, and the page as a tree for the renderer and the export.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import {
  answerHeader,
  computeResults,
  contribution,
  type Form,
  FormResultsList,
  pageTree,
  pruneHidden,
  questionsJson,
  resultsFromCells,
  sectionTitles,
  unionQuestions,
  validateForm,
  visibleElementIds,
} from './index.ts';

function form(): Form {
  return {
    title: 'Équipements',
    language: 'fr',
    pages: [
      {
        id: 'p1',
        title: 'Équipements',
        sections: [
          {
            id: 'ia',
            title: 'Vos projets d’IA',
            description: 'Pour les collectivités qui en ont.',
            visibleIf: { question: 'usesAi', op: 'equals', value: true },
          },
          { id: 'budget', title: 'Budget', parent: 'ia', visibleIf: { question: 'count', op: 'greater', value: 1 } },
        ],
        elements: [
          { id: 'usesAi', type: 'yes_no', label: 'Utilisez-vous l’IA ?' },
          { id: 'count', type: 'number', label: 'Combien de projets ?', section: 'ia' },
          { id: 'amount', type: 'number', label: 'Montant total', section: 'budget' },
          { id: 'note', type: 'info', paragraphs: ['Merci.'], section: 'budget' },
          {
            id: 'names',
            type: 'long_text',
            label: 'Leurs noms',
            section: 'ia',
            visibleIf: { question: 'amount', op: 'answered' },
          },
          { id: 'end', type: 'short_text', label: 'Un dernier mot ?' },
        ],
      },
    ],
  };
}

describe('Sections: structure', () => {
  it('a valid form with nested sections passes', () => {
    assert.deepEqual(validateForm(form()), { ok: true, questionnaire: form() });
  });

  it('refuses an element placed in a section of no page, a section whose elements are split, an empty section and a parent declared after', () => {
    const f = form();
    const page = f.pages[0]!;
    page.elements[5]!.section = 'nowhere';
    page.elements.splice(1, 0, { id: 'between', type: 'short_text', label: 'Entre deux' });
    page.elements[0]!.section = 'ia';
    page.sections!.push({ id: 'empty', title: 'Vide' });
    page.sections!.unshift({ id: 'child', parent: 'later' });
    page.sections!.push({ id: 'later' });
    const result = validateForm(f);
    assert.equal(result.ok, false);
    const messages = result.ok ? [] : result.issues.map((i) => `${i.path} ${i.message}`);
    assert.ok(
      messages.some((m) => /elements\[6\]\.section .*« nowhere » de cet élément n'existe pas/.test(m)),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((m) => /elements\[2\]\.section Les éléments du groupe « ia » doivent se suivre/.test(m)),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((m) => /sections\[3\] Le groupe « empty » ne contient aucun élément/.test(m)),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((m) => /sections\[0\]\.parent .*déclaré avant lui \(« later »/.test(m)),
      messages.join('\n'),
    );
  });

  it('a section condition may only name questions placed before the section, and section ids share the form’s ids', () => {
    const f = form();
    f.pages[0]!.sections![0]!.visibleIf = { question: 'count', op: 'answered' };
    f.pages[0]!.sections![1]!.id = 'end';
    f.pages[0]!.elements[2]!.section = 'end';
    f.pages[0]!.elements[3]!.section = 'end';
    const result = validateForm(f);
    const messages = result.ok ? [] : result.issues.map((i) => `${i.path} ${i.message}`);
    assert.ok(
      messages.some((m) =>
        /sections\[0\]\.visibleIf\.question .*groupe « ia ».*« count », qui n'est pas une question placée avant/.test(
          m,
        ),
      ),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((m) => /elements\[5\]\.id L'identifiant « end » est déjà utilisé/.test(m)),
      messages.join('\n'),
    );
  });
});

describe('Sections: display conditions', () => {
  it('a hidden section hides every element inside it, its subsections included; the section shows with its first visible element', () => {
    const f = form();
    const none = visibleElementIds(f, { usesAi: false, count: 3, amount: 10 });
    assert.deepEqual([...none].sort(), ['end', 'usesAi']);
    const some = visibleElementIds(f, { usesAi: true, count: 1 });
    assert.deepEqual([...some].sort(), ['count', 'end', 'ia', 'usesAi']);
    const all = visibleElementIds(f, { usesAi: true, count: 2, amount: 5 });
    assert.deepEqual([...all].sort(), ['amount', 'budget', 'count', 'end', 'ia', 'names', 'note', 'usesAi']);
  });

  it('answers of a hidden section are pruned, and conditions after it see them as unanswered (cascade)', () => {
    const f = form();
    const kept = pruneHidden(f, { usesAi: true, count: 1, amount: 5, names: 'x', end: 'fin' });
    assert.deepEqual(kept, { usesAi: true, count: 1, end: 'fin' });
  });
});

describe('Sections: the page as a tree', () => {
  it('groups consecutive elements in their nested sections, in order', () => {
    const tree = pageTree(form().pages[0]!);
    const shape = (nodes: ReturnType<typeof pageTree>): unknown =>
      nodes.map((n) => ('section' in n ? { [n.section.id]: shape(n.children) } : n.element.id));
    assert.deepEqual(shape(tree), ['usesAi', { ia: ['count', { budget: ['amount', 'note'] }, 'names'] }, 'end']);
  });
});

describe('Sections in results and exports', () => {
  it('each question in a titled group is named with its group’s titles, outermost first', () => {
    assert.deepEqual(sectionTitles([form()]), {
      count: 'Vos projets d’IA',
      amount: 'Vos projets d’IA › Budget',
      note: 'Vos projets d’IA › Budget',
      names: 'Vos projets d’IA',
    });
  });

  it('results (computed, or rebuilt from counters) carry the groups, shown above each question’s count', () => {
    const f = form();
    const responses = [
      { usesAi: true, count: 2, amount: 10 },
      { usesAi: false, end: 'non' },
    ];
    const computed = computeResults([f], responses, { includeRestricted: true });
    assert.equal(computed.groups?.amount, 'Vos projets d’IA › Budget');
    const questions = unionQuestions([f]);
    const contributions = responses.map((a) => contribution(questions, a));
    const rebuilt = resultsFromCells(
      [f],
      { responses: 2, cells: contributions.flatMap((c) => c.cells), texts: contributions.flatMap((c) => c.texts) },
      { includeRestricted: true },
    );
    assert.deepEqual(rebuilt.groups, computed.groups);
    const html = renderToString(FormResultsList({ results: computed }) as never);
    assert.match(html, /Groupe « Vos projets d’IA › Budget » — 1 réponse/);
  });

  it('the JSON export describes each question’s group', () => {
    const described = questionsJson(unionQuestions([form()]), sectionTitles([form()])) as {
      id: string;
      group?: string;
    }[];
    assert.deepEqual(
      described.map((q) => [q.id, q.group ?? null]),
      [
        ['usesAi', null],
        ['count', 'Vos projets d’IA'],
        ['amount', 'Vos projets d’IA › Budget'],
        ['names', 'Vos projets d’IA'],
        ['end', null],
      ],
    );
  });

  it('the CSV and XLSX column titles name each question’s group before its label', () => {
    const questions = unionQuestions([form()]);
    const header = answerHeader(questions, sectionTitles([form()]));
    const amount = questions.findIndex((q) => q.id === 'amount');
    const usesAi = questions.findIndex((q) => q.id === 'usesAi');
    assert.equal(header[amount], `Vos projets d’IA › Budget › ${questions[amount]!.label}`);
    assert.equal(header[usesAi], questions[usesAi]!.label);
  });
});

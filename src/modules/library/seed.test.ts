import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateContent } from './model.ts';
import { commonsCategories, projectStatuses, techniques, themes } from './reference.ts';
import { DEMO_NOTE, DEMO_USE_CASES, demoContent } from './seed.ts';

describe('demo content', () => {
  const published = DEMO_USE_CASES.filter((d) => !d.state || d.state === 'published');

  it('has at least 40 published use cases over at least 20 authorities, plus drafts and use cases under review', () => {
    assert.ok(published.length >= 40, `${published.length} fiches publiées`);
    assert.ok(new Set(published.map((d) => d.org)).size >= 20);
    assert.ok(DEMO_USE_CASES.some((d) => d.state === 'draft'));
    assert.ok(DEMO_USE_CASES.some((d) => d.state === 'submitted'));
  });

  it('covers every theme, status, AI technique and commons category among published use cases', () => {
    const covered = (pick: (d: (typeof DEMO_USE_CASES)[number]) => string[]) => new Set(published.flatMap(pick));
    for (const t of themes.codes) assert.ok(covered((d) => [d.theme]).has(t), t);
    for (const s of projectStatuses.codes) assert.ok(covered((d) => [d.status]).has(s), s);
    for (const c of commonsCategories.codes) assert.ok(covered((d) => [d.commons]).has(c), c);
    for (const t of techniques.items.filter((i) => i.ai)) assert.ok(covered((d) => d.techniques).has(t.code), t.code);
  });

  it('gives complete, valid use cases with restricted fields filled and an honest note', () => {
    DEMO_USE_CASES.forEach((d, i) => {
      const c = demoContent(d, i);
      assert.deepEqual(validateContent(c, { complete: true }), {}, d.title);
      assert.ok(c.contactEmail && c.funding && c.internalNotes && c.algorithmName, d.title);
      assert.ok(c.description!.endsWith(DEMO_NOTE));
      assert.match(c.contactEmail!, /@service-\d+\.exemple\.fr$/);
    });
  });
});

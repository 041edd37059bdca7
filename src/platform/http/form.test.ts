// The one form reader: one rule for repeated values, one French message per wrong field.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ValidationError } from './errors.ts';
import { booleanField, choiceField, formFields, integerField, list, listField, text, textField } from './form.ts';

test('a text field sent several times keeps its last value; a list keeps every non-empty value in order', () => {
  const body = { title: ['brouillon', 'Titre final'], themes: ['eau', '', 'energie'], alone: 'x' };
  assert.equal(text(body, 'title'), 'Titre final');
  assert.equal(text(body, 'missing'), '');
  assert.deepEqual(list(body, 'themes'), ['eau', 'energie']);
  assert.deepEqual(list(body, 'alone'), ['x']);
  assert.deepEqual(list(body, 'missing'), []);
});

const form = formFields({
  title: textField('Titre', { required: true, maxLength: 10 }),
  year: integerField('Année', { min: 2000, max: 2030 }),
  kind: choiceField('Type', ['commune', 'epci'] as const, { required: true }),
  themes: listField('Thèmes', { allowed: ['eau', 'energie'] }),
  public: booleanField('Public'),
});

test('reads typed values from a posted form', () => {
  const { values, errors } = form.read({ title: ' Eau ', year: '2 024', kind: 'epci', themes: ['eau'], public: 'on' });
  assert.deepEqual(errors, {});
  assert.deepEqual(values, { title: 'Eau', year: 2024, kind: 'epci', themes: ['eau'], public: true });
});

test('gives each wrong field its own French message, and parse throws them as one ValidationError', () => {
  const body = { title: 'Un titre bien trop long', year: 'deux mille', themes: ['eau', 'mer'] };
  const { errors } = form.read(body);
  assert.deepEqual(Object.keys(errors).sort(), ['kind', 'themes', 'title', 'year']);
  assert.match(errors.title!, /Titre : 10 caractères au plus/);
  assert.match(errors.year!, /nombre entier/);
  assert.match(errors.kind!, /Choisissez type/);
  assert.match(errors.themes!, /choix inconnu « mer »/);
  assert.throws(
    () => form.parse(body),
    (e: unknown) => e instanceof ValidationError && e.status === 422 && !!e.fields?.title,
  );
});

test('its schema documents the declared fields and lets other fields (such as _csrf) through', () => {
  const schema = form.schema as { properties: Record<string, unknown>; additionalProperties: boolean };
  assert.deepEqual(Object.keys(schema.properties), ['title', 'year', 'kind', 'themes', 'public']);
  assert.equal(schema.additionalProperties, true);
});

// A draft's error on a display condition lands on the builder form's field for that condition.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { conditionFieldOf } from './builder.tsx';

test('an error on one rule of a condition names that rule and its part', () => {
  assert.equal(conditionFieldOf('visibleIf.question'), 'condition_0_question');
  assert.equal(conditionFieldOf('visibleIf.all[2].op'), 'condition_2_op');
  assert.equal(conditionFieldOf('visibleIf.any[1].value'), 'condition_1_value');
});

test('an error on the condition as a whole names its JSON field; any other path is not a condition', () => {
  assert.equal(conditionFieldOf('visibleIf'), 'condition_json');
  assert.equal(conditionFieldOf('visibleIf.all'), 'condition_json');
  assert.equal(conditionFieldOf('label'), null);
  assert.equal(conditionFieldOf('validation.min'), null);
});

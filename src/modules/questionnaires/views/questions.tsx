/**
 * Transition shim (forms engine extraction): the question components live in src/modules/forms/views/questions.tsx.
 * This wrapper keeps the former props (authorities as organisations rows) and gives the engine the organisations
 * module's picker; the questionnaires module should pass `organisationPicker` and `OrganisationOption`s itself.
 */
import {
  type Element,
  ElementBlock as FormElementBlock,
  QuestionField as FormQuestionField,
  type QuestionFieldProps as FormQuestionFieldProps,
  type OrganisationOption,
} from '../../forms/index.ts';
import type { Organisation } from '../../organisations/model.ts';
import { OrganisationPicker } from '../../organisations/views/picker.tsx';

export type QuestionFieldProps = Omit<FormQuestionFieldProps, 'organisationChoices' | 'organisationPicker'> & {
  /** Candidates when a typed authority name matched several. */
  organisationChoices?: Organisation[];
};

/** An authority as an answer option: its name, told apart from namesakes by its postcode and SIREN. */
export function organisationOption(o: Organisation): OrganisationOption {
  return {
    id: o.id,
    name: o.name,
    hint: [o.postcodes[0], o.siren ? `SIREN ${o.siren}` : ''].filter(Boolean).join(' — '),
  };
}

function engineProps<P extends Omit<QuestionFieldProps, 'question'>>(props: P) {
  return {
    ...props,
    organisationChoices: props.organisationChoices?.map(organisationOption),
    organisationPicker: OrganisationPicker,
  };
}

export function QuestionField(props: QuestionFieldProps) {
  return <FormQuestionField {...engineProps(props)} />;
}

export function ElementBlock(props: Omit<QuestionFieldProps, 'question'> & { element: Element; visible: boolean }) {
  return <FormElementBlock {...engineProps(props)} />;
}

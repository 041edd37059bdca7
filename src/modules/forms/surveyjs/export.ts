/**
 * SurveyJS export: one SurveyJS page per page, each section as a `panel` (nested as they are, with their name, title,
 * description and condition), `clearInvisibleValues: "onHidden"` so that hidden answers are forgotten as they are here. Our extra question properties (`restricted`, `publicText`, `libraryField`, `organisationPicker`) are written as
 * SurveyJS custom properties unless `customProperties: false`; register them with `SURVEYJS_CUSTOM_PROPERTIES`.
 */
import {
  type Choice,
  type Condition,
  type Element,
  type Form,
  isComparison,
  type PageNode,
  pageTree,
} from '../model.ts';
import { conditionToExpression, isNumericCode } from './expressions.ts';
import { infoToHtml, type Json, type ReportEntry } from './shared.ts';

// ---------------------------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------------------------

export interface SurveyJsExport {
  json: Json;
  /** What SurveyJS cannot express exactly (for instance the authority picker, exported as a text field). */
  report: ReportEntry[];
}

export interface ExportOptions {
  /** Write `restricted`, `publicText`, `libraryField` and `organisationPicker` as SurveyJS custom properties (default true). */
  customProperties?: boolean;
}

/** Choices whose codes are all integers are written as JSON numbers, as SurveyJS surveys usually have them. */
function hasNumericChoices(el: Element): boolean {
  if (el.type !== 'single_choice' && el.type !== 'dropdown' && el.type !== 'multiple_choice' && el.type !== 'ranking') {
    return false;
  }
  return el.choices.length > 0 && el.choices.every((c) => isNumericCode(c.code));
}

function choicesJson(list: Choice[], numeric = false): Json[] {
  return list.map((c) => ({ value: numeric ? Number(c.code) : c.code, text: c.label }));
}

/** Exports a form as SurveyJS JSON. */
export function toSurveyJs(questionnaire: Form, options: ExportOptions = {}): SurveyJsExport {
  const custom = options.customProperties !== false;
  const report: ReportEntry[] = [];
  const json: Json = { title: questionnaire.title };
  if (questionnaire.description) json.description = questionnaire.description;
  json.clearInvisibleValues = 'onHidden';
  const numericChoices = new Set(
    questionnaire.pages.flatMap((p) => p.elements.filter(hasNumericChoices).map((e) => e.id)),
  );
  json.pages = questionnaire.pages.map((page, p) => {
    const out: Json = { name: page.id, title: page.title };
    if (page.description) out.description = page.description;
    const nodeJson = (node: PageNode): Json => {
      if ('element' in node)
        return elementJson(node.element, `pages[${p}].elements[${page.elements.indexOf(node.element)}]`);
      const { section } = node;
      const panel: Json = { type: 'panel', name: section.id };
      if (section.title) panel.title = section.title;
      if (section.description) panel.description = section.description;
      if (section.visibleIf) {
        panel.visibleIf = expression(section.visibleIf, `pages[${p}].sections[${page.sections?.indexOf(section)}]`);
      }
      panel.elements = node.children.map(nodeJson);
      return panel;
    };
    out.elements = pageTree(page).map(nodeJson);
    return out;
  });
  return { json, report };

  function elementJson(el: Element, path: string): Json {
    if (el.type === 'info') {
      const out: Json = { type: 'html', name: el.id, html: infoToHtml(el) };
      if (el.visibleIf) out.visibleIf = expression(el.visibleIf, path);
      return out;
    }
    const q = el;
    const out: Json = { type: '', name: q.id, title: q.label };
    if (q.hint) out.description = q.hint;
    if (q.required) out.isRequired = true;
    if (q.visibleIf) out.visibleIf = expression(q.visibleIf, path);
    const v = q.validation ?? {};
    const validators: Json[] = [];
    const textValidator = () => {
      if (v.minLength !== undefined || v.maxLength !== undefined) {
        validators.push({
          type: 'text',
          ...(v.minLength !== undefined ? { minLength: v.minLength } : {}),
          ...(v.maxLength !== undefined ? { maxLength: v.maxLength } : {}),
        });
      }
      if (v.pattern !== undefined) {
        validators.push({
          type: 'regex',
          regex: `^(?:${v.pattern})$`,
          ...(v.patternMessage ? { text: v.patternMessage } : {}),
        });
      }
    };
    switch (q.type) {
      case 'short_text':
        out.type = 'text';
        textValidator();
        break;
      case 'long_text':
        out.type = 'comment';
        textValidator();
        break;
      case 'email':
        out.type = 'text';
        out.inputType = 'email';
        textValidator();
        validators.push({ type: 'email' });
        break;
      case 'url':
        out.type = 'text';
        out.inputType = 'url';
        textValidator();
        break;
      case 'number':
        out.type = 'text';
        out.inputType = 'number';
        if (v.min !== undefined) out.min = v.min;
        if (v.max !== undefined) out.max = v.max;
        if (v.min !== undefined || v.max !== undefined) {
          validators.push({
            type: 'numeric',
            ...(v.min !== undefined ? { minValue: v.min } : {}),
            ...(v.max !== undefined ? { maxValue: v.max } : {}),
          });
        }
        break;
      case 'date':
        out.type = 'text';
        out.inputType = q.precision === 'month' ? 'month' : 'date';
        break;
      case 'single_choice':
      case 'dropdown':
      case 'multiple_choice':
        out.type = q.type === 'single_choice' ? 'radiogroup' : q.type === 'dropdown' ? 'dropdown' : 'checkbox';
        out.choices = choicesJson(q.choices, numericChoices.has(q.id));
        if (q.allowOther) {
          out.showOtherItem = true;
          if (q.otherLabel) out.otherText = q.otherLabel;
        }
        if (q.type === 'multiple_choice') {
          if (q.minChoices !== undefined) out.minSelectedChoices = q.minChoices;
          if (q.maxChoices !== undefined) out.maxSelectedChoices = q.maxChoices;
        }
        break;
      case 'yes_no':
        out.type = 'boolean';
        out.labelTrue = 'Oui';
        out.labelFalse = 'Non';
        break;
      case 'scale':
        out.type = 'rating';
        out.rateMin = 1;
        out.rateMax = q.max;
        if (q.minLabel) out.minRateDescription = q.minLabel;
        if (q.maxLabel) out.maxRateDescription = q.maxLabel;
        break;
      case 'matrix':
        out.type = 'matrix';
        out.rows = choicesJson(q.rows);
        out.columns = choicesJson(q.columns);
        if (q.allRowsRequired) out.eachRowRequired = true;
        break;
      case 'ranking':
        out.type = 'ranking';
        out.choices = choicesJson(q.choices, numericChoices.has(q.id));
        break;
      case 'organisation':
        out.type = 'text';
        if (custom) out.organisationPicker = true;
        report.push({
          path,
          message: `La question « ${q.id} » (choix d'une collectivité) est exportée comme un champ texte : SurveyJS n'a pas de sélecteur de collectivité.`,
        });
        break;
      case 'file':
        out.type = 'file';
        out.maxSize = q.maxSizeBytes;
        out.acceptedTypes = q.accept.join(',');
        break;
    }
    if (validators.length) out.validators = validators;
    if (custom) {
      if (q.restricted) out.restricted = true;
      if (q.publicText) out.publicText = true;
      if (q.libraryField) out.libraryField = q.libraryField;
    } else if (q.restricted || q.publicText || q.libraryField) {
      report.push({
        path,
        message: `Les propriétés propres à la plateforme de « ${q.id} » (restreinte, texte publiable, champ de fiche) ne sont pas exportées.`,
      });
    }
    return out;
  }

  function expression(c: Condition, path: string): string {
    const s = conditionToExpression(c, false, numericChoices);
    const values: unknown[] = [];
    const walk = (x: Condition) => {
      if (isComparison(x)) values.push(x.value);
      else ('all' in x ? x.all : x.any).forEach(walk);
    };
    walk(c);
    if (values.some((v) => typeof v === 'string' && /\\['"]/.test(v))) {
      report.push({
        path: `${path}.visibleIf`,
        message:
          'Une valeur de condition contient une barre oblique inverse suivie d’un guillemet : SurveyJS la lira autrement.',
      });
    }
    return s;
  }
}

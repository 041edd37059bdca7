// The forms island under its historic asset name /assets/questionnaire.js (the questionnaires' answer pages load it).
import './forms.ts';

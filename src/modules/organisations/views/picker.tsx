/**
 * Transitional: the authority picker moved to the platform's UI (src/platform/ui/organisation-picker.tsx). This
 * re-export keeps the modules that still import it from here working; remove it once they import the platform's.
 */
export {
  OrganisationPicker,
  type OrganisationPickerProps,
  PICKER_HINT,
  PICKER_SCRIPT,
} from '../../../platform/ui/organisation-picker.tsx';

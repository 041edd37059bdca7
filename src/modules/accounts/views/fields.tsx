/** The fields the account forms share: an e-mail address and a password. */
import { TextInput } from '../../../platform/ui/components.tsx';

/** A required e-mail address field: e-mail keyboard, no spell-checking (an address is not a word). */
export function EmailField(props: {
  name?: string;
  label?: string;
  hint?: string;
  autocomplete?: 'email' | 'username';
  value?: string;
  error?: string;
}) {
  return (
    <TextInput
      name={props.name ?? 'email'}
      type="email"
      label={props.label ?? 'Adresse électronique'}
      hint={props.hint}
      autocomplete={props.autocomplete ?? 'email'}
      inputmode="email"
      value={props.value}
      error={props.error}
      required
      extra={{ spellcheck: 'false' }}
    />
  );
}

/**
 * A required password field, never filled back in. `autocomplete` tells password managers whether to fill in the
 * current password or to propose a new one.
 */
export function PasswordField(props: {
  name?: string;
  label?: string;
  hint?: string;
  autocomplete: 'current-password' | 'new-password';
  error?: string;
}) {
  return (
    <TextInput
      name={props.name ?? 'password'}
      type="password"
      label={props.label ?? 'Mot de passe'}
      hint={props.hint}
      autocomplete={props.autocomplete}
      error={props.error}
      required
    />
  );
}

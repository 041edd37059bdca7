/**
 * The search form of a catalogue page (commons, challenges, initiatives…): the text, one group of checkboxes per
 * facet that has values (each value with its count), the order, and the « did you mean » line under it. Works
 * without JavaScript (a GET form); the facets come from the catalogue read-model's counts.
 */
import { ChoiceGroup, Select, TextInput } from './components.tsx';

/** A facet as the form shows it: its query parameter, its legend and its values with their counts. */
export interface SearchFacet {
  param: string;
  legend: string;
  values: readonly { code: string; label: string; count: number; selected: boolean }[];
}

export function CatalogueSearchForm(props: {
  action: string;
  /** « Rechercher un commun »: the form's name and the text field's label. */
  label: string;
  q: string;
  facets: readonly SearchFacet[];
  sort: { value: string; emptyLabel: string; options: { value: string; label: string }[] };
  /** The text searched first, when the results are those of the suggested spelling. */
  correctedFrom?: string | null;
}) {
  return (
    <>
      <form method="get" action={props.action} class="catalogue-search" aria-label={props.label}>
        <TextInput name="q" label={props.label} value={props.q} type="search" />
        {props.facets.map((f) =>
          f.values.length ? (
            <ChoiceGroup
              name={f.param}
              legend={f.legend}
              type="checkbox"
              options={f.values.map((c) => ({ value: c.code, label: `${c.label} (${c.count})` }))}
              value={f.values.filter((c) => c.selected).map((c) => c.code)}
            />
          ) : null,
        )}
        <Select
          name="tri"
          label="Trier par"
          value={props.sort.value}
          emptyLabel={props.sort.emptyLabel}
          options={props.sort.options}
        />
        <button type="submit" class="button button-primary">
          Rechercher
        </button>
      </form>
      {props.correctedFrom && (
        <p>
          Aucun résultat pour « {props.correctedFrom} » : résultats pour « {props.q} ».
        </p>
      )}
    </>
  );
}

/**
 * Licence identifiers of the SPDX License List (facts: the identifiers and official names of the licences most used
 * for public-sector code, data and models). A commons entry's licence is one of them; matching ignores case.
 */
export const SPDX_LICENCES: readonly { id: string; name: string }[] = [
  { id: '0BSD', name: 'BSD Zero Clause License' },
  { id: 'AGPL-3.0-only', name: 'GNU Affero General Public License v3.0 only' },
  { id: 'AGPL-3.0-or-later', name: 'GNU Affero General Public License v3.0 or later' },
  { id: 'Apache-2.0', name: 'Apache License 2.0' },
  { id: 'Artistic-2.0', name: 'Artistic License 2.0' },
  { id: 'BSD-2-Clause', name: 'BSD 2-Clause "Simplified" License' },
  { id: 'BSD-3-Clause', name: 'BSD 3-Clause "New" or "Revised" License' },
  { id: 'BSL-1.0', name: 'Boost Software License 1.0' },
  { id: 'CC-BY-4.0', name: 'Creative Commons Attribution 4.0 International' },
  { id: 'CC-BY-SA-4.0', name: 'Creative Commons Attribution Share Alike 4.0 International' },
  { id: 'CC-BY-NC-4.0', name: 'Creative Commons Attribution Non Commercial 4.0 International' },
  { id: 'CC-BY-NC-SA-4.0', name: 'Creative Commons Attribution Non Commercial Share Alike 4.0 International' },
  { id: 'CC-BY-ND-4.0', name: 'Creative Commons Attribution No Derivatives 4.0 International' },
  { id: 'CC0-1.0', name: 'Creative Commons Zero v1.0 Universal' },
  { id: 'CDDL-1.0', name: 'Common Development and Distribution License 1.0' },
  { id: 'CECILL-2.1', name: 'CeCILL Free Software License Agreement v2.1' },
  { id: 'CECILL-B', name: 'CeCILL-B Free Software License Agreement' },
  { id: 'CECILL-C', name: 'CeCILL-C Free Software License Agreement' },
  { id: 'EPL-2.0', name: 'Eclipse Public License 2.0' },
  { id: 'etalab-2.0', name: 'Etalab Open License 2.0' },
  { id: 'EUPL-1.1', name: 'European Union Public License 1.1' },
  { id: 'EUPL-1.2', name: 'European Union Public License 1.2' },
  { id: 'GPL-2.0-only', name: 'GNU General Public License v2.0 only' },
  { id: 'GPL-2.0-or-later', name: 'GNU General Public License v2.0 or later' },
  { id: 'GPL-3.0-only', name: 'GNU General Public License v3.0 only' },
  { id: 'GPL-3.0-or-later', name: 'GNU General Public License v3.0 or later' },
  { id: 'ISC', name: 'ISC License' },
  { id: 'LGPL-2.1-only', name: 'GNU Lesser General Public License v2.1 only' },
  { id: 'LGPL-2.1-or-later', name: 'GNU Lesser General Public License v2.1 or later' },
  { id: 'LGPL-3.0-only', name: 'GNU Lesser General Public License v3.0 only' },
  { id: 'LGPL-3.0-or-later', name: 'GNU Lesser General Public License v3.0 or later' },
  { id: 'MIT', name: 'MIT License' },
  { id: 'MPL-2.0', name: 'Mozilla Public License 2.0' },
  { id: 'ODbL-1.0', name: 'Open Data Commons Open Database License v1.0' },
  { id: 'ODC-By-1.0', name: 'Open Data Commons Attribution License v1.0' },
  { id: 'OFL-1.1', name: 'SIL Open Font License 1.1' },
  { id: 'PDDL-1.0', name: 'Open Data Commons Public Domain Dedication & License 1.0' },
  { id: 'Unlicense', name: 'The Unlicense' },
  { id: 'Zlib', name: 'zlib License' },
];

const BY_LOWER = new Map(SPDX_LICENCES.map((l) => [l.id.toLowerCase(), l]));

/** The SPDX identifier as listed (case fixed), or null when unknown. Deprecated « GPL-3.0 » forms are refused. */
export function spdxIdentifier(value: string): string | null {
  return BY_LOWER.get(value.trim().toLowerCase())?.id ?? null;
}

export function spdxName(id: string | null): string {
  return (id && BY_LOWER.get(id.toLowerCase())?.name) || '';
}

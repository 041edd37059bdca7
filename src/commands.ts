// Module commands register themselves with the CLI here, one import per module that has commands.
// Example: import './modules/library/cli.ts';
import './modules/organisations/cli.ts';
import './modules/library/cli.ts';
import './modules/questionnaires/cli.ts';

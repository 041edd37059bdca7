// Every page type of the site in Chromium, as each role that visits it: part 2 of 2 (test/e2e/page-suite.ts).
import { pageSuite } from './page-suite.ts';

pageSuite(2);

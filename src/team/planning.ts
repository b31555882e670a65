/** The planner the team uses (one import point). */
export { plan } from '../planner/index.js';

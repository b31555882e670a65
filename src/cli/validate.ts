/**
 * `atelier validate DOMAIN PROBLEM PLAN`: checks a plan like VAL does. Exit 0 when the
 * plan is valid, 1 when it is not (the first failing step and what was unmet are
 * printed), 2 for bad input (file:line:col of the mistake).
 */
import { Command } from 'commander';
import { formatLocation } from '../errors.js';
import { loadDomainFile, loadPlanFile, loadProblemFile } from '../pddl/index.js';
import { validate } from '../planner/validator/index.js';

export function validateCommand(): Command {
  return (
    new Command('validate')
      .description(
        'Check that a plan solves a PDDL problem; print its cost or the first failing step',
      )
      .argument('<domain>', 'PDDL domain file')
      .argument('<problem>', 'PDDL problem file')
      .argument('<plan>', 'plan file: one (action arg...) per line, ; comments')
      // addCommand() does not pass the parent's settings down: without this a usage
      // mistake would exit with commander's code 1 instead of going through main's handler (2).
      .exitOverride()
      .showHelpAfterError()
      .action((domainPath: string, problemPath: string, planPath: string) => {
        const domain = loadDomainFile(domainPath);
        const problem = loadProblemFile(problemPath, domain);
        const plan = loadPlanFile(planPath);
        const result = validate(domain, problem, plan);
        if (result.valid) {
          process.stdout.write(
            `Plan valid: ${result.steps} step${result.steps === 1 ? '' : 's'}, cost = ${result.cost}\n`,
          );
          return;
        }
        const lines = [`Plan invalid: ${result.message}`];
        if (result.step?.loc !== undefined) lines.push(`  at ${formatLocation(result.step.loc)}`);
        const unmet = result.unmet ?? [];
        for (const u of unmet.slice(0, 20)) lines.push(`  unmet: ${u}`);
        if (unmet.length > 20) lines.push(`  ... and ${unmet.length - 20} more`);
        process.stdout.write(`${lines.join('\n')}\n`);
        process.exitCode = 1;
      })
  );
}

/** The `atelier reason` command (commander); the work is in reason-run.ts. */
import { Command } from 'commander';
import { runReason } from './reason-run.js';

export function reasonCommand(): Command {
  return new Command('reason')
    .description(
      'Derive facts from Datalog rules; answer queries; explain why (or why not) a fact holds',
    )
    .argument('<files...>', 'Datalog files (facts and rules, Prolog/Soufflé syntax)')
    .option('--query <pattern>', "print the bindings of a query, e.g. 'path(X, b)'")
    .option('--why <fact>', 'print a proof tree of a fact')
    .option(
      '--why-not <fact>',
      'explain which premise fails for each rule that could derive a fact',
    )
    .option('--json', 'print JSON')
    .action(runReason);
}

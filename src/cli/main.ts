import { Command, CommanderError } from 'commander';
import { UserError, formatUserError } from '../errors.js';
import { version } from './version.js';
import { validateCommand } from './validate.js';
import { reasonCommand } from './reason.js';
import { serveCommand } from './serve.js';
import { chatCommand } from './chat.js';
import { resumeCommand, runCommand } from './run.js';
import { runsCommand, showCommand } from './runs.js';
import { planCommand } from './plan.js';

/**
 * The `atelier` command. Each capability contributes one subcommand module;
 * this file only wires them together and turns user errors into exit codes.
 */
const program = new Command('atelier')
  .description('Teams of AI assistants that reason, plan and collaborate.')
  .version(version)
  .showHelpAfterError()
  .exitOverride();

const commands: Array<() => Command> = [validateCommand, reasonCommand, serveCommand, chatCommand, runCommand, runsCommand, showCommand, resumeCommand, planCommand];
for (const make of commands) program.addCommand(make());
// Subcommands do not inherit exitOverride: without it a usage mistake would exit 1, not 2.
for (const command of program.commands) command.exitOverride().showHelpAfterError();

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // Help and version "errors" are normal exits; usage mistakes are bad input.
    process.exitCode = err.exitCode === 0 ? 0 : 2;
  } else if (err instanceof UserError) {
    process.stderr.write(`${formatUserError(err)}\n`);
    process.exitCode = err.exitCode;
  } else {
    throw err;
  }
}

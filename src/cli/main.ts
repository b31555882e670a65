import { Command, CommanderError } from 'commander';
import { UserError, formatUserError } from '../errors.js';
import { version } from '../version.js';

/**
 * The `atelier` command. Each capability contributes one subcommand module; this file
 * only wires them together and turns user errors into exit codes.
 *
 * Subcommand modules are imported on demand: `atelier plan` loads the planner, not the
 * HTTP server or the agent runtime, so it starts fast. `--help` loads them all.
 */
type CommandFactory = () => Command;

// A reader that stops early (`atelier show RUN | head`) closes the pipe: stop quietly
// rather than crash on EPIPE. Other stream errors are real and still surface.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}

const COMMANDS: Record<string, () => Promise<CommandFactory>> = {
  plan: async () => (await import('./plan.js')).planCommand,
  validate: async () => (await import('./validate.js')).validateCommand,
  reason: async () => (await import('./reason.js')).reasonCommand,
  run: async () => (await import('./run.js')).runCommand,
  resume: async () => (await import('./run.js')).resumeCommand,
  runs: async () => (await import('./runs.js')).runsCommand,
  show: async () => (await import('./runs.js')).showCommand,
  chat: async () => (await import('./chat.js')).chatCommand,
  serve: async () => (await import('./serve.js')).serveCommand,
};

const program = new Command('atelier')
  .description('Teams of AI assistants that reason, plan and collaborate.')
  .version(version)
  .showHelpAfterError()
  .exitOverride();

const requested = process.argv[2];
const names = requested !== undefined && requested in COMMANDS ? [requested] : Object.keys(COMMANDS);
for (const name of names) program.addCommand((await COMMANDS[name]!())());
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

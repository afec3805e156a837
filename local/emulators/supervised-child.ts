/**
 * Runs a command and kills it when the process that started this one goes away, even by SIGKILL:
 * the IPC channel to the parent closes, and so does the command. A JVM on its own would outlive a
 * crashed `npm start` and hold the port and the data folder.
 */
import { spawn } from 'node:child_process';

const [command, ...args] = process.argv.slice(2);
if (!command) throw new Error('usage: supervised-child <command> [args...]');

const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
const stop = () => {
  if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    process.exit(0);
  }, 3000).unref();
};
process.on('disconnect', stop);
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
child.on('exit', (code) => process.exit(code ?? 1));
child.on('error', (error) => {
  process.send?.({ error: error.message });
  process.exit(127);
});

/**
 * A backup or restore that cannot go ahead for a reason the operator can act on (a missing file,
 * a backup of the other database, a database that cannot be reached): the command prints the
 * message alone, without a stack trace, and exits with the code.
 */
export class BackupError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = "BackupError";
  }
}

/** Exit code for input the operator should change: a wrong file, a target that needs --force. */
export const BAD_INPUT = 2;
